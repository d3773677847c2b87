/**
 * Stale-translation tracking: each non-default locale remembers a hash of the default locale's
 * translated text it was made from; when that text changes, the translation is stale.
 */
import { createHash } from 'crypto';
import { NewsroomKind, TRANSLATED_FIELDS } from './kinds';

export type TranslationStatus = 'source' | 'current' | 'stale';

/** Drops ids and Strapi bookkeeping from components so only the text counts. */
function textOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(textOnly);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      if (key === 'id' || key === '__component' || key === '__pivot' || key === 'documentId') continue;
      out[key] = textOnly((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value === undefined ? null : value;
}

export function sourceHash(kind: NewsroomKind, row: Record<string, unknown>): string {
  const text = TRANSLATED_FIELDS[kind].map((field) => [field, textOnly(row[field] ?? null)]);
  return createHash('sha256').update(JSON.stringify(text)).digest('hex').slice(0, 32);
}

export function translationStatus(
  isDefaultLocale: boolean,
  translatedFromHash: string | null | undefined,
  currentSourceHash: string | null,
): TranslationStatus {
  if (isDefaultLocale) return 'source';
  if (!currentSourceHash || !translatedFromHash) return currentSourceHash ? 'stale' : 'current';
  return translatedFromHash === currentSourceHash ? 'current' : 'stale';
}

/** True when a write to a locale touches text a translator is responsible for. */
export function touchesTranslatedText(kind: NewsroomKind, data: Record<string, unknown>): boolean {
  return TRANSLATED_FIELDS[kind].some((field) => field in data);
}
