/**
 * Backup round trip: `strapi export` of a seeded database, `strapi import` into an empty one, and
 * every newsroom document, locale, relation, notice and slug — and the rights history — compared field by field.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import Database from 'better-sqlite3';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const STRAPI = path.join(ROOT, 'node_modules/.bin/strapi');

const IGNORED = new Set(['id', 'created_by_id', 'updated_by_id']);

/** Every newsroom row keyed by document, locale and state, with links resolved to documentIds. */
function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  const out: Record<string, unknown> = {};
  for (const table of ['newsroom_articles', 'newsroom_neighbourhoods', 'newsroom_news_items', 'newsroom_history']) {
    const rows = db.prepare(`select * from ${table}`).all() as any[];
    out[table] = rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !IGNORED.has(k))))
      .sort((a: any, b: any) => `${a.document_id}${a.locale}${a.published_at}`.localeCompare(`${b.document_id}${b.locale}${b.published_at}`));
  }
  out.relatedNews = db
    .prepare(
      `select a.document_id a, a.locale l, a.published_at is not null p, n.document_id n from newsroom_articles_related_news_lnk k join newsroom_articles a on a.id = k.article_id join newsroom_news_items n on n.id = k.news_item_id order by 1,2,3,4`,
    )
    .all();
  out.neighbourhood = db
    .prepare(
      `select a.document_id a, a.locale l, a.published_at is not null p, n.document_id n from newsroom_articles_neighbourhood_lnk k join newsroom_articles a on a.id = k.article_id join newsroom_neighbourhoods n on n.id = k.neighbourhood_id order by 1,2,3,4`,
    )
    .all();
  out.bylines = db.prepare(`select name, role from components_newsroom_bylines order by name, role`).all();
  out.corrections = db.prepare(`select text, kind, date from components_newsroom_corrections order by date, text`).all();
  db.close();
  return out;
}

describe('backup round trip', () => {
  it('export then import into an empty database preserves every newsroom document field by field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-backup-'));
    const env = (db: string) => ({
      ...process.env,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, db),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    });
    await run('node', ['node_modules/.bin/newsroom', 'seed'], { cwd: ROOT, env: env('a.db') });
    await run('node', ['node_modules/.bin/newsroom', 'import', path.join(ROOT, 'tests/fixtures/import/reprint-chinanews.txt'), '--publish'], {
      cwd: ROOT,
      env: env('a.db'),
    });
    await run(STRAPI, ['export', '--no-encrypt', '--no-compress', '-f', path.join(dir, 'backup')], { cwd: ROOT, env: env('a.db') });
    await run(STRAPI, ['import', '-f', path.join(dir, 'backup.tar'), '--force'], { cwd: ROOT, env: env('b.db') });
    const before = snapshot(path.join(dir, 'a.db'));
    const after = snapshot(path.join(dir, 'b.db'));
    expect((before.newsroom_articles as any[]).length).toBeGreaterThanOrEqual(6);
    expect((before.relatedNews as any[]).length).toBeGreaterThan(0);
    // The rights history (seed and import publications) travels with the backup.
    expect((before.newsroom_history as any[]).length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
