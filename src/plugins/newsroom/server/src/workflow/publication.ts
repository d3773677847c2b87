/**
 * Publication dates that mean what readers and search engines think they mean.
 *
 * - `firstPublishedAt` (per locale): set when a locale is first published, never moved by a
 *   republish (nor by unpublish + publish); an editor or the importer may set it (archive pieces).
 * - `contentModifiedAt` (per locale, system-managed): on a published row, when its published
 *   content last changed; a republish of the same content (or a change of flags the reader does not
 *   see as content, such as `autoPublish`) leaves it alone.
 * Feeds, JSON-LD, ninjs and the news sitemap take their dates from here.
 */
import { createHash } from 'crypto';
import { FieldProblem, problem } from '../enforcement/problems';
import { parseInstant } from './embargo';

/** What counts as the content of an article locale: a change here moves dateModified. */
export const CONTENT_FIELDS = [
  'title',
  'column',
  'standfirst',
  'body',
  'bylines',
  'keywords',
  'imageNote',
  'dateline',
  'exclusive',
  'reprintNotice',
  'creditLine',
  'origin',
  'corrections',
] as const;

const strip = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      if (key === 'id' || key === '__component' || key === 'documentId') continue;
      out[key] = strip((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
};

/** A stable digest of a row's content (component ids and key order do not count). */
export function contentFingerprint(row: Record<string, unknown>): string {
  const picked: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) picked[field] = strip(row[field]);
  if (Array.isArray(picked.corrections)) {
    // A correction's identity is its text and kind; the server stamps its date.
    picked.corrections = (picked.corrections as Array<{ text?: unknown; kind?: unknown } | null>).map((c) => ({
      text: c?.text ?? null,
      kind: c?.kind ?? null,
    }));
  }
  return createHash('sha256').update(JSON.stringify(picked)).digest('hex');
}

/** A first-publication date an editor or importer sets: a real instant, not in the future. */
export function firstPublishedProblems(value: unknown, now: Date): FieldProblem[] {
  const parsed = parseInstant(value);
  if (parsed === undefined) return [problem('firstPublishedAt', 'must be a date-time such as 2021-12-28T09:00:00+08:00, or null')];
  if (parsed && parsed.getTime() > now.getTime() + 60_000) return [problem('firstPublishedAt', 'cannot be in the future')];
  if (parsed && parsed.getUTCFullYear() < 1800) return [problem('firstPublishedAt', 'is before 1800')];
  return [];
}

export interface Dated {
  publishedAt: string;
  firstPublishedAt?: string | null;
  contentModifiedAt?: string | null;
  corrections?: Array<{ date?: string | null }> | null;
}

const latest = (values: Array<string | null | undefined>): string | undefined => {
  let best: { t: number; v: string } | undefined;
  for (const v of values) {
    if (!v) continue;
    const t = Date.parse(v);
    if (Number.isNaN(t)) continue;
    if (!best || t > best.t) best = { t, v };
  }
  return best?.v;
};

/** When the locale was first published (the stored date, else this publication for rows older than the field). */
export const datePublished = (a: Dated): string => a.firstPublishedAt || a.publishedAt;

/** When the published content last changed: never before the first publication. */
export const dateModified = (a: Dated): string =>
  latest([datePublished(a), a.contentModifiedAt, ...(a.corrections ?? []).map((c) => c?.date)]) ?? datePublished(a);
