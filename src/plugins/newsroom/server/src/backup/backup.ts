/**
 * A backup of the newsroom's documents as NDJSON: one line per stored row (every locale, draft and
 * published), each content type read in keyset pages of row ids, so memory is bounded by a page
 * whatever the archive's size. Pure: what a line holds and what a page populates.
 */

/** A content type's attributes as Strapi's metadata describes them (only what a backup needs). */
export type AttributeShapes = Record<string, { type: string; relation?: string }>;

/** One line of a backup: the content type, the row's identity, and its stored fields. */
export interface BackupLine {
  uid: string;
  id: number;
  documentId: string | null;
  locale: string | null;
  status: 'published' | 'draft' | null;
  row: Record<string, unknown>;
}

/**
 * What a page loads besides its columns: components and dynamic zones whole, relations as the
 * linked rows' id and documentId only (a backup restores links, not copies of the linked rows).
 */
export function backupPopulate(attributes: AttributeShapes): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(attributes)) {
    if (a.type === 'component' || a.type === 'dynamiczone') populate[name] = true;
    else if (a.type === 'relation' || a.type === 'media') populate[name] = { select: ['id', 'documentId'] };
  }
  return populate;
}

/** A stored row as a backup line (the row's own fields kept as they are). */
export function backupLine(uid: string, row: Record<string, unknown>, draftAndPublish: boolean): BackupLine {
  return {
    uid,
    id: Number(row.id),
    documentId: (row.documentId as string | undefined) ?? null,
    locale: (row.locale as string | undefined) ?? null,
    status: draftAndPublish ? (row.publishedAt ? 'published' : 'draft') : null,
    row,
  };
}

/** The NDJSON text of one line. */
export const ndjson = (line: BackupLine): string => `${JSON.stringify(line)}\n`;
