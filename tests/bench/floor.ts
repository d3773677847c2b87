/**
 * The floor: the REST list page (10 published zh-Hans articles with their related news and
 * neighbourhood, plus the total for the pagination meta) produced straight from the database with
 * hand-written SQL, shaped like Strapi's JSON (camelCase keys, JSON columns parsed) and
 * serialized — no HTTP, no framework. Timed in-process for N iterations after a warm-up:
 * pages/s is what the database and JSON alone allow on this machine.
 */
import type { DbTarget } from './server';
import { pgClient } from '../helpers/postgres';

export interface FloorResult {
  iterations: number;
  seconds: number;
  pagesPerSecond: number;
  /** Bytes of one serialized page (compare with the REST response size). */
  pageBytes: number;
  articlesOnPage: number;
}

const ARTICLE_COLS = `a.id, a.document_id, a.title, a.slug, a.previous_slugs, a."column", a.standfirst, a.body, a.exclusive, a.reprint_notice, a.credit_line, a.keywords, a.image_note, a.dateline, a.translation_status, a.created_at, a.updated_at, a.published_at, a.locale`;
const NEWS_COLS = `n.id, n.document_id, n.headline, n.slug, n.previous_slugs, n.summary, n.outlet, n.dateline, n.reporters, n.published_date, n.url, n.credit_line, n.translation_status, n.created_at, n.updated_at, n.published_at, n.locale`;
const HOOD_COLS = `h.id, h.document_id, h.name, h.slug, h.previous_slugs, h.district, h.subdistrict, h.year_built, h.kind, h.households, h.occupied_households, h.tenant_share, h.elderly_share, h.figures_as_of, h.party_secretary, h.description, h.translation_status, h.created_at, h.updated_at, h.published_at, h.locale`;
const JSON_COLS = new Set(['previous_slugs', 'body', 'keywords', 'reporters']);

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** A row as Strapi shapes it: camelCase keys, JSON columns parsed, the link column dropped. */
function shape(row: Record<string, any>, drop?: string) {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === drop) continue;
    out[camel(k)] = JSON_COLS.has(k) && typeof v === 'string' ? JSON.parse(v) : k === 'exclusive' ? Boolean(v) : v;
  }
  return out;
}

function assemble(rows: any[], related: any[], hoods: any[], total: number) {
  const byArticle = new Map<number, any[]>();
  for (const r of related) {
    let list = byArticle.get(r.article_id);
    if (!list) byArticle.set(r.article_id, (list = []));
    list.push(shape(r, 'article_id'));
  }
  const hoodOf = new Map<number, any>();
  for (const h of hoods) hoodOf.set(h.article_id, shape(h, 'article_id'));
  const data = rows.map((r) => ({ ...shape(r), relatedNews: byArticle.get(r.id) ?? [], neighbourhood: hoodOf.get(r.id) ?? null }));
  return JSON.stringify({ data, meta: { pagination: { page: 1, pageSize: 10, pageCount: Math.ceil(total / 10), total } } });
}

export function sqliteFloor(file: string, iterations: number): FloorResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const where = `a.locale = 'zh-Hans' and a.published_at is not null`;
    const page = db.prepare(`select ${ARTICLE_COLS} from newsroom_articles a where ${where} order by a.id limit 10`);
    const count = db.prepare(`select count(*) as total from newsroom_articles a where ${where}`).pluck();
    const related = db.prepare(
      `select k.article_id, ${NEWS_COLS} from newsroom_articles_related_news_lnk k join newsroom_news_items n on n.id = k.news_item_id where k.article_id in (select value from json_each(?)) order by k.article_id, k.news_item_ord`,
    );
    const hood = db.prepare(
      `select k.article_id, ${HOOD_COLS} from newsroom_articles_neighbourhood_lnk k join newsroom_neighbourhoods h on h.id = k.neighbourhood_id where k.article_id in (select value from json_each(?))`,
    );
    const once = () => {
      const rows = page.all();
      const ids = JSON.stringify(rows.map((r: any) => r.id));
      return { json: assemble(rows, related.all(ids), hood.all(ids), count.get()), n: rows.length };
    };
    for (let i = 0; i < Math.min(100, iterations); i += 1) once();
    const t0 = process.hrtime.bigint();
    let last = once();
    for (let i = 1; i < iterations; i += 1) last = once();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { iterations, seconds, pagesPerSecond: iterations / seconds, pageBytes: Buffer.byteLength(last.json), articlesOnPage: last.n };
  } finally {
    db.close();
  }
}

export async function postgresFloor(database: string, iterations: number): Promise<FloorResult> {
  const db = pgClient(database);
  await db.connect();
  try {
    const where = `a.locale = 'zh-Hans' and a.published_at is not null`;
    const once = async () => {
      const rows = (await db.query({ name: 'floor-page', text: `select ${ARTICLE_COLS} from newsroom_articles a where ${where} order by a.id limit 10` })).rows;
      const total = Number((await db.query({ name: 'floor-count', text: `select count(*) as total from newsroom_articles a where ${where}` })).rows[0].total);
      const ids = rows.map((r: any) => r.id);
      const related = (
        await db.query({
          name: 'floor-related',
          text: `select k.article_id, ${NEWS_COLS} from newsroom_articles_related_news_lnk k join newsroom_news_items n on n.id = k.news_item_id where k.article_id = any($1) order by k.article_id, k.news_item_ord`,
          values: [ids],
        })
      ).rows;
      const hoods = (
        await db.query({
          name: 'floor-hood',
          text: `select k.article_id, ${HOOD_COLS} from newsroom_articles_neighbourhood_lnk k join newsroom_neighbourhoods h on h.id = k.neighbourhood_id where k.article_id = any($1)`,
          values: [ids],
        })
      ).rows;
      return { json: assemble(rows, related, hoods, total), n: rows.length };
    };
    for (let i = 0; i < Math.min(100, iterations); i += 1) await once();
    const t0 = process.hrtime.bigint();
    let last = await once();
    for (let i = 1; i < iterations; i += 1) last = await once();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { iterations, seconds, pagesPerSecond: iterations / seconds, pageBytes: Buffer.byteLength(last.json), articlesOnPage: last.n };
  } finally {
    await db.end();
  }
}

export const floor = (target: DbTarget, iterations: number): Promise<FloorResult> =>
  target.client === 'sqlite' ? Promise.resolve(sqliteFloor(target.file, iterations)) : postgresFloor(target.database, iterations);
