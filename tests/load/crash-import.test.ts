/**
 * kill -9 of the importer in the middle of a folder, then a re-run: every page is either wholly
 * there or not at all (no locale without its notice, no relation half-set), and the re-run
 * completes without duplicates. The importer writes batches (one transaction, a savepoint per
 * page): the kill lands inside a batch, whose pages must all be absent. SQLite file, loopback only.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, execFile } from 'child_process';
import { promisify } from 'util';
import Database from 'better-sqlite3';
import { benchPage } from '../bench/import-pages';
import { strapiEnv } from '../helpers/env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const SEED = fs.readFileSync(path.join(ROOT, 'tests/fixtures/import/seed-wenhui.txt'), 'utf8');
const PAGES = 60;

/** A folder of pages in a fresh temporary directory, and the environment of a fresh SQLite app on it. */
function folderOf(label: string, texts: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-${label}-`));
  const pages = path.join(dir, 'pages');
  fs.mkdirSync(pages);
  texts.forEach((text, i) => fs.writeFileSync(path.join(pages, `page-${String(i).padStart(4, '0')}.txt`), text));
  const env = strapiEnv({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), NODE_ENV: 'production' });
  return { dir, pages, env };
}

/** Starts `newsroom import --publish` in batches of 5 and kills it hard once 10 articles are reported; returns how many were. */
async function importUntilKilled(pages: string, env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn('node', ['node_modules/.bin/newsroom', 'import', pages, '--publish', '--batch-size', '5'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let imported = 0;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      imported += (c.toString().match(/= article created/g) ?? []).length;
      if (imported >= 10 && child.exitCode === null) child.kill('SIGKILL');
    });
    child.once('exit', () => resolve());
  });
  return imported;
}

describe('faults: the importer killed mid-folder', () => {
  it('leaves no half-written page and re-imports without duplicates', async () => {
    const { dir, pages, env } = folderOf(
      'crash',
      Array.from({ length: PAGES }, (_, i) => SEED.replace('用情融入基层治理', `第${i}篇 用情融入基层治理`)),
    );

    // Start the import and kill it hard once a few pages are in.
    const imported = await importUntilKilled(pages, env);
    expect(imported).toBeGreaterThanOrEqual(10);
    expect(imported).toBeLessThan(PAGES);

    const db = new Database(path.join(dir, 'data.db'), { readonly: true });
    const titles = db.prepare(`select document_id, locale, published_at, exclusive, reprint_notice from newsroom_articles`).all() as any[];
    const byDoc = new Map<string, any[]>();
    for (const r of titles) byDoc.set(r.document_id, [...(byDoc.get(r.document_id) ?? []), r]);
    for (const rows of byDoc.values()) {
      // Each page is one transaction: a draft and its published copy, both carrying the notice.
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.reprint_notice).toBe('文汇独家稿件,转载请注明出处。');
    }
    // Whole batches only: what was reported as imported is there, nothing more (the batch being written was rolled back).
    expect(byDoc.size % 5).toBe(0);
    expect(byDoc.size).toBeGreaterThanOrEqual(imported);
    const perRow = db
      .prepare(
        `select a.id, count(l.news_item_id) as n from newsroom_articles a left join newsroom_articles_related_news_lnk l on l.article_id = a.id group by a.id`,
      )
      .all() as any[];
    for (const r of perRow) expect(r.n).toBe(20); // 20 related items per page, all or none
    const news = db.prepare(`select count(distinct document_id) as n from newsroom_news_items`).get() as any;
    expect(news.n).toBe(20); // the pages share their related news: linked, never duplicated
    db.close();

    const again = await run('node', ['node_modules/.bin/newsroom', 'import', pages, '--publish', '--json'], { cwd: ROOT, env, maxBuffer: 256 << 20 });
    const out = JSON.parse(again.stdout);
    expect(out.summary.failed).toBe(0);
    const db2 = new Database(path.join(dir, 'data.db'), { readonly: true });
    const docs = db2.prepare(`select count(distinct document_id) as n from newsroom_articles`).get() as any;
    db2.close();
    expect(docs.n).toBe(PAGES);
  }, 600_000);

  it('bulk path: a kill -9 inside a batch of new pages leaves whole pages only (articles, news items, links, history)', async () => {
    // Pages in the house style whose documents are all new: every batch is written by the bulk path.
    const COUNT = 400;
    const texts = Array.from({ length: COUNT }, (_, i) => benchPage(i));
    const teasers = new Map<string, number>(texts.map((text, i) => [text.split('\n')[0].split('|')[0], 1 + (i % 4)]));
    const { dir, pages, env } = folderOf('crash-bulk', texts);
    const imported = await importUntilKilled(pages, env);
    expect(imported).toBeGreaterThanOrEqual(10);
    expect(imported).toBeLessThan(COUNT);

    const db = new Database(path.join(dir, 'data.db'), { readonly: true });
    const rows = db.prepare(`select id, document_id, title, published_at, exclusive, reprint_notice, credit_line from newsroom_articles`).all() as any[];
    const byDoc = new Map<string, any[]>();
    for (const r of rows) byDoc.set(r.document_id, [...(byDoc.get(r.document_id) ?? []), r]);
    expect(byDoc.size % 5).toBe(0); // whole batches
    expect(byDoc.size).toBeGreaterThanOrEqual(imported);
    const links = db.prepare(`select article_id, count(*) as n from newsroom_articles_related_news_lnk group by article_id`).all() as any[];
    const linked = new Map(links.map((l) => [l.article_id, l.n]));
    let expectedNews = 0;
    for (const docRows of byDoc.values()) {
      expect(docRows).toHaveLength(2); // a draft and its published row
      const want = teasers.get(docRows[0].title)!;
      expectedNews += want;
      for (const r of docRows) {
        expect(r.exclusive ? r.reprint_notice : r.credit_line).toBeTruthy();
        expect(linked.get(r.id)).toBe(want); // every related item, on both rows
      }
    }
    // No news item, profile or history entry of a page that is not there.
    expect((db.prepare(`select count(distinct document_id) as n from newsroom_news_items`).get() as any).n).toBe(expectedNews);
    expect((db.prepare(`select count(*) as n from newsroom_history where change = 'publish'`).get() as any).n).toBe(byDoc.size);
    const orphans = db
      .prepare(
        `select count(*) as n from newsroom_news_items n where not exists (select 1 from newsroom_articles_related_news_lnk l where l.news_item_id = n.id)`,
      )
      .get() as any;
    expect(orphans.n).toBe(0);
    db.close();

    const again = await run('node', ['node_modules/.bin/newsroom', 'import', pages, '--publish', '--json'], { cwd: ROOT, env, maxBuffer: 256 << 20 });
    expect(JSON.parse(again.stdout).summary.failed).toBe(0);
    const db2 = new Database(path.join(dir, 'data.db'), { readonly: true });
    expect((db2.prepare(`select count(distinct document_id) as n from newsroom_articles`).get() as any).n).toBe(COUNT);
    db2.close();
  }, 600_000);
});
