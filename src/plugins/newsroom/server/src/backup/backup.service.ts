/**
 * `newsroom backup`: every row of every newsroom content type as NDJSON (backup/backup.ts), read in
 * keyset pages (`id > last id of the previous page`, ordered by id), written with back-pressure so a
 * slow destination never lets pages pile up in memory.
 */
import { once } from 'events';
import type { Writable } from 'stream';
import { backupLine, backupPopulate, ndjson, type AttributeShapes } from './backup';
import { dbQuery } from '../boundary';
import type { Row, Strapi } from '../boundary';

export const BACKUP_PAGE_SIZE = 500;

export default ({ strapi }: { strapi: Strapi }) => {
  /** The plugin's content types, in a stable order. */
  const uids = () =>
    Object.keys(strapi.contentTypes)
      .filter((uid) => uid.startsWith('plugin::newsroom.'))
      .sort();

  /** Every row of one content type, a keyset page at a time. */
  async function* pages(uid: string, pageSize: number): AsyncGenerator<Row[]> {
    const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as unknown as { attributes: AttributeShapes };
    const populate = backupPopulate(contentType.attributes);
    for (let after = 0; ;) {
      const rows: Row[] = await dbQuery(strapi, uid).findMany({ where: { id: { $gt: after } }, orderBy: { id: 'asc' }, limit: pageSize, populate });
      if (!rows.length) return;
      yield rows;
      after = Number(rows[rows.length - 1].id);
    }
  }

  return {
    uids,
    /** Writes the backup to `out`; returns the rows written per content type. */
    async write(out: Writable, { pageSize = BACKUP_PAGE_SIZE } = {}): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const uid of uids()) {
        const draftAndPublish = Boolean(
          (strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { options?: { draftAndPublish?: boolean } }).options?.draftAndPublish,
        );
        counts[uid] = 0;
        for await (const rows of pages(uid, pageSize)) {
          const text = rows.map((row) => ndjson(backupLine(uid, row, draftAndPublish))).join('');
          counts[uid] += rows.length;
          if (!out.write(text)) await once(out, 'drain');
        }
      }
      return counts;
    },
  };
};
