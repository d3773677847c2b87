/** Creates the lookup indexes (setup/indexes.ts) that are missing; both databases take IF NOT EXISTS. */
import { LOOKUP_INDEXES, LookupIndex, PREVIOUS_SLUG_INDEXES, previousSlugIndexSql } from './indexes';
import type { Strapi } from '../boundary';

type Meta = { tableName: string; attributes: Record<string, { columnName?: string }> };

/** The table and column names of an index, from Strapi's metadata (id has no attribute of its own). */
export function indexColumns(strapi: Strapi, index: LookupIndex) {
  const meta = strapi.db.metadata.get(index.uid) as unknown as Meta;
  const columns = index.attributes.map((a) => (a === 'id' ? 'id' : (meta.attributes[a]?.columnName ?? a)));
  return { table: meta.tableName, columns };
}

export async function ensureLookupIndexes(strapi: Strapi, indexes: LookupIndex[] = LOOKUP_INDEXES): Promise<number> {
  // In the caller's transaction when there is one (a migration's): SQLite has one connection.
  await strapi.db.transaction(async ({ trx }) => {
    for (const index of indexes) {
      const { table, columns } = indexColumns(strapi, index);
      const where = index.publishedOnly ? ' WHERE ?? IS NOT NULL' : '';
      const published = index.publishedOnly
        ? [(strapi.db.metadata.get(index.uid) as unknown as Meta).attributes.publishedAt?.columnName ?? 'published_at']
        : [];
      await trx.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})${where}`, [index.name, table, ...columns, ...published]);
    }
  });
  return indexes.length;
}

/** Creates the previous-slugs indexes (setup/indexes.ts) that are missing; returns how many the client has. */
export async function ensurePreviousSlugIndexes(strapi: Strapi): Promise<number> {
  const client = String(strapi.db.dialect.client);
  let count = 0;
  await strapi.db.transaction(async ({ trx }) => {
    for (const index of PREVIOUS_SLUG_INDEXES) {
      const { table, columns } = indexColumns(strapi, index);
      const statement = previousSlugIndexSql(client, index.name, table, columns);
      if (!statement) continue;
      await trx.raw(statement.sql, statement.bindings);
      count += 1;
    }
  });
  return count;
}
