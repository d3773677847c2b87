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

/** The article's components the workflow reads (content, rights and corrections). */
export const WORKFLOW_COMPONENTS = ['bylines', 'origin', 'corrections'] as const;

const holdsSomething = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value != null);

/**
 * The components an article's rows can hold after a write: those some row held before it (a publish
 * copies them, a locale may inherit them) and those the write's data sets. The others need not be read.
 */
export function componentsAfterWrite(before: readonly Record<string, unknown>[], data: Record<string, unknown> | null | undefined): string[] {
  return WORKFLOW_COMPONENTS.filter((field) => (data != null && typeof data === 'object' && field in data) || before.some((row) => holdsSomething(row[field])));
}

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

type Row = Record<string, unknown>;

const sameInstant = (a: unknown, b: unknown) => (a ? new Date(a as string).getTime() : null) === (b ? new Date(b as string).getTime() : null);
const rowKey = (r: Row) => `${r.locale}:${r.publishedAt ? 'published' : 'draft'}`;

export interface PublicationInput {
  /** A clone is a new story: it has not been published yet. */
  isClone: boolean;
  /** The document's rows before the write (every locale, draft and published; none for a new one). */
  before: readonly Row[];
  /** Its rows as the write left them. */
  rows: readonly Row[];
  /** When the write started. */
  now: Date;
  /** The locale written, and the first-publication date its client set (`value` null: cleared). */
  locale: string;
  clientFirstPublishedAt?: { value: string | null };
}

/**
 * The date fields a write sets on each row of an article (same order as `rows`; empty: nothing),
 * for every write path — the workflow after a Document Service write (workflow/write-hooks.strapi.ts)
 * and the importer's bulk rows (import/bulk-rows.ts): `firstPublishedAt` set once per locale (or as
 * the client set it) and carried by the locale's draft, `contentModifiedAt` moved only when a row's
 * content changed, and dated from a locale's first publication.
 */
export function publicationPatches(input: PublicationInput): Row[] {
  const { isClone, now, locale, clientFirstPublishedAt } = input;
  const before = new Map((isClone ? [] : input.before).map((r) => [rowKey(r), r]));
  const iso = now.toISOString();
  const rows = input.rows.map((r) => ({ ...r }));
  const patches = rows.map((row) => {
    const patch: Row = {};
    const old = before.get(rowKey(row));
    if (isClone) {
      patch.firstPublishedAt = null;
      patch.contentModifiedAt = iso;
    } else if (!old || contentFingerprint(old) !== contentFingerprint(row)) {
      patch.contentModifiedAt = iso;
    } else if (row.publishedAt && !sameInstant(old.contentModifiedAt, row.contentModifiedAt)) {
      // Republished with the same content: the published date of the last change stays.
      patch.contentModifiedAt = old.contentModifiedAt ?? null;
    }
    if (clientFirstPublishedAt && row.locale === locale && !isClone) patch.firstPublishedAt = clientFirstPublishedAt.value;
    const first = 'firstPublishedAt' in patch ? patch.firstPublishedAt : row.firstPublishedAt;
    if (!first && row.publishedAt && !isClone) patch.firstPublishedAt = new Date(row.publishedAt as string).toISOString();
    // A locale's first publication: its content dates from then (an archive piece from its own date).
    const neverPublished = !before.get(`${row.locale}:draft`)?.firstPublishedAt;
    if (row.publishedAt && !old && neverPublished && !isClone) patch.contentModifiedAt = new Date((patch.firstPublishedAt ?? first) as string).toISOString();
    Object.assign(row, patch);
    return patch;
  });
  // A locale's draft carries its first publication too (so republishing copies it forward).
  rows.forEach((row) => {
    if (!row.publishedAt || !row.firstPublishedAt) return;
    const draft = rows.findIndex((r) => !r.publishedAt && r.locale === row.locale);
    if (draft >= 0 && !sameInstant(rows[draft].firstPublishedAt, row.firstPublishedAt)) {
      rows[draft].firstPublishedAt = row.firstPublishedAt;
      patches[draft].firstPublishedAt = row.firstPublishedAt;
    }
  });
  return patches;
}
