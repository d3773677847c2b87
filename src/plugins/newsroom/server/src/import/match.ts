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

export interface ExistingRow {
  documentId: string;
  /** title / headline / name, as stored */
  title: string | null;
  importKey: string | null;
  district?: string | null;
}

export type MatchedBy = 'importKey' | 'title' | 'name+district' | 'name';

export interface Match {
  documentId: string;
  by: MatchedBy;
}

/**
 * An index of one content type in one locale. `find` answers by import key first, then by
 * normalised title; documents created during the import are added with `add`.
 */
export class MatchIndex {
  private byKey = new Map<string, string>();
  private byTitle = new Map<string, ExistingRow[]>();

  constructor(
    rows: ExistingRow[] = [],
    private readonly neighbourhoods = false,
  ) {
    for (const row of rows) this.add(row);
  }

  add(row: ExistingRow): void {
    if (row.importKey && !this.byKey.has(row.importKey)) this.byKey.set(row.importKey, row.documentId);
    const t = normaliseTitle(row.title);
    if (!t) return;
    const list = this.byTitle.get(t) ?? [];
    if (!list.some((r) => r.documentId === row.documentId)) list.push(row);
    this.byTitle.set(t, list);
  }

  find(importKey: string | null, title: string | null, district?: string | null): Match | null {
    const keyed = importKey ? this.byKey.get(importKey) : undefined;
    if (keyed) return { documentId: keyed, by: 'importKey' };
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
