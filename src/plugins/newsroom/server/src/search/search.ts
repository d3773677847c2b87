/**
 * Story search, the pure part: what a search request may ask (validated, bounded), how its terms
 * are written for each database's index (FTS5 trigram phrases, LIKE patterns), and the highlighted
 * snippet of a hit. The SQL runs in search-index.strapi.ts; every path writes the index through
 * the database itself (triggers on SQLite, an expression index on PostgreSQL), so no write path
 * can forget it.
 */
import { FieldProblem, problem } from '../enforcement/problems';
import { escapeHtml } from '../syndication/xml';

/** Longest query text accepted, in characters (a search box, not a document). */
export const SEARCH_MAX_QUERY_CHARS = 200;
/** Terms per query: each one is an AND-ed condition. */
export const SEARCH_MAX_TERMS = 8;
export const SEARCH_DEFAULT_LIMIT = 10;
export const SEARCH_MAX_LIMIT = 50;
/** Deepest page a client may ask for (offset = (page - 1) * limit): past it, narrow the query. */
export const SEARCH_MAX_OFFSET = 1000;
/** The trigram index needs three characters: shorter terms are matched by a scan of the hits of the others. */
export const TRIGRAM = 3;

export interface SearchParams {
  q?: unknown;
  locale?: unknown;
  district?: unknown;
  neighbourhood?: unknown;
  from?: unknown;
  to?: unknown;
  limit?: unknown;
  page?: unknown;
  status?: unknown;
}

export interface SearchQuery {
  /** The normalised text, as the client meant it (NFKC, one space between words). */
  text: string;
  /** Lower-cased terms, each matched as a substring (Chinese has no spaces to split words on). */
  terms: string[];
  locale: string;
  district?: string;
  /** A neighbourhood's documentId. */
  neighbourhood?: string;
  /** ISO instants bounding the first publication. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  /** Which rows: published (the public's), or the editor's drafts. */
  status: 'published' | 'draft';
}

export class SearchInputError extends Error {
  constructor(public problem: FieldProblem) {
    super(`${problem.path.join('.')}: ${problem.message}`);
    this.name = 'SearchInputError';
  }
}

const refuse = (path: string, message: string): never => {
  throw new SearchInputError(problem(path, message));
};

/** A single query-string value: repeated parameters (`q=a&q=b`) and objects (`q[x]=`) are refused. */
function single(name: string, value: unknown, maxChars = SEARCH_MAX_QUERY_CHARS): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') refuse(name, 'must be given once, as plain text');
  const text = value as string;
  if (text.length > maxChars) refuse(name, `must be at most ${maxChars} characters`);
  // NUL and other control characters have no place in a search box; they only probe parsers.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) refuse(name, 'must not contain control characters');
  return text;
}

function wholeNumber(name: string, value: unknown, min: number, max: number, fallback: number): number {
  const text = single(name, value, 12);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) refuse(name, `must be a whole number from ${min} to ${max}`);
  const n = Number(text);
  if (n < min || n > max) refuse(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

function instant(name: string, value: unknown): string | undefined {
  const text = single(name, value, 40);
  if (text === undefined) return undefined;
  // A date (2021-12-28) or an ISO instant; anything Date.parse would guess at is refused.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text))
    refuse(name, 'must be a date (YYYY-MM-DD) or an ISO 8601 instant');
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) refuse(name, 'must be a real date');
  return new Date(ms).toISOString();
}

/** NFKC folds full-width letters and digits (ＡＢＣ１２３) into the forms stories are written in. */
export const normaliseSearchText = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();

/**
 * Terms of a query: split on spaces, quotes and the operators other search boxes use are dropped
 * (they are matched as text, never interpreted), duplicates and terms inside longer ones removed.
 */
export function searchTerms(text: string): string[] {
  const words = normaliseSearchText(text)
    .toLowerCase()
    .split(/[\s"'“”‘’()（）「」『』《》【】,，。、;；:：!！?？]+/u)
    .map((w) => w.replace(/^[-+*^~]+|[*^~]+$/g, ''))
    .filter((w) => w.length > 0);
  const unique = [...new Set(words)].sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  for (const w of unique) if (!kept.some((k) => k.includes(w))) kept.push(w);
  return kept.slice(0, SEARCH_MAX_TERMS);
}

const DOCUMENT_ID = /^[a-z0-9]{1,64}$/i;

/** Validates a search request; throws SearchInputError naming the parameter. */
export function parseSearch(params: SearchParams, opts: { locales: string[]; defaultLocale: string; drafts?: boolean }): SearchQuery {
  const raw = single('q', params.q);
  if (raw === undefined) refuse('q', 'is required: the words to search for');
  const text = normaliseSearchText(raw as string);
  const terms = searchTerms(text);
  if (terms.length === 0) refuse('q', 'must contain at least one letter, digit or character');
  const locale = single('locale', params.locale, 35) ?? opts.defaultLocale;
  if (!opts.locales.includes(locale)) refuse('locale', `must be one of ${opts.locales.join(', ')}`);
  const district = single('district', params.district, 120);
  const neighbourhood = single('neighbourhood', params.neighbourhood, 64);
  if (neighbourhood !== undefined && !DOCUMENT_ID.test(neighbourhood)) refuse('neighbourhood', "must be a neighbourhood's documentId");
  const from = instant('from', params.from);
  const to = instant('to', params.to);
  if (from && to && from > to) refuse('to', 'must not be before from');
  const limit = wholeNumber('limit', params.limit, 1, SEARCH_MAX_LIMIT, SEARCH_DEFAULT_LIMIT);
  const page = wholeNumber('page', params.page, 1, Math.floor(SEARCH_MAX_OFFSET / limit) + 1, 1);
  const status = single('status', params.status, 20) ?? 'published';
  if (status !== 'published' && status !== 'draft') refuse('status', 'must be published or draft');
  if (status === 'draft' && !opts.drafts) refuse('status', 'drafts are searched in the admin only');
  return { text, terms, locale, district, neighbourhood, from, to, limit, offset: (page - 1) * limit, status: status as SearchQuery['status'] };
}

/** An FTS5 string literal: the term is matched as text, never as FTS5 syntax (AND, NEAR, *, column:). */
export const fts5Phrase = (term: string): string => `"${term.replace(/"/g, '""')}"`;

/** The MATCH expression for the terms the trigram index can serve (three characters or more). */
export function fts5Match(terms: string[]): string | null {
  const indexed = terms.filter((t) => [...t].length >= TRIGRAM);
  return indexed.length ? indexed.map(fts5Phrase).join(' AND ') : null;
}

/** A LIKE pattern that matches the term anywhere, with `%`, `_` and the escape itself escaped (ESCAPE '\'). */
export const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A snippet of `text` around the first match of any term, at most `width` characters, HTML-escaped,
 * with every match wrapped in <mark>. Without a match, the opening of the text.
 */
export function highlight(text: string, terms: string[], width = 120): string {
  const source = normaliseSearchText(text);
  const lower = source.toLowerCase();
  const chars = [...source];
  // Positions in code points (Chinese and emoji stay whole).
  const toCp = (utf16: number) => [...source.slice(0, utf16)].length;
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
      ranges.push([toCp(at), toCp(at + term.length)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r] as [number, number]);
  }
  const first = merged[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), chars.length - width));
  const end = Math.min(chars.length, start + width);
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [s, e] of merged) {
    if (e <= start || s >= end) continue;
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    out += escapeHtml(chars.slice(at, from).join('')) + '<mark>' + escapeHtml(chars.slice(from, to).join('')) + '</mark>';
    at = to;
  }
  out += escapeHtml(chars.slice(at, end).join('')) + (end < chars.length ? '…' : '');
  return out;
}

/** Does the text hold every term (case-insensitively)? Title matches rank first. */
export const containsAll = (text: string | null | undefined, terms: string[]): boolean => {
  const lower = normaliseSearchText(text ?? '').toLowerCase();
  return terms.every((t) => lower.includes(t));
};
