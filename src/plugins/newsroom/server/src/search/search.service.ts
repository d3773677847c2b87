/**
 * Story search on the databases the newsroom already runs:
 * - SQLite: an FTS5 table with the trigram tokenizer (it finds 民祥园 inside 华和民祥园小区), kept by
 *   triggers on the articles table;
 * - PostgreSQL: expression indexes on the articles table itself, pg_trgm for any language and
 *   English full text (stemmed) beside it.
 * Either way the index changes in the write's own transaction, whatever wrote the row (Document
 * Service, the lifecycle safety net, the importer's bulk inserts, a hand-run SQL fix).
 */
import { UIDS } from '../content-types/facts';
import type { Strapi } from '../boundary';
import { blocksToPlainText } from '../enforcement/blocks';
import { SearchParams, SearchQuery, containsAll, fts5Match, highlight, likePattern, parseSearch, TRIGRAM } from './search';
import { newsroomConfig } from '../config/options';

/** The FTS5 table (SQLite) and the PostgreSQL functions and indexes, all named here once. */
export const SEARCH_TABLE = 'newsroom_search';
const PG_TEXT_FN = 'newsroom_search_text';
const PG_BLOCKS_FN = 'newsroom_blocks_text';
const PG_TRGM_INDEX = 'newsroom_articles_search_trgm';
const PG_FTS_INDEX = 'newsroom_articles_search_fts';
const SQLITE_TRIGGERS = ['newsroom_search_ai', 'newsroom_search_au', 'newsroom_search_ad'];

type Knex = Strapi['db']['connection'];
type Client = 'sqlite' | 'postgres' | 'other';

export interface SearchHit {
  documentId: string;
  locale: string;
  slug: string | null;
  title: string;
  standfirst: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  /** 'published' or 'draft' (drafts in the admin only). */
  status: 'published' | 'draft';
  /** HTML-escaped text around the match, each match in <mark>. */
  snippet: string;
  /** True when the title itself holds every term (such hits come first). */
  titleMatch: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Hits in all, at most the offset bound plus one page (a search box, not an export). */
  total: number;
}

interface HitRow {
  id: number;
  document_id: string;
  locale: string;
  slug: string | null;
  title: string;
  standfirst: string | null;
  body: unknown;
  first_published_at: string | number | null;
  published_at: string | number | null;
  title_match: number | boolean;
  total: number | string;
}

export interface SearchDrift {
  /** Article rows with no index entry (SQLite), or the indexes missing (PostgreSQL). */
  missing: number;
  /** Index entries for no row, or whose text is not the row's. */
  stale: number;
  detail: string[];
}

const iso = (v: string | number | null) => (v === null || v === undefined ? null : new Date(typeof v === 'number' ? v : v).toISOString());

export default ({ strapi }: { strapi: Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  /** Statements that must join the caller's transaction when there is one (SQLite has a single connection). */
  const inTransaction = async <T>(work: (trx: Knex) => Promise<T>): Promise<T> => (await strapi.db.transaction(({ trx }) => work(trx as unknown as Knex))) as T;
  const client = (): Client => {
    const name = String(strapi.db.dialect.client);
    return name === 'sqlite' || name === 'better-sqlite3' ? 'sqlite' : name === 'postgres' ? 'postgres' : 'other';
  };
  const meta = (uid: string) =>
    strapi.db.metadata.get(uid) as unknown as {
      tableName: string;
      attributes: Record<string, { columnName?: string; joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } }>;
    };
  const articles = () => meta(UIDS.article).tableName;
  const neighbourhoods = () => meta(UIDS.neighbourhood).tableName;
  const neighbourhoodLink = () => meta(UIDS.article).attributes.neighbourhood.joinTable!;

  /** SQLite: the text of a blocks column, in SQL (the same text blocksToPlainText reads, space-joined). */
  const sqliteBlocksText = (column: string) =>
    `(SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END) WHERE key = 'text' AND type = 'text')`;
  const sqliteRow = (ref: 'new' | 'a') => `${ref}.id, coalesce(${ref}.title, ''), coalesce(${ref}.standfirst, ''), ${sqliteBlocksText(`${ref}.body`)}`;

  /** Creates what the index needs if it is missing; returns whether the index was created now (and must be filled). */
  async function ensure(): Promise<boolean> {
    return inTransaction((db) => ensureWith(db));
  }

  async function ensureWith(db: Knex): Promise<boolean> {
    const table = articles();
    if (client() === 'sqlite') {
      const exists = await db.raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`, [SEARCH_TABLE]);
      await db.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS ${SEARCH_TABLE} USING fts5(title, standfirst, body, tokenize = 'trigram')`);
      // A table rebuilt by a schema change loses its triggers: they are (re)created at every boot.
      await db.raw(`CREATE TRIGGER IF NOT EXISTS ${SQLITE_TRIGGERS[0]} AFTER INSERT ON ${table} BEGIN
        INSERT INTO ${SEARCH_TABLE}(rowid, title, standfirst, body) VALUES (${sqliteRow('new')}); END`);
      await db.raw(`CREATE TRIGGER IF NOT EXISTS ${SQLITE_TRIGGERS[1]} AFTER UPDATE OF title, standfirst, body ON ${table} BEGIN
        DELETE FROM ${SEARCH_TABLE} WHERE rowid = old.id;
        INSERT INTO ${SEARCH_TABLE}(rowid, title, standfirst, body) VALUES (${sqliteRow('new')}); END`);
      await db.raw(`CREATE TRIGGER IF NOT EXISTS ${SQLITE_TRIGGERS[2]} AFTER DELETE ON ${table} BEGIN
        DELETE FROM ${SEARCH_TABLE} WHERE rowid = old.id; END`);
      return (exists as unknown[]).length === 0;
    }
    if (client() === 'postgres') {
      await db.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await db.raw(`CREATE OR REPLACE FUNCTION ${PG_BLOCKS_FN}(b jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(t #>> '{}', ' '), '') FROM jsonb_path_query(coalesce(b, '[]'::jsonb), 'strict $.**.text') AS t $$`);
      await db.raw(`CREATE OR REPLACE FUNCTION ${PG_TEXT_FN}(title text, standfirst text, body jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lower(coalesce(title, '') || ' ' || coalesce(standfirst, '') || ' ' || ${PG_BLOCKS_FN}(body)) $$`);
      const existing = await db.raw(`SELECT indexname FROM pg_indexes WHERE indexname = ?`, [PG_TRGM_INDEX]);
      await db.raw(`CREATE INDEX IF NOT EXISTS ${PG_TRGM_INDEX} ON ${table} USING gin (${PG_TEXT_FN}(title, standfirst, body) gin_trgm_ops)`);
      await db.raw(
        `CREATE INDEX IF NOT EXISTS ${PG_FTS_INDEX} ON ${table} USING gin (to_tsvector('english'::regconfig, ${PG_TEXT_FN}(title, standfirst, body)))`,
      );
      return (existing as { rows: unknown[] }).rows.length === 0;
    }
    return false;
  }

  /** Refills the index from the articles table (SQLite); PostgreSQL's indexes are rebuilt in place. */
  async function rebuild(): Promise<{ rows: number }> {
    return inTransaction(async (trx) => {
      await ensureWith(trx);
      if (client() === 'sqlite') {
        await trx.raw(`DELETE FROM ${SEARCH_TABLE}`);
        await trx.raw(`INSERT INTO ${SEARCH_TABLE}(rowid, title, standfirst, body) SELECT ${sqliteRow('a')} FROM ${articles()} a`);
        const [{ n }] = (await trx.raw(`SELECT count(*) AS n FROM ${SEARCH_TABLE}`)) as Array<{ n: number }>;
        return { rows: Number(n) };
      }
      if (client() === 'postgres') {
        await trx.raw(`REINDEX INDEX ${PG_TRGM_INDEX}`);
        await trx.raw(`REINDEX INDEX ${PG_FTS_INDEX}`);
        const { rows } = (await trx.raw(`SELECT count(*) AS n FROM ${articles()}`)) as { rows: Array<{ n: string }> };
        return { rows: Number(rows[0].n) };
      }
      return { rows: 0 };
    });
  }

  /** What `newsroom check` reports: rows the index misses or holds wrongly. */
  async function drift(): Promise<SearchDrift> {
    return inTransaction((db) => driftWith(db));
  }

  async function driftWith(db: Knex): Promise<SearchDrift> {
    if (client() === 'sqlite') {
      const table = articles();
      const one = async (sql: string) => Number(((await db.raw(sql)) as Array<{ n: number }>)[0].n);
      const hasTable = ((await db.raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`, [SEARCH_TABLE])) as unknown[]).length > 0;
      if (!hasTable) return { missing: await one(`SELECT count(*) AS n FROM ${table}`), stale: 0, detail: [`${SEARCH_TABLE} is missing`] };
      const triggers = (await db.raw(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`, [table])) as Array<{ name: string }>;
      const absent = SQLITE_TRIGGERS.filter((t) => !triggers.some((r) => r.name === t));
      const missing = await one(`SELECT count(*) AS n FROM ${table} a WHERE NOT EXISTS (SELECT 1 FROM ${SEARCH_TABLE} s WHERE s.rowid = a.id)`);
      const orphans = await one(`SELECT count(*) AS n FROM ${SEARCH_TABLE} s WHERE NOT EXISTS (SELECT 1 FROM ${table} a WHERE a.id = s.rowid)`);
      const changed = await one(
        `SELECT count(*) AS n FROM ${table} a JOIN ${SEARCH_TABLE} s ON s.rowid = a.id
         WHERE s.title IS NOT coalesce(a.title, '') OR s.standfirst IS NOT coalesce(a.standfirst, '') OR s.body IS NOT ${sqliteBlocksText('a.body')}`,
      );
      const detail = [
        ...absent.map((t) => `trigger ${t} is missing: writes are not indexed`),
        ...(missing ? [`${missing} article rows are not in ${SEARCH_TABLE}`] : []),
        ...(orphans + changed ? [`${orphans + changed} entries of ${SEARCH_TABLE} are stale`] : []),
      ];
      return { missing: missing + absent.length, stale: orphans + changed, detail };
    }
    if (client() === 'postgres') {
      const { rows } = (await db.raw(
        `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname IN (?, ?)`,
        [PG_TRGM_INDEX, PG_FTS_INDEX],
      )) as { rows: Array<{ name: string; valid: boolean }> };
      const detail = [PG_TRGM_INDEX, PG_FTS_INDEX]
        .filter((n) => !rows.some((r) => r.name === n && r.valid))
        .map((n) => `index ${n} is missing or invalid: run newsroom search --rebuild`);
      return { missing: detail.length, stale: 0, detail };
    }
    return { missing: 0, stale: 0, detail: [] };
  }

  /** The hits of one page, title matches first, then by relevance, then newest. */
  async function search(query: SearchQuery): Promise<SearchResult> {
    const db = knex();
    const table = articles();
    const link = neighbourhoodLink();
    const bindings: unknown[] = [];
    const where: string[] = [];
    where.push('a.locale = ?');
    bindings.push(query.locale);
    where.push(query.status === 'published' ? 'a.published_at IS NOT NULL' : 'a.published_at IS NULL');
    if (query.from) {
      where.push('coalesce(a.first_published_at, a.published_at) >= ?');
      bindings.push(client() === 'sqlite' ? Date.parse(query.from) : query.from);
    }
    if (query.to) {
      where.push('coalesce(a.first_published_at, a.published_at) <= ?');
      bindings.push(client() === 'sqlite' ? Date.parse(query.to) : query.to);
    }
    if (query.neighbourhood || query.district) {
      const conds: string[] = [];
      if (query.neighbourhood) {
        conds.push('n.document_id = ?');
        bindings.push(query.neighbourhood);
      }
      if (query.district) {
        conds.push('n.district = ?');
        bindings.push(query.district);
      }
      where.push(
        `EXISTS (SELECT 1 FROM ${link.name} l JOIN ${neighbourhoods()} n ON n.id = l.${link.inverseJoinColumn.name} WHERE l.${link.joinColumn.name} = a.id AND ${conds.join(' AND ')})`,
      );
    }

    let from = `${table} a`;
    const fromBindings: unknown[] = [];
    let rank = '0';
    const titleMatch = query.terms.map(() => `lower(coalesce(a.title, '')) LIKE ? ESCAPE '\\'`).join(' AND ');
    const titleBindings = query.terms.map(likePattern);
    if (client() === 'sqlite') {
      const match = fts5Match(query.terms);
      // bm25() is only allowed in the FTS query itself (not beside a window function): ranked in a subquery.
      // CROSS JOIN keeps the FTS match as the outer loop (SQLite does not reorder it): with a plain JOIN the
      // planner walks every article of the locale and runs the match once per row, which grows with the archive.
      from = match
        ? `(SELECT rowid AS id, title, standfirst, body, bm25(${SEARCH_TABLE}, 10.0, 4.0, 1.0) AS rank FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?) s CROSS JOIN ${table} a ON a.id = s.id`
        : `(SELECT rowid AS id, title, standfirst, body, 0 AS rank FROM ${SEARCH_TABLE}) s JOIN ${table} a ON a.id = s.id`;
      if (match) fromBindings.push(match);
      rank = 's.rank';
      // Short terms (two Chinese characters are a word) are not in the trigram index: matched as text.
      for (const t of query.terms.filter((term) => [...term].length < TRIGRAM)) {
        where.push(`(lower(s.title) LIKE ? ESCAPE '\\' OR lower(s.standfirst) LIKE ? ESCAPE '\\' OR lower(s.body) LIKE ? ESCAPE '\\')`);
        bindings.push(likePattern(t), likePattern(t), likePattern(t));
      }
    } else if (client() === 'postgres') {
      const text = `${PG_TEXT_FN}(a.title, a.standfirst, a.body)`;
      const fts = `to_tsvector('english'::regconfig, ${text})`;
      const likes = query.terms.map(() => `${text} LIKE ?`).join(' AND ');
      // Substrings for every script (trigram index), or the stemmed English words (households ~ household).
      where.push(`((${likes}) OR ${fts} @@ plainto_tsquery('english', ?))`);
      bindings.push(...query.terms.map(likePattern), query.text);
      rank = `-ts_rank(${fts}, plainto_tsquery('english', ?))`;
    } else {
      const text = `lower(coalesce(a.title, '') || ' ' || coalesce(a.standfirst, '') || ' ' || coalesce(a.body, ''))`;
      for (const t of query.terms) {
        where.push(`${text} LIKE ? ESCAPE '\\'`);
        bindings.push(likePattern(t));
      }
    }
    const rankBindings = client() === 'postgres' ? [query.text] : [];
    const sql = `SELECT a.id, a.document_id, a.locale, a.slug, a.title, a.standfirst, a.body, a.first_published_at, a.published_at,
        CASE WHEN ${titleMatch} THEN 1 ELSE 0 END AS title_match, count(*) OVER () AS total
      FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY title_match DESC, ${rank} ASC, coalesce(a.first_published_at, a.published_at) DESC, a.id DESC
      LIMIT ? OFFSET ?`;
    let raw: unknown;
    try {
      raw = await db.raw(sql, [...titleBindings, ...fromBindings, ...bindings, ...rankBindings, query.limit, query.offset]);
    } catch (err) {
      // The statement is ours and its input bound: a failure is a bug or an outage, logged here and never shown (SQL, driver text) to a client.
      strapi.log.error(`[newsroom] search failed: ${(err as Error).message}`);
      throw new Error('Search is unavailable');
    }
    const rows = (client() === 'postgres' ? (raw as { rows: HitRow[] }).rows : (raw as HitRow[])) ?? [];
    const hits = rows.map((r): SearchHit => {
      const body = typeof r.body === 'string' ? safeJson(r.body) : r.body;
      const bodyText = blocksToPlainText(body);
      // The snippet comes from the first field that holds a term: title, standfirst, then body.
      const source = [r.standfirst ?? '', bodyText].find((t) => query.terms.some((term) => t.toLowerCase().includes(term))) ?? r.standfirst ?? bodyText;
      return {
        documentId: r.document_id,
        locale: r.locale,
        slug: r.slug,
        title: r.title,
        standfirst: r.standfirst,
        firstPublishedAt: iso(r.first_published_at),
        publishedAt: iso(r.published_at),
        status: r.published_at === null ? 'draft' : 'published',
        snippet: highlight(source, query.terms),
        titleMatch: Boolean(Number(r.title_match)) || containsAll(r.title, query.terms),
      };
    });
    return { hits, total: rows.length ? Number(rows[0].total) : await countOnly(sql, query.offset) };

    // A page past the last hit still tells the client how many there are.
    async function countOnly(_sql: string, offset: number) {
      if (offset === 0) return 0;
      const again = await search({ ...query, offset: 0, limit: 1 });
      return again.total;
    }
  }

  /** A search request read with the newsroom's locales; throws SearchInputError naming the parameter. */
  const parse = (params: SearchParams, { drafts = false } = {}): SearchQuery => {
    const config = newsroomConfig(strapi);
    return parseSearch(params, { locales: config.locales, defaultLocale: config.defaultLocale, drafts });
  };

  return { parse, ensure, rebuild, drift, search, client };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
}
