/**
 * What the archive benchmark asked of a small archive (30 stories in each locale, drafts beside
 * them): `newsroom backup` writes every row of every newsroom table exactly once, through the
 * service in pages smaller than a table and through the CLI; a by-slug read follows an old slug
 * through migration 0003's index; the indexes of migration 0003 exist. Own Strapi, fresh database
 * (SQLite, or PostgreSQL with DATABASE_CLIENT=postgres).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PassThrough } from 'stream';
import { APP_DIR, bootStrapi, settle, stopStrapi, strapiInstance } from '../helpers/strapi';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';
import { buildArchive } from '../helpers/archive';
import { PREVIOUS_SLUG_INDEXES } from '../../src/plugins/newsroom/server/src/setup/indexes';

const onPostgres = process.env.DATABASE_CLIENT === 'postgres';
const dbName = uniqueDatabaseName('lookups');
const ARTICLE = 'plugin::newsroom.article';

type Line = { uid: string; id: number; documentId: string | null; locale: string | null; status: string | null; row: Record<string, unknown> };
const parse = (text: string): Line[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Every stored row of the plugin's tables, as uid → sorted ids. */
async function storedIds(): Promise<Record<string, number[]>> {
  const strapi = strapiInstance();
  const out: Record<string, number[]> = {};
  for (const uid of strapi.plugin('newsroom').service('backup').uids() as string[]) {
    const rows = await strapi.db.query(uid).findMany({ select: ['id'] });
    out[uid] = rows.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b);
  }
  return out;
}

/** The lines' ids per uid (sorted), failing on any row written twice. */
function lineIds(lines: Line[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const seen = new Set<string>();
  for (const l of lines) {
    const key = `${l.uid}#${l.id}`;
    if (seen.has(key)) throw new Error(`${key} is in the backup twice`);
    seen.add(key);
    (out[l.uid] ??= []).push(l.id);
  }
  for (const ids of Object.values(out)) ids.sort((a, b) => a - b);
  return out;
}

describe('a small archive: backup, old slugs, indexes', () => {
  let renamed: { documentId: string; oldSlug: string; newSlug: string };

  beforeAll(async () => {
    if (onPostgres) await createDatabase(dbName);
    await bootStrapi(onPostgres ? { DATABASE_NAME: dbName } : {});
    const strapi = strapiInstance();
    const { failed } = await buildArchive(strapi, 30);
    expect(failed).toBe(0);
    // A draft that was never published, and a story renamed twice (two old slugs).
    await strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title: '只有草稿的报道' } });
    const doc = await strapi.documents(ARTICLE).create({ locale: 'zh-Hans', status: 'published', data: { title: '改过两次网址的报道' } });
    const firstSlug = doc.slug as string;
    await strapi.documents(ARTICLE).update({ documentId: doc.documentId, locale: 'zh-Hans', status: 'published', data: { slug: 'renamed-once' } });
    await strapi.documents(ARTICLE).update({ documentId: doc.documentId, locale: 'zh-Hans', status: 'published', data: { slug: 'renamed-twice' } });
    renamed = { documentId: doc.documentId, oldSlug: firstSlug, newSlug: 'renamed-twice' };
    await settle(strapi);
  }, 300_000);

  afterAll(async () => {
    await stopStrapi();
    if (onPostgres) await dropDatabase(dbName);
  }, 120_000);

  it('backs up every row of every newsroom table exactly once, drafts and published in both locales, in pages', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const counts = await strapiInstance().plugin('newsroom').service('backup').write(sink, { pageSize: 7 });
    const lines = parse(Buffer.concat(chunks).toString('utf8'));
    const stored = await storedIds();
    expect(lineIds(lines)).toEqual(Object.fromEntries(Object.entries(stored).filter(([, ids]) => ids.length)));
    expect(Object.values(counts).reduce((a: number, b) => a + Number(b), 0)).toBe(lines.length);
    const articles = lines.filter((l) => l.uid === ARTICLE);
    expect(articles.length).toBeGreaterThan(7 * 4);
    for (const locale of ['zh-Hans', 'en']) {
      for (const status of ['draft', 'published']) expect(articles.some((l) => l.locale === locale && l.status === status)).toBe(true);
    }
    // Components whole, relations as links.
    const story = articles.find((l) => l.status === 'published' && Array.isArray(l.row.bylines) && (l.row.bylines as unknown[]).length);
    expect(story).toBeDefined();
    expect((story!.row.neighbourhood as { documentId?: string } | null)?.documentId).toEqual(expect.any(String));
  });

  it('follows an old slug to the renamed story (both of its earlier slugs), and finds nothing for an unknown one', async () => {
    const lookup = strapiInstance().plugin('newsroom').service('lookup');
    for (const slug of [renamed.oldSlug, 'renamed-once', renamed.newSlug]) {
      const doc = await lookup.findPublishedBySlug('article', slug, { locale: 'zh-Hans' });
      expect(doc?.documentId).toBe(renamed.documentId);
    }
    expect(await lookup.findPublishedBySlug('article', 'renamed-once', { locale: 'en' })).toBeNull();
    expect(await lookup.findPublishedBySlug('article', 'no-such-story', { locale: 'zh-Hans' })).toBeNull();
  });

  it('has the indexes of migration 0003', async () => {
    const knex = strapiInstance().db.connection;
    const names = [...PREVIOUS_SLUG_INDEXES.map((i) => i.name), 'newsroom_article_published_first_idx'];
    const present = onPostgres
      ? (await knex.raw(`SELECT indexname AS name FROM pg_indexes WHERE indexname = ANY(?)`, [names])).rows
      : await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (${names.map(() => '?').join(', ')})`, names);
    expect(present.map((r: { name: string }) => r.name).sort()).toEqual([...names].sort());
  });

  it('`newsroom backup --out` writes the same rows from the command line', async () => {
    const before = await storedIds();
    await stopStrapi();
    const out = path.join(os.tmpdir(), `newsroom-backup-${process.pid}.ndjson`);
    try {
      const run = spawnSync(process.execPath, [path.join(APP_DIR, 'src/plugins/newsroom/bin/newsroom.js'), 'backup', '--out', out, '--json'], {
        cwd: APP_DIR,
        env: { ...process.env, ...(onPostgres ? { DATABASE_NAME: dbName } : {}) },
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect(run.status).toBe(0);
      const summary = JSON.parse(run.stdout);
      const lines = parse(fs.readFileSync(out, 'utf8'));
      expect(summary.rows).toBe(lines.length);
      expect(lineIds(lines)).toEqual(Object.fromEntries(Object.entries(before).filter(([, ids]) => ids.length)));
    } finally {
      fs.rmSync(out, { force: true });
    }
  }, 200_000);
});
