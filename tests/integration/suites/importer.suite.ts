import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile, execFileSync } from 'child_process';
import { promisify } from 'util';
import { strapiInstance } from '../../helpers/strapi';
import { UID, rowsOf } from '../../helpers/http';
import { NOTICE } from '../../helpers/expectations';
import { parsePage } from '../../../src/plugins/newsroom/server/src/import/parse-page';
import { planImport } from '../../../src/plugins/newsroom/server/src/import/plan';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const importer = () => strapiInstance().plugin('newsroom').service('importer');
const count = (uid: string) => strapiInstance().db.query(uid).count();
const counts = async () => ({ articles: await count(UID.article), neighbourhoods: await count(UID.neighbourhood), news: await count(UID.newsItem) });
/** The seed page under another title: a story the database does not have yet. */
const retitled = (title: string) => fixture('seed-wenhui.txt').replace('用情融入基层治理,普陀这里让居民品出温暖“老味道”', title);

const SEED = JSON.parse(fs.readFileSync(path.join(ROOT, 'database/seed/newsroom.json'), 'utf8'));

describe('importer: scraped pages into credited content', () => {
  beforeAll(async () => {
    await strapiInstance().plugin('newsroom').service('seed').load(SEED);
  }, 120_000);

  it('finds what exists: the seed page into a seeded database creates no duplicate article, neighbourhood or news item', async () => {
    const before = await counts();
    const plan = planImport(parsePage(fixture('seed-wenhui.txt')));
    const seeded = await strapiInstance()
      .db.query(UID.article)
      .findOne({ where: { importKey: 'wenhui-huahe-minxiang-yuan', locale: 'zh-Hans', publishedAt: { $notNull: true } } });
    const out = await importer().importPlan(plan, { publish: true });
    expect(out.article).toEqual({ documentId: seeded.documentId, action: 'linked', matchedBy: 'title' });
    expect(out.neighbourhood).toMatchObject({ action: 'linked', matchedBy: 'name+district' });
    expect(out.newsItems).toMatchObject({ created: 0, updated: 0, linked: 20 });
    expect(await counts()).toEqual(before);
    // Linked, not overwritten: the seeded article keeps its own key and text.
    const row = await strapiInstance()
      .db.query(UID.article)
      .findOne({ where: { documentId: seeded.documentId, locale: 'zh-Hans', publishedAt: { $notNull: true } } });
    expect(row).toMatchObject({ importKey: 'wenhui-huahe-minxiang-yuan', title: seeded.title, updatedAt: seeded.updatedAt });
  });

  it('imports a new page through the rules, then re-imports it as an update (by import key) without duplicates', async () => {
    const plan = planImport(parsePage(retitled('普陀桃浦镇的新邻居,在这里品出了“老味道”')));
    const before = await counts();
    const first = await importer().importPlan(plan, { publish: true });
    expect(first.article).toMatchObject({ action: 'created', matchedBy: null });
    expect(first.neighbourhood).toMatchObject({ action: 'linked' });
    // Its headlines are the seed's: linked, not created again.
    expect(first.newsItems).toMatchObject({ created: 0, linked: 20 });
    const rows = await rowsOf(UID.article, first.article.documentId, ['bylines', 'neighbourhood', 'relatedNews']);
    const published = rows.find((r: any) => r.publishedAt);
    expect(published).toMatchObject({ exclusive: true, reprintNotice: NOTICE['zh-Hans'], imageNote: '资料图片仅供参考', column: '全球报道' });
    expect(published.body).toHaveLength(7);
    expect(published.bylines.map((b: any) => `${b.name}/${b.role}`)).toEqual([
      '张晓鸣/reporter',
      '丁婉星/reporter',
      '王嘉旖/editor',
      '单颖文/responsible-editor',
    ]);
    expect(JSON.stringify(published.body)).not.toContain('转载');
    expect(published.neighbourhood.name).toBe('华和民祥园');
    expect(published.relatedNews).toHaveLength(20);
    const after = await counts();
    expect(after).toEqual({ ...before, articles: before.articles + 2 }); // a draft and a published row

    const again = await importer().importPlan(plan, { publish: true });
    expect(again.article).toEqual({ documentId: first.article.documentId, action: 'updated', matchedBy: 'importKey' });
    expect(await counts()).toEqual(after);
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
    const text = retitled('华和新苑的“老味道”').replace(/华和民祥园/g, '华和新苑');
    const out = await importer().importPlan(planImport(parsePage(text)), { publish: true });
    expect(out.neighbourhood.action).toBe('created');
    const [n] = await rowsOf(UID.neighbourhood, out.neighbourhood.documentId);
    expect(n).toMatchObject({
      name: '华和新苑',
      district: '普陀区',
      subdistrict: '桃浦镇',
      households: 1644,
      occupiedHouseholds: 400,
      elderlyShare: 0.25,
      yearBuilt: 2021,
      publishedAt: null,
    });
    expect(n.tenantShare).toBeCloseTo(1 / 3, 6);
  });

  it('reads figures from a page in another phrasing into the profile (始建于, 居民共N户, 入住率约九成)', async () => {
    const out = await importer().importPlan(planImport(parsePage(fs.readFileSync(path.join(FIXTURES, 'corpus/zh-lanyuan-xuhui.txt'), 'utf8'))), {
      publish: false,
    });
    const [n] = await rowsOf(UID.neighbourhood, out.neighbourhood.documentId);
    expect(n).toMatchObject({
      name: '兰苑',
      district: '徐汇区',
      subdistrict: '田林街道',
      yearBuilt: 1998,
      households: 1520,
      occupiedHouseholds: 1368,
      elderlyShare: 0.3,
    });
  });

  it('writes nothing of a page the rules refuse', async () => {
    const page = parsePage(fixture('reprint-chinanews.txt'));
    page.article.exclusive = true; // exclusive and reprinted: refused
    page.article.title = '被拒绝的导入';
    const before = { a: await count(UID.article), n: await count(UID.newsItem) };
    await expect(importer().importPlan(planImport(page), { publish: true })).rejects.toThrow(/exclusive/);
    expect({ a: await count(UID.article), n: await count(UID.newsItem) }).toEqual(before);
  });

  it('rolls a refused page back alone inside a batch: the pages before and after it are written', async () => {
    const good1 = planImport(parsePage(retitled('批量导入第一篇')));
    const badPage = parsePage(fs.readFileSync(path.join(FIXTURES, 'corpus/zh-xinhua-reprint.txt'), 'utf8'));
    badPage.article.exclusive = true; // a reprint cannot be exclusive
    badPage.relatedNews.push({ headline: '只属于被拒绝那一页的新闻', summary: null, outlet: '中新网', dateline: null, reporters: [] });
    const bad = planImport(badPage);
    const good2 = planImport(parsePage(retitled('批量导入第二篇')));
    const results = await importer().importBatch([good1, bad, good2], { publish: true });
    expect(results.map((r: any) => r.ok)).toEqual([true, false, true]);
    expect((results[1] as any).error.name).toBe('ValidationError');
    const docs = strapiInstance().db.query(UID.article);
    expect(await docs.count({ where: { title: '批量导入第一篇' } })).toBe(2);
    expect(await docs.count({ where: { title: '批量导入第二篇' } })).toBe(2);
    expect(await docs.count({ where: { title: badPage.article.title } })).toBe(0);
    expect(
      await strapiInstance()
        .db.query(UID.newsItem)
        .count({ where: { headline: '只属于被拒绝那一页的新闻' } }),
    ).toBe(0);
  });

  describe('CLI', () => {
    it('--parse-only --json parses a folder, reports per-file errors, writes nothing and exits 1 when a file fails', async () => {
      const err = await run('node', ['node_modules/.bin/newsroom', 'import', FIXTURES, '--parse-only', '--json'], { cwd: ROOT, maxBuffer: 64 << 20 }).catch(
        (e) => e,
      );
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

    it('--dry-run shows the match against the database and writes nothing', async () => {
      const before = await counts();
      // Jest sandboxes process.env: hand the test database's settings to the child explicitly.
      const env = { ...process.env };
      const { stdout } = await run(
        'node',
        [
          'node_modules/.bin/newsroom',
          'import',
          path.join(FIXTURES, 'seed-wenhui.txt'),
          path.join(FIXTURES, 'corpus/zh-jingan-lift.txt'),
          '--dry-run',
          '--json',
        ],
        { cwd: ROOT, env, maxBuffer: 64 << 20 },
      );
      const out = JSON.parse(stdout);
      const [seed, fresh] = out.files;
      expect(seed.match.article).toMatchObject({ action: 'would-link', matchedBy: 'title' });
      expect(seed.match.neighbourhood).toMatchObject({ action: 'would-link', matchedBy: 'name+district' });
      expect(seed.match.newsItems.every((n: any) => n.action === 'would-link')).toBe(true);
      expect(fresh.match.article).toEqual({ documentId: null, action: 'would-create', matchedBy: null });
      expect(fresh.match.neighbourhood).toMatchObject({ action: 'would-create' });
      expect(fresh.parsed.notStored.map((n: any) => n.reason).join('\n')).toMatch(/not the neighbourhood's total/);
      expect(await counts()).toEqual(before);
    }, 180_000);

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
      expect(b.summary.documents).toBeGreaterThan(0);
    }, 180_000);

    it('refuses a FIFO, a file over the size cap and a file over its time budget, imports the rest, exits 1', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-limits-'));
      const pages = path.join(dir, 'pages');
      fs.mkdirSync(pages);
      fs.copyFileSync(path.join(FIXTURES, 'non-exclusive.txt'), path.join(pages, 'a-good.txt'));
      execFileSync('mkfifo', [path.join(pages, 'b-fifo.txt')]); // nothing ever writes to it
      fs.writeFileSync(path.join(pages, 'c-huge.txt'), `${fixture('non-exclusive.txt')}\n${'很长的段落。'.repeat(200_000)}`); // > 2 MB
      fs.writeFileSync(path.join(pages, 'd-lt.txt'), `标题\n${'<a'.repeat(200_000)}`); // 400 KB of '<a': parsed quickly, not an article
      const env = { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), NODE_ENV: 'production' };
      const err = await run('node', ['node_modules/.bin/newsroom', 'import', pages, '--json', '--publish'], {
        cwd: ROOT,
        env,
        maxBuffer: 64 << 20,
        timeout: 150_000,
      }).catch((e) => e);
      expect(err.code).toBe(1);
      const out = JSON.parse(err.stdout);
      const byName = Object.fromEntries(out.files.map((f: any) => [path.basename(f.file), f]));
      expect(byName['a-good.txt']).toMatchObject({ ok: true, outcome: { article: { action: 'created' } } });
      expect(byName['b-fifo.txt'].error).toMatch(/FIFO, not a regular file/);
      expect(byName['c-huge.txt'].error).toMatch(/over the importer\.maxFileBytes limit of 2097152 bytes/);
      expect(byName['d-lt.txt'].error).toMatch(/not an article/);
      expect(out.summary).toMatchObject({ done: 4, failed: 3 });

      // A time budget too small for any parse: every file is stopped with its own error.
      const slow = await run(
        'node',
        ['node_modules/.bin/newsroom', 'import', path.join(pages, 'a-good.txt'), '--parse-only', '--json', '--file-time-budget-ms', '1'],
        { cwd: ROOT, maxBuffer: 64 << 20 },
      ).catch((e) => e);
      expect(slow.code).toBe(1);
      expect(JSON.parse(slow.stdout).files[0].error).toMatch(/longer than the importer\.fileTimeBudgetMs budget of 1 ms/);
    }, 240_000);
  });
});
