/**
 * Stale-translation tracking: each non-default locale remembers a hash of the default locale's
 * translated text it was made from; when that text changes, the translation is stale.
 */
import { createHash } from 'crypto';
import { NewsroomKind, TRANSLATED_FIELDS } from '../content-types/facts';
import type { TranslationStatus } from '../content-types/facts';
export type { TranslationStatus };

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

/**
 * The one rule for `translationStatus`, used by the write path, the database safety net,
 * reconciliation and `newsroom:check`:
 *  - a row in the default locale is the `source`;
 *  - a row that never recorded a source text (`translatedFromHash` empty) is an original written in
 *    its own locale — an English original, or the first locale of a document — so it is a `source` too,
 *    whatever locales are added later;
 *  - a translation (a recorded hash) is `current` while the default locale's text still hashes the
 *    same, `stale` once it differs, and `current` when the default locale's row is gone (nothing newer
 *    to be stale against).
 */
export function translationStatus(
  isDefaultLocale: boolean,
  translatedFromHash: string | null | undefined,
  currentSourceHash: string | null | undefined,
): TranslationStatus {
  if (isDefaultLocale || !translatedFromHash) return 'source';
  if (!currentSourceHash) return 'current';
  return translatedFromHash === currentSourceHash ? 'current' : 'stale';
}

/**
 * The source hash each row of a set of rows (of several documents and locales, draft and published) is
 * judged against: the default locale's row of the same document and the same version (draft or
 * published), falling back to its draft when that version does not exist in the default locale.
 */
export function sourceHashesFor(kind: NewsroomKind, rows: Array<Record<string, unknown>>, defaultLocale: string) {
  const hashes = new Map<string, string>();
  for (const row of rows) {
    if (row.locale === defaultLocale) hashes.set(`${row.documentId}:${!!row.publishedAt}`, sourceHash(kind, row));
  }
  return (row: Record<string, unknown>): string | null => hashes.get(`${row.documentId}:${!!row.publishedAt}`) ?? hashes.get(`${row.documentId}:false`) ?? null;
}

/** True when a write to a locale touches text a translator is responsible for. */
export function touchesTranslatedText(kind: NewsroomKind, data: Record<string, unknown>): boolean {
  return TRANSLATED_FIELDS[kind].some((field) => field in data);
}
