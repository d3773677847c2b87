/**
 * The indexes behind the newsroom's own lookups (Strapi indexes documentId and its join tables,
 * not the columns a plugin looks up by). Named here once; created by migration 0002 and checked
 * again at every boot, because SQLite drops a table's indexes when a schema change rebuilds it.
 */
import { DELIVERY_UID, KINDS, UIDS } from '../content-types/facts';
import { HISTORY_UID } from '../workflow/history';

export interface LookupIndex {
  /** The index name (at most 63 characters: PostgreSQL's limit). */
  name: string;
  uid: string;
  /** Attribute names, in index order (mapped to column names through Strapi's metadata). */
  attributes: string[];
  /** What looks rows up this way. */
  purpose: string;
  /** A partial index of the published rows only (`WHERE published_at IS NOT NULL`). */
  publishedOnly?: boolean;
}

/** `newsroom_article`, `newsroom_news_item`: index names from the kind (table names come from Strapi's metadata). */
const stem = (kind: string) => `newsroom_${kind.replace(/-/g, '_')}`;

export const LOOKUP_INDEXES: LookupIndex[] = [
  ...KINDS.flatMap((kind): LookupIndex[] => [
    { name: `${stem(kind)}_slug_idx`, uid: UIDS[kind], attributes: ['slug', 'locale', 'publishedAt'], purpose: 'by-slug reads, slug uniqueness' },
    { name: `${stem(kind)}_import_key_idx`, uid: UIDS[kind], attributes: ['importKey'], purpose: 'importer matching' },
  ]),
  {
    name: `${stem('article')}_first_published_idx`,
    uid: UIDS.article,
    attributes: ['locale', 'firstPublishedAt'],
    purpose: 'feeds, news sitemap, search by date',
  },
  {
    name: `${stem('article')}_published_first_idx`,
    uid: UIDS.article,
    attributes: ['locale', 'firstPublishedAt'],
    purpose: 'feeds and the news sitemap newest first, reading published rows only (drafts carry firstPublishedAt too)',
    publishedOnly: true,
  },
  { name: `${stem('article')}_embargo_idx`, uid: UIDS.article, attributes: ['embargoUntil'], purpose: 'the embargo scheduler' },
  {
    name: `${stem('article')}_sitemap_idx`,
    uid: UIDS.article,
    attributes: ['locale', 'publishedAt', 'id'],
    purpose: 'sitemap pages (published rows of a locale, by id)',
  },
  { name: 'newsroom_history_document_idx', uid: HISTORY_UID, attributes: ['articleDocumentId', 'at'], purpose: 'an article’s rights history' },
  { name: 'newsroom_deliveries_due_idx', uid: DELIVERY_UID, attributes: ['status', 'nextAttemptAt'], purpose: 'partner deliveries due' },
];

/**
 * The old slugs of renamed documents (`previousSlugs`, a JSON list), behind a by-slug read that
 * misses the current slug. PostgreSQL: a GIN index for `previous_slugs @> '["slug"]'`; SQLite: a
 * partial index of the renamed rows only, so the lookup reads those and never the whole archive.
 * Created by migration 0003 and checked again at every boot, like the lookup indexes.
 */
export const PREVIOUS_SLUG_INDEXES: LookupIndex[] = KINDS.map((kind) => ({
  name: `${stem(kind)}_previous_slugs_idx`,
  uid: UIDS[kind],
  attributes: ['locale', 'publishedAt', 'previousSlugs'],
  purpose: 'by-slug reads of a renamed document (its old slugs)',
}));

/** Knex's client name as the statements below know it (`better-sqlite3` is SQLite). */
const dialectOf = (client: string) => (client === 'better-sqlite3' ? 'sqlite' : client);

/**
 * The statement creating a previous-slugs index on a client, from its table and columns (locale,
 * published_at, previous_slugs); null where the database has neither (MySQL: the lookup scans).
 */
export function previousSlugIndexSql(client: string, name: string, table: string, columns: string[]): { sql: string; bindings: string[] } | null {
  const [locale, publishedAt, previousSlugs] = columns;
  client = dialectOf(client);
  if (client === 'postgres') return { sql: 'CREATE INDEX IF NOT EXISTS ?? ON ?? USING gin (?? jsonb_path_ops)', bindings: [name, table, previousSlugs] };
  if (client === 'sqlite') {
    return { sql: 'CREATE INDEX IF NOT EXISTS ?? ON ?? (??, ??) WHERE ?? IS NOT NULL', bindings: [name, table, locale, publishedAt, previousSlugs] };
  }
  return null;
}

/**
 * The document whose old slugs hold `slug`, published in a locale, as one statement (null: no
 * statement for this client, the caller filters in memory). SQLite reads the renamed rows through
 * the partial index and looks in each list with json_each; PostgreSQL asks the GIN index.
 */
export function previousSlugLookupSql(
  client: string,
  table: string,
  columns: { documentId: string; locale: string; publishedAt: string; previousSlugs: string },
  locale: string,
  slug: string,
): { sql: string; bindings: unknown[] } | null {
  client = dialectOf(client);
  const head = `SELECT ?? AS document_id FROM ?? t WHERE t.?? = ? AND t.?? IS NOT NULL AND t.?? IS NOT NULL`;
  const headBindings = [columns.documentId, table, columns.locale, locale, columns.publishedAt, columns.previousSlugs];
  if (client === 'postgres') {
    return { sql: `${head} AND t.?? @> CAST(? AS jsonb) ORDER BY t.id LIMIT 1`, bindings: [...headBindings, columns.previousSlugs, JSON.stringify([slug])] };
  }
  if (client === 'sqlite') {
    return {
      sql: `${head} AND CASE WHEN json_valid(t.??) AND json_type(t.??) = 'array' THEN EXISTS (SELECT 1 FROM json_each(t.??) j WHERE j.value = ?) ELSE 0 END ORDER BY t.id LIMIT 1`,
      bindings: [...headBindings, columns.previousSlugs, columns.previousSlugs, columns.previousSlugs, slug],
    };
  }
  return null;
}
