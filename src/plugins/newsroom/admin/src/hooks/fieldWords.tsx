/**
 * The newsroom's descriptions and placeholders in the admin's language. The view configuration holds
 * them in English (setup/view-config.strapi.ts); the edit view shows them in the language the editor
 * chose, unless an admin wrote their own text there (then that text stays, as written).
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTrad } from '../pluginId';
import { ADMIN_LANGUAGES, WORDS_BY_UID, type AdminLanguage } from '../../../server/src/content-types/labels';

const descriptionId = (uid: string, field: string) => `field.${uid}.${field}.description`;

/** The description messages of every field, for one admin language (registerTrads). */
export function fieldTextMessages(language: string): Record<string, string> {
  if (!(ADMIN_LANGUAGES as readonly string[]).includes(language)) return {};
  const out: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(WORDS_BY_UID)) {
    for (const [field, words] of Object.entries(fields)) {
      const description = words[language as AdminLanguage].description;
      if (description) out[getTrad(descriptionId(uid, field))] = description;
    }
  }
  return out;
}

/** The language the admin speaks (Strapi keeps the editor's choice in localStorage). */
export function adminLanguage(): AdminLanguage {
  const chosen = typeof window === 'undefined' ? null : window.localStorage.getItem('strapi-admin-language');
  return (ADMIN_LANGUAGES as readonly string[]).includes(chosen ?? '') ? (chosen as AdminLanguage) : 'en';
}

const FieldDescription = ({ uid, field, english }: { uid: string; field: string; english: string }) => {
  const { formatMessage } = useIntl();
  return <>{formatMessage({ id: getTrad(descriptionId(uid, field)), defaultMessage: english })}</>;
};

type Field = { name: string; hint?: React.ReactNode; placeholder?: string; [k: string]: unknown };

/** A field's hint and placeholder in the admin's language, where they are still the plugin's English words. */
export function localizeFieldText<F extends Field>(uid: string, field: F): F {
  const words = WORDS_BY_UID[uid]?.[field.name];
  if (!words) return field;
  const next = { ...field };
  if (words.en.description && field.hint === words.en.description) {
    next.hint = <FieldDescription uid={uid} field={field.name} english={words.en.description} />;
  }
  const placeholder = words[adminLanguage()].placeholder;
  if (words.en.placeholder && field.placeholder === words.en.placeholder && placeholder) next.placeholder = placeholder;
  return next;
}
