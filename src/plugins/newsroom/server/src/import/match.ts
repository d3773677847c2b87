/**
 * How an imported page finds what already exists: by import key, then by normalised title (for
 * neighbourhoods, by name and district). Pure: the importer service feeds it rows it read.
 */

/** Title as compared: NFKC, case-folded, without blanks, punctuation or symbols. '用情融入,基层 “治理”' ≡ '用情融入基层治理'. */
export function normaliseTitle(title: string | null | undefined): string {
  if (!title) return '';
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\u200b-\u200d\ufeff]+/gu, '');
}

/** District as compared: '普陀区' ≡ '普陀', 'Putuo District' ≡ 'putuo'. */
export function normaliseDistrict(district: string | null | undefined): string {
  const s = normaliseTitle(district);
  return s.replace(/(新区|区|县|district|county)$/u, '') || s;
}

/** What a keyed document holds, as far as a re-import can tell whether it would change anything. */
export interface StoredContent {
  /** The draft row's fields (any the importer writes); undefined: not loaded, so never "unchanged". */
  draft?: Record<string, unknown>;
  /** The published row's fields; undefined: not published. */
  published?: Record<string, unknown>;
}

export interface ExistingRow {
  documentId: string;
  /** title / headline / name, as stored */
  title: string | null;
  importKey: string | null;
  district?: string | null;
  /** One row of the document (draft or published); a later row of the same document completes it. */
  content?: Record<string, unknown>;
  published?: boolean;
}

export type MatchedBy = 'importKey' | 'title' | 'name+district' | 'name';

export interface Match {
  documentId: string;
  by: MatchedBy;
  /** For an import-key match: what the document holds (when loaded). */
  stored?: StoredContent;
}

/** A value as compared: missing, null and an empty list are one "nothing"; objects by their JSON with sorted keys. */
function comparable(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return 'null';
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(value));
}

/** Whether `row` already holds every field of `data` (only the fields the import would write). */
export function holdsData(row: Record<string, unknown> | undefined, data: Record<string, unknown>): boolean {
  if (!row) return false;
  return Object.keys(data).every((field) => field === 'importKey' || comparable(row[field]) === comparable(data[field]));
}

/**
 * An import-key match whose document already holds what the page says is a link, not an update:
 * the draft holds the data, and when publishing, the published row holds it too. Anything else is
 * a real change and goes through the Document Service.
 */
export function unchangedByImport(match: Match | null, data: Record<string, unknown>, publish: boolean): boolean {
  if (!match || match.by !== 'importKey' || !match.stored) return false;
  return holdsData(match.stored.draft, data) && (!publish || holdsData(match.stored.published, data));
}

/** A document's known content with one more of its rows (a draft row replaces the draft, a published one the published). */
function contentOf(known: StoredContent | undefined, row: ExistingRow): StoredContent | undefined {
  if (!row.content) return known;
  return row.published ? { ...known, published: row.content } : { ...known, draft: row.content };
}

/**
 * An index of one content type in one locale. `find` answers by import key first, then by
 * normalised title; documents created during the import are added with `add`.
 */
export class MatchIndex {
  private byKey = new Map<string, { documentId: string; stored?: StoredContent }>();
  private byTitle = new Map<string, ExistingRow[]>();

  constructor(
    rows: ExistingRow[] = [],
    private readonly neighbourhoods = false,
  ) {
    for (const row of rows) this.add(row);
  }

  add(row: ExistingRow): void {
    if (row.importKey) {
      const known = this.byKey.get(row.importKey);
      if (!known) this.byKey.set(row.importKey, { documentId: row.documentId, stored: contentOf(undefined, row) });
      else if (known.documentId === row.documentId) known.stored = contentOf(known.stored, row);
    }
    const t = normaliseTitle(row.title);
    if (!t) return;
    const list = this.byTitle.get(t) ?? [];
    if (!list.some((r) => r.documentId === row.documentId)) list.push(row);
    this.byTitle.set(t, list);
  }

  find(importKey: string | null, title: string | null, district?: string | null): Match | null {
    const keyed = importKey ? this.byKey.get(importKey) : undefined;
    if (keyed) return { documentId: keyed.documentId, by: 'importKey', stored: keyed.stored };
    const candidates = this.byTitle.get(normaliseTitle(title)) ?? [];
    if (candidates.length === 0) return null;
    if (!this.neighbourhoods) return { documentId: candidates[0].documentId, by: 'title' };
    // Neighbourhoods share names across districts ('和平新村'): a stated district must agree.
    const d = normaliseDistrict(district);
    if (d) {
      const same = candidates.find((c) => normaliseDistrict(c.district) === d);
      if (same) return { documentId: same.documentId, by: 'name+district' };
      const unknown = candidates.find((c) => !normaliseDistrict(c.district));
      return unknown ? { documentId: unknown.documentId, by: 'name' } : null;
    }
    return { documentId: candidates[0].documentId, by: 'name' };
  }
}
