import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { strapiInstance } from '../../helpers/strapi';
import { UID, rowsOf } from '../../helpers/http';
import { NOTICE } from '../../helpers/expectations';
import { parsePage } from '../../../src/plugins/newsroom/server/src/domain/import/parse-page';
import { planImport } from '../../../src/plugins/newsroom/server/src/domain/import/plan';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const importer = () => strapiInstance().plugin('newsroom').service('importer');
const count = (uid: string) => strapiInstance().db.query(uid).count();

const SEED = JSON.parse(fs.readFileSync(path.join(ROOT, 'database/seed/newsroom.json'), 'utf8'));

describe('importer: scraped pages into credited content', () => {
  beforeAll(async () => {
    await strapiInstance().plugin('newsroom').service('seed').load(SEED);
  });

  it('imports the seed page through the rules, links the existing neighbourhood, and re-imports without duplicates', async () => {
    const plan = planImport(parsePage(fixture('seed-wenhui.txt')));
    const before = { articles: await count(UID.article), neighbourhoods: await count(UID.neighbourhood), news: await count(UID.newsItem) };
    const first = await importer().importPlan(plan, { publish: true });
    expect(first.article.action).toBe('created');
    expect(first.neighbourhood.action).toBe('linked');
    const rows = await rowsOf(UID.article, first.article.documentId, ['bylines', 'neighbourhood', 'relatedNews']);
    const published = rows.find((r: any) => r.publishedAt);
    expect(published).toMatchObject({ exclusive: true, reprintNotice: NOTICE['zh-Hans'], imageNote: '资料图片仅供参考', column: '全球报道' });
    expect(published.body).toHaveLength(7);
    expect(published.bylines.map((b: any) => `${b.name}/${b.role}`)).toEqual(['张晓鸣/reporter', '丁婉星/reporter', '王嘉旖/editor', '单颖文/responsible-editor']);
    expect(JSON.stringify(published.body)).not.toContain('转载');
    expect(published.neighbourhood.name).toBe('华和民祥园');
    const after = { articles: await count(UID.article), neighbourhoods: await count(UID.neighbourhood), news: await count(UID.newsItem) };
    expect(after.neighbourhoods).toBe(before.neighbourhoods);

    const again = await importer().importPlan(plan, { publish: true });
    expect(again.article).toEqual({ documentId: first.article.documentId, action: 'updated' });
    expect(again.newsItems.created).toBe(0);
    expect({ articles: await count(UID.article), neighbourhoods: await count(UID.neighbourhood), news: await count(UID.newsItem) }).toEqual(after);
  });

  it('gives a reprint from 中新网 a credit line, not a notice', async () => {
    const page = parsePage(fixture('reprint-chinanews.txt'));
    const out = await importer().importPlan(planImport(page), { publish: false });
    const [row] = await rowsOf(UID.article, out.article.documentId);
    expect(row.exclusive).toBe(false);
    expect(row.reprintNotice).toBeNull();
    expect(row.creditLine).toBe('来源:中新网');
    expect(row.publishedAt).toBeNull();
  });

  it('creates a draft neighbourhood profile with the figures a page states', async () => {
    const text = fixture('seed-wenhui.txt').replace(/华和民祥园/g, '华和新苑');
    const out = await importer().importPlan(planImport(parsePage(text)), { publish: true });
    expect(out.neighbourhood.action).toBe('created');
    const [n] = await rowsOf(UID.neighbourhood, out.neighbourhood.documentId);
    expect(n).toMatchObject({ name: '华和新苑', households: 1644, occupiedHouseholds: 400, elderlyShare: 0.25, yearBuilt: 2021, publishedAt: null });
    expect(n.tenantShare).toBeCloseTo(1 / 3, 6);
  });

  it('writes nothing of a page the rules refuse', async () => {
    const page = parsePage(fixture('reprint-chinanews.txt'));
    page.article.exclusive = true; // exclusive and reprinted: refused
    page.article.title = '被拒绝的导入';
    const before = { a: await count(UID.article), n: await count(UID.newsItem) };
    await expect(importer().importPlan(planImport(page), { publish: true })).rejects.toThrow(/exclusive/);
    expect({ a: await count(UID.article), n: await count(UID.newsItem) }).toEqual(before);
  });

  describe('CLI', () => {
    it('--dry-run --json parses a folder, reports per-file errors, writes nothing and exits 1 when a file fails', async () => {
      const err = await run('node', ['node_modules/.bin/newsroom', 'import', FIXTURES, '--dry-run', '--json'], { cwd: ROOT, maxBuffer: 64 << 20 }).catch((e) => e);
      expect(err.code).toBe(1);
      const out = JSON.parse(err.stdout);
      const byName = Object.fromEntries(out.files.map((f: any) => [path.basename(f.file), f]));
      expect(byName['seed-wenhui.txt'].ok).toBe(true);
      expect(byName['seed-wenhui.txt'].parsed.article.bylines).toHaveLength(4);
      for (const bad of ['only-chrome.txt', 'empty.txt', 'html-soup.txt']) {
        expect(byName[bad].ok).toBe(false);
        expect(byName[bad].error).toMatch(/not an article/);
      }
      expect(byName['english-page.txt'].locale).toBe('en');
      expect(out.summary.failed).toBe(3);
    });

    it('imports into a database across restarts without duplicates', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-'));
      const env = { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), NODE_ENV: 'production' };
      const files = ['seed-wenhui.txt', 'non-exclusive.txt', 'english-page.txt'].map((f) => path.join(FIXTURES, f));
      const first = await run('node', ['node_modules/.bin/newsroom', 'import', ...files, '--json', '--publish'], { cwd: ROOT, env, maxBuffer: 64 << 20 });
      const a = JSON.parse(first.stdout);
      expect(a.files.map((f: any) => f.outcome.article.action)).toEqual(['created', 'created', 'created']);
      const second = await run('node', ['node_modules/.bin/newsroom', 'import', ...files, '--json', '--publish'], { cwd: ROOT, env, maxBuffer: 64 << 20 });
      const b = JSON.parse(second.stdout);
      expect(b.files.map((f: any) => f.outcome.article.action)).toEqual(['updated', 'updated', 'updated']);
      expect(b.files.map((f: any) => f.outcome.article.documentId)).toEqual(a.files.map((f: any) => f.outcome.article.documentId));
    }, 180_000);
  });
});
