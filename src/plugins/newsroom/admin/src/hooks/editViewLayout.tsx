/**
 * Content-manager hook `Admin/CM/pages/EditView/mutate-edit-view-layout`:
 *  - system-managed fields (reprintNotice, creditLine, translationStatus) become read-only with an
 *    explanation under them — the server overwrites whatever is sent;
 *  - previousSlugs (a JSON list the server keeps) is not on the form at all: the article's rights
 *    panel lists it read-only, and other types have no use for it while editing;
 *  - internal fields (translatedFromHash, importKey, contentModifiedAt) are not on the form either;
 *  - fields with a newsroom input (facts.ts ADMIN_INPUTS: shares, the year built, times on the
 *    newsroom's clock, word lists) use it, whether or not the schema already declares it;
 *  - descriptions and placeholders the plugin wrote show in the admin's language (fieldWords.tsx).
 * The hook receives no model uid, so each newsroom type is recognised by its own fields.
 */
import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { Lock } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTrad } from '../pluginId';
import { ADMIN_INPUTS, SYSTEM_FIELDS as FACT_SYSTEM_FIELDS, UIDS as UIDS_BY_KIND, type NewsroomKind } from '../../../server/src/content-types/facts';
import { INTERNAL_FIELDS } from '../../../server/src/content-types/labels';
import { localizeFieldText } from './fieldWords';

/**
 * The server's system-managed fields (content-types/facts.ts) as the edit view shows them: read-only with a
 * hint. `translatedFromHash` is private bookkeeping with no hint of its own, left as before; `translatedFrom`
 * (the source text a translation was made from) is shown by the "changed in the source" panel instead.
 */
type SystemField = Exclude<(typeof FACT_SYSTEM_FIELDS)[number], 'translatedFromHash' | 'translatedFrom'>;
export const SYSTEM_FIELDS = FACT_SYSTEM_FIELDS.filter((f): f is SystemField => f !== 'translatedFromHash' && f !== 'translatedFrom');
/**
 * Fields that are no use on the edit form: previousSlugs (a JSON editor holding `null`; the rights
 * panel lists it), translatedFrom (the source panel shows it) and the internal ones (labels.ts; the
 * view configuration hides them too, but an admin may show them again there — the form still does
 * not offer them for editing).
 */
export const HIDDEN_FIELDS = ['previousSlugs', ...INTERNAL_FIELDS] as const;

const HINTS: Record<SystemField, string> = {
  reprintNotice: 'Set by the server: the exclusive notice in this locale when "exclusive" is on. Edits here are ignored.',
  creditLine: 'Set by the server from the origin outlet (or the news item outlet), in this locale. Edits here are ignored.',
  translationStatus: 'Set by the server: "stale" when the source locale changed after this translation. Edits here are ignored.',
  previousSlugs: 'Kept by the server: earlier slugs that still redirect. Edits here are ignored.',
};

export const SystemFieldHint = ({ field }: { field: string }) => {
  const { formatMessage } = useIntl();
  return (
    <Flex tag="span" gap={1} alignItems="center" data-testid={`newsroom-system-hint-${field}`}>
      <Lock width="1.2rem" height="1.2rem" aria-hidden />
      <Typography variant="pi" textColor="neutral600">
        {formatMessage({ id: getTrad(`system.${field}`), defaultMessage: HINTS[field as SystemField] })}
      </Typography>
    </Flex>
  );
};

type Field = { name: string; attribute?: any; disabled?: boolean; hint?: React.ReactNode; [k: string]: unknown };
type Layout = { layout: Field[][][]; components: Record<string, any>; [k: string]: unknown };

const namesOf = (layout: Layout) => new Set(layout.layout.flat(2).map((f) => f?.name));

/** Which newsroom type a layout belongs to, from its fields (null: not ours). */
export function kindOfLayout(names: Set<string | undefined>): NewsroomKind | null {
  if (!names.has('translationStatus')) return null;
  if (names.has('exclusive') && names.has('reprintNotice')) return 'article';
  if (names.has('tenantShare') && names.has('occupiedHouseholds')) return 'neighbourhood';
  if (names.has('outlet') && names.has('creditLine')) return 'news-item';
  return null;
}

export const mutateEditViewLayout = ({ layout, ...rest }: { layout: Layout; [k: string]: unknown }) => {
  if (!layout?.layout) return { layout, ...rest };
  const kind = kindOfLayout(namesOf(layout));
  if (!kind) return { layout, ...rest };
  const uid = UIDS_BY_KIND[kind];
  const inputs = ADMIN_INPUTS[kind];
  const decorate = (field: Field): Field => {
    if ((SYSTEM_FIELDS as readonly string[]).includes(field.name)) {
      return { ...field, disabled: true, hint: <SystemFieldHint field={field.name} /> };
    }
    const localized = localizeFieldText(uid, field);
    const input = inputs[field.name];
    if (input && !field.attribute?.customField) return { ...localized, attribute: { ...field.attribute, customField: input } };
    return localized;
  };
  const shown = (field: Field) => !(HIDDEN_FIELDS as readonly string[]).includes(field?.name);
  // Components' own fields: descriptions and placeholders in the admin's language too.
  const components = Object.fromEntries(
    Object.entries(layout.components ?? {}).map(([componentUid, component]) => [
      componentUid,
      component?.layout
        ? { ...component, layout: component.layout.map((row: Field[]) => row.map((field) => localizeFieldText(componentUid, field))) }
        : component,
    ]),
  );
  return {
    ...rest,
    layout: {
      ...layout,
      components,
      layout: layout.layout.map((panel) => panel.map((row) => row.filter(shown).map(decorate)).filter((row) => row.length > 0)),
    },
  };
};
