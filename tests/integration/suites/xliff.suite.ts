/**
 * Translators over HTTP: the source text a translation was made from (kept privately), the "changed in
 * the source" data, and the XLIFF round trip through the admin endpoints and the CLI, with the role's
 * scope and hostile files refused without side effects. Files are read and rewritten with the `xliff`
 * package, as a CAT tool would, and checked by xmllint.
 */
import { execFile, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { js2xliff, jsToXliff12, xliff12ToJs, xliff2js } from 'xliff';
import type { XliffJs } from 'xliff';
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, asText, graphql, rest, rowsOf } from '../../helpers/http';
import { describeWith, xmllint } from '../../helpers/requirements';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const EN_NOTICE = 'Wenhui exclusive. Credit the source when republishing.';
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

async function story(tag: string) {
  const token = await apiToken();
  const zh = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
    token,
    body: {
      data: {
        title: `普陀安置小区${tag}`,
        standfirst: '居民品出温暖',
        body: [paragraph('第一段:社区食堂开业。'), paragraph('第二段:老人每天来吃饭。')],
        exclusive: true,
        bylines: [{ name: '张三', role: 'reporter' }],
      },
    },
  });
  if (zh.status !== 201) throw new Error(`create failed: ${zh.status} ${JSON.stringify(zh.body)}`);
  const documentId = zh.body.data.documentId as string;
  const en = await rest('put', `/api/newsroom/articles/${documentId}?locale=en`, {
    token,
    body: {
      data: {
        title: `Putuo resettlement ${tag}`,
        standfirst: 'Residents feel the warmth',
        body: [paragraph('First: the canteen opens.'), paragraph('Second: the elderly eat there daily.')],
        bylines: [{ name: 'Zhang San', role: 'reporter' }],
      },
    },
  });
  if (en.status !== 200) throw new Error(`en failed: ${en.status} ${JSON.stringify(en.body)}`);
  return documentId;
}

async function editSource(documentId: string, body: unknown[]) {
  const res = await rest('put', `/api/newsroom/articles/${documentId}?locale=zh-Hans`, { token: await apiToken(), body: { data: { body } } });
  if (res.status !== 200) throw new Error(`source edit failed: ${res.status} ${JSON.stringify(res.body)}`);
}

const enDraft = async (documentId: string) => (await rowsOf(UID.article, documentId, ['bylines'])).find((r: any) => r.locale === 'en' && !r.publishedAt);
const exportOne = async (token: string, documentId: string, version = '2.1') => {
  const res = await rest('get', `/newsroom/xliff/article/${documentId}?locale=en&version=${version}`, { token }).buffer(true).parse(asText);
  return res;
};
const importFiles = (token: string, files: Array<{ name: string; content: string | Buffer }>) =>
  rest('post', '/newsroom/xliff/import', { token, body: { files: files.map((f) => ({ name: f.name, base64: Buffer.from(f.content).toString('base64') })) } });

/** What a CAT tool does: fills every translatable unit's target (rights units left as they are). */
function translateAll(js: XliffJs, translate: (source: string, id: string) => string): XliffJs {
  for (const units of Object.values(js.resources)) {
    for (const [id, unit] of Object.entries(units)) if (!['reprintNotice', 'creditLine'].includes(id)) unit.target = translate(unit.source, id);
  }
  return js;
}

describe('translators: source snapshots, the diff data and XLIFF', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await adminLogin();
  });

  it('keeps the source a translation was made from privately: never in REST or GraphQL answers', async () => {
    const documentId = await story('隐私');
    const row = await enDraft(documentId);
    expect(row.translationStatus).toBe('current');
    expect(row.translatedFrom).toMatchObject({ 'body.0': '第一段:社区食堂开业。', 'bylines.0.name': '张三', standfirst: '居民品出温暖' });
    const res = await rest('get', `/api/newsroom/articles/${documentId}?locale=en&status=draft`, { token: await apiToken() });
    expect(res.status).toBe(200);
    expect(res.body.data.title).toMatch(/^Putuo/);
    expect(JSON.stringify(res.body)).not.toMatch(/translatedFrom|社区食堂/);
    const gql = await graphql(
      `
        {
          newsroomArticles(locale: "en", status: DRAFT) {
            documentId
            translatedFrom
          }
        }
      `,
      {},
      await apiToken(),
    );
    expect((gql.body.errors ?? []).map((e: { message: string }) => e.message).join('\n')).toMatch(/Cannot query field "translatedFrom"/);
    // A client cannot write it either: the system replaces it.
    await rest('put', `/api/newsroom/articles/${documentId}?locale=en`, {
      token: await apiToken(),
      body: { data: { title: 'Putuo again', translatedFrom: { title: 'forged' } } },
    });
    expect((await enDraft(documentId)).translatedFrom.title).toBe('普陀安置小区隐私');
  });

  it('reports per field the paragraphs added, removed and changed, with character-level parts', async () => {
    const documentId = await story('差异');
    await editSource(documentId, [paragraph('第一段:社区食堂正式开业。'), paragraph('第二段:老人每天来吃饭。'), paragraph('第三段:新增的一段。')]);
    expect((await enDraft(documentId)).translationStatus).toBe('stale');
    const res = await rest('get', `/newsroom/source-changes/article/${documentId}?locale=en`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('stale');
    const body = res.body.data.fields.find((f: any) => f.field === 'body');
    expect(body.changes.map((c: any) => c.status)).toEqual(['changed', 'added']);
    expect(body.changes[0].parts.filter((p: any) => p.added).map((p: any) => p.text)).toEqual(['正式']);
    expect(body.changes[1].after).toBe('第三段:新增的一段。');
    const anonymous = await rest('get', `/newsroom/source-changes/article/${documentId}?locale=en`);
    expect(anonymous.status).toBe(401);
  });

  describeWith([xmllint()])('round trip: export a stale story, translate as a CAT tool would, import', () => {
    it('ends current, the English notice untouched, 0 violations; the file passes xmllint and the xliff package', async () => {
      const documentId = await story('往返');
      await editSource(documentId, [paragraph('第一段:社区食堂正式开业。'), paragraph('第二段:老人每天来吃饭。')]);
      const exported = await exportOne(admin, documentId);
      expect(exported.status).toBe(200);
      expect(exported.headers['content-type']).toMatch(/application\/xliff\+xml/);
      const xml = exported.body as string;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xliff-it-'));
      fs.writeFileSync(path.join(dir, 'export.xlf'), xml);
      const lint = spawnSync('xmllint', ['--noout', '--nonet', path.join(dir, 'export.xlf')], { encoding: 'utf8' });
      expect(lint.stderr).toBe('');
      expect(xml).toMatch(/subState="newsroom:stale"/);
      expect(xml).toMatch(/<unit id="reprintNotice" name="reprintNotice" translate="no">/);

      const js = await xliff2js(xml);
      const units = js.resources[`article.${documentId}`];
      expect(units.reprintNotice.target).toBe(EN_NOTICE);
      const translated = await js2xliff(translateAll(js, (source) => `EN: ${source}`));
      fs.writeFileSync(path.join(dir, 'translated.xlf'), translated);
      const res = await importFiles(admin, [{ name: 'translated.xlf', content: translated }]);
      expect(res.status).toBe(200);
      expect(res.body.data.warnings).toEqual([]);
      expect(res.body.data.documents).toEqual([expect.objectContaining({ documentId, locale: 'en', status: 'current' })]);

      const row = await enDraft(documentId);
      expect(row.translationStatus).toBe('current');
      expect(row.reprintNotice).toBe(EN_NOTICE);
      expect(row.body[0].children[0].text).toBe('EN: 第一段:社区食堂正式开业。');
      expect(row.bylines.map((b: any) => [b.name, b.role])).toEqual([['EN: 张三', 'reporter']]);
      const { violations } = await strapiInstance().plugin('newsroom').service('reconcile').audit({ fix: false });
      expect(violations).toEqual([]);

      // The same file again changes nothing (a library-written file imports back unchanged).
      const again = await importFiles(admin, [{ name: 'translated.xlf', content: translated }]);
      expect(again.status).toBe(200);
      expect((await enDraft(documentId)).body).toEqual(row.body);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('XLIFF 1.2 exports and imports back too', async () => {
      const documentId = await story('版本');
      const exported = await exportOne(admin, documentId, '1.2');
      expect(exported.body).toMatch(/<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">/);
      const js = await xliff12ToJs(exported.body);
      const res = await importFiles(admin, [{ name: 'v12.xlf', content: await jsToXliff12(translateAll(js, (s) => `v12 ${s}`)) }]);
      expect(res.status).toBe(200);
      expect((await enDraft(documentId)).standfirst).toBe('v12 居民品出温暖');
    });
  });

  it('a source changed since the export: the import lands, the translation stays stale, the warning names the units', async () => {
    const documentId = await story('变化');
    const js = await xliff2js((await exportOne(admin, documentId)).body);
    await editSource(documentId, [paragraph('第一段:社区食堂改了。'), paragraph('第二段:老人每天来吃饭。')]);
    const file = await js2xliff(translateAll(js, (s) => `late ${s}`));
    const res = await importFiles(admin, [{ name: 'late.xlf', content: file }]);
    expect(res.status).toBe(200);
    const changed = Object.keys(js.resources[`article.${documentId}`]).find((id) => id.startsWith('body.0-'));
    expect(res.body.data.warnings).toEqual([expect.stringContaining(`source changed since the export in ${changed}`)]);
    const row = await enDraft(documentId);
    expect(row.translationStatus).toBe('stale');
    expect(row.standfirst).toBe('late 居民品出温暖');
    const diff = await rest('get', `/newsroom/source-changes/article/${documentId}?locale=en`, { token: admin });
    expect(diff.body.data.fields).toEqual([
      { field: 'body', changes: [expect.objectContaining({ status: 'changed', before: '第一段:社区食堂开业。', after: '第一段:社区食堂改了。' })] },
    ]);
  });

  describe('role scope over import', () => {
    const roleWith = async (code: string, permissions: Array<{ action: string; subject: string; properties: object }>) => {
      const strapi = strapiInstance();
      let role = await strapi.db.query('admin::role').findOne({ where: { code } });
      if (!role) {
        role = await strapi.admin.services.role.create({ name: code, code, description: 'xliff tests' });
        await strapi.admin.services.role.assignPermissions(
          role.id,
          permissions.map((p) => ({ ...p, conditions: [] })),
        );
      }
      return adminLogin(code);
    };
    const READ = {
      action: 'plugin::content-manager.explorer.read',
      subject: UID.article,
      properties: { fields: ['title', 'body', 'standfirst'], locales: ['zh-Hans', 'en'] },
    };

    it('a translator imports into their own locale', async () => {
      const documentId = await story('译者');
      const translator = await adminLogin('newsroom-translator-en');
      const js = await xliff2js((await exportOne(translator, documentId)).body);
      const res = await importFiles(translator, [{ name: 'tr.xlf', content: await js2xliff(translateAll(js, (s) => `tr ${s}`)) }]);
      expect(res.status).toBe(200);
      expect((await enDraft(documentId)).title).toBe('tr 普陀安置小区译者');
      // The diff data is theirs to read for their locale too.
      await editSource(documentId, [paragraph('第一段:译者看到的改动。')]);
      const diff = await rest('get', `/newsroom/source-changes/article/${documentId}?locale=en`, { token: translator });
      expect(diff.status).toBe(200);
      expect(diff.body.data.fields.map((f: { field: string }) => f.field)).toEqual(['body']);
    });

    it.each([
      [
        'may change only the title',
        'xliff-title-only',
        [READ, { action: 'plugin::content-manager.explorer.update', subject: UID.article, properties: { fields: ['title'], locales: ['en'] } }],
        /may not change standfirst in en/,
      ],
      ['may only read', 'xliff-read-only', [READ], /may not edit en/],
    ])('a role that %s is refused (403 naming it), nothing written', async (_what, code, permissions, message) => {
      const documentId = await story(code);
      const token = await roleWith(code, permissions as never);
      const js = await xliff2js((await exportOne(admin, documentId)).body);
      const before = await enDraft(documentId);
      const res = await importFiles(token, [{ name: 'scope.xlf', content: await js2xliff(translateAll(js, (s) => `nope ${s}`)) }]);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(message);
      const after = await enDraft(documentId);
      expect(after.title).toBe(before.title);
      expect(after.updatedAt).toEqual(before.updatedAt);
    });
  });

  describe('hostile files are refused, nothing written', () => {
    let documentId: string;
    let good: string;
    beforeAll(async () => {
      documentId = await story('敌意');
      good = await js2xliff(translateAll(await xliff2js((await exportOne(admin, documentId)).body), (s) => `bad ${s}`));
    });
    const ns = 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-Hans" trgLang="en"';
    const cases: Array<[string, () => string | Buffer, RegExp]> = [
      [
        'XXE',
        () => `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff ${ns}><file id="article.${documentId}">&e;</file></xliff>`,
        /DOCTYPE/,
      ],
      ['billion laughs', () => `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xliff ${ns}>&b;</xliff>`, /DOCTYPE/],
      ['invalid UTF-8', () => Buffer.concat([Buffer.from(good.slice(0, 300)), Buffer.from([0xff, 0xfe]), Buffer.from(good.slice(300))]), /not valid UTF-8/],
      ['an unknown unit id', () => good.replace(/<unit id="standfirst-[0-9a-f]{8}"/, '<unit id="standfirst-deadbeef"'), /standfirst-deadbeef/],
      [
        'a unit of another field',
        () => good.replace(/<unit id="standfirst-([0-9a-f]{8})"/, '<unit id="exclusive-$1"'),
        /unit exclusive-[0-9a-f]{8} does not belong/,
      ],
      [
        'an edited source',
        () => good.replace('<source>居民品出温暖</source>', '<source>改写的原文</source>'),
        /<source> of unit standfirst-[0-9a-f]{8} is not the text/,
      ],
      ['a wrong version', () => good.replace('version="2.0"', 'version="2.2"'), /version "2.2"/],
      ['malformed XML', () => good.replace('</xliff>', ''), /not accepted as XLIFF/],
      ['an unknown document', () => good.replace(`id="article.${documentId}"`, 'id="article.nosuchdocument1"'), /no article nosuchdocument1/],
    ];
    it.each(cases)('%s → 400 naming it', async (_name, content, message) => {
      const before = await rowsOf(UID.article, documentId, ['bylines']);
      const res = await importFiles(admin, [
        { name: 'good-first.xlf', content: good },
        { name: 'hostile.xlf', content: content() },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect([res.body.error.message, ...res.body.error.details.errors.map((e: { message: string }) => e.message)].join('\n')).toMatch(message);
      expect(await rowsOf(UID.article, documentId, ['bylines'])).toEqual(before);
    });

    it('a 50 MB file is refused before parsing', async () => {
      const before = await rowsOf(UID.article, documentId);
      const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
      await expect(
        strapiInstance()
          .plugin('newsroom')
          .service('xliff')
          .importFiles([{ name: 'big.xlf', bytes: big }]),
      ).rejects.toThrow(/big.xlf: 52428800 bytes is over the limit/);
      expect(await rowsOf(UID.article, documentId)).toEqual(before);
    });
  });

  it('the CLI exports stale stories to a folder and imports them back (its own database)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-xliff-cli-'));
    const env = { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), NODE_ENV: 'production' };
    const cli = (...args: string[]) => run('node', ['node_modules/.bin/newsroom', ...args], { cwd: ROOT, env, maxBuffer: 16 << 20 });
    await cli('seed');
    const out = path.join(dir, 'out');
    const exported = JSON.parse((await cli('xliff', 'export', '--locale', 'en', '--out', out, '--json')).stdout);
    expect(exported.files).toBeGreaterThan(0);
    const files = fs.readdirSync(out);
    expect(files.length).toBe(exported.files);
    // The CAT tool's pass, through the xliff package.
    for (const f of files) {
      const js = await xliff2js(fs.readFileSync(path.join(out, f), 'utf8'));
      fs.writeFileSync(path.join(out, f), await js2xliff(translateAll(js, (s) => `cli ${s}`)));
    }
    const imported = JSON.parse((await cli('xliff', 'import', out, '--json')).stdout);
    expect(imported.documents.length).toBe(files.length);
    expect(imported.documents.every((d: { status: string }) => d.status === 'current')).toBe(true);
    const stale = JSON.parse((await cli('xliff', 'export', '--locale', 'en', '--stale', '--out', path.join(dir, 'stale'), '--json')).stdout);
    expect(stale.files).toBe(0);
    const check = await cli('check');
    expect(check.stdout).toMatch(/0 violations/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 600_000);
});
