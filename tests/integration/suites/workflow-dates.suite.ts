import fs from 'fs';
import path from 'path';
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, rest, rowsOf } from '../../helpers/http';

const SEED = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../database/seed/newsroom.json'), 'utf8'));
let n = 0;
const title = (label: string) => `首发日期 ${label} ${++n}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (v: string | null | undefined) => (v ? new Date(v).getTime() : null);

const rowFor = async (documentId: string, locale: string, published: boolean) =>
  (await rowsOf(UID.article, documentId)).find((r: any) => r.locale === locale && !!r.publishedAt === published);
const jsonld = async (documentId: string, locale = 'zh-Hans') => {
  const res = await rest('get', `/api/newsroom/articles/${documentId}/jsonld?locale=${locale}`);
  expect(res.status).toBe(200);
  return JSON.parse(res.text);
};

describe('workflow: first publication date', () => {
  beforeAll(async () => {
    await strapiInstance().plugin('newsroom').service('seed').load(SEED);
  });

  it('dates the seed story 2021-12-28 in JSON-LD, ninjs and the feeds', async () => {
    const seedRow = await strapiInstance()
      .db.query(UID.article)
      .findOne({ where: { importKey: 'wenhui-huahe-minxiang-yuan', locale: 'zh-Hans', publishedAt: { $notNull: true } } });
    expect(seedRow.firstPublishedAt).toBeTruthy();
    expect(new Date(seedRow.firstPublishedAt).toISOString()).toBe('2021-12-28T01:00:00.000Z');
    const ld = await jsonld(seedRow.documentId);
    expect(ld.datePublished).toBe('2021-12-28T09:00:00+08:00');
    const ninjs = JSON.parse((await rest('get', `/api/newsroom/articles/${seedRow.documentId}/ninjs?locale=en`)).text);
    expect(ninjs.firstCreated).toBe('2021-12-28T09:00:00+08:00');
    // Three years old: not in the 48-hour news sitemap.
    expect((await rest('get', '/api/newsroom/news-sitemap.xml')).text).not.toContain(seedRow.slug);
  });

  it('dates feed items by their first publication (RSS pubDate, JSON Feed date_published)', async () => {
    // Newest first by first publication: a story dated three seconds before its publication still heads the feeds,
    // and its items carry that date, not the publication's.
    const first = new Date(Math.floor(Date.now() / 1000) * 1000 - 3000);
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
      token: await apiToken(),
      body: { data: { title: title('feed'), firstPublishedAt: first.toISOString() } },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const beijing = new Date(first.getTime() + 8 * 3600_000);
    const pad = (x: number) => String(x).padStart(2, '0');
    const hms = `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())}`;
    const rss = await rest('get', '/api/newsroom/feeds/zh-Hans.rss');
    const item = rss.text.split('<item>').find((i) => i.includes(`${id}:zh-Hans`))!;
    expect(item).toMatch(new RegExp(`<pubDate>[A-Z][a-z]{2}, ${pad(beijing.getUTCDate())} [A-Z][a-z]{2} ${beijing.getUTCFullYear()} ${hms} \\+0800</pubDate>`));
    const feed = JSON.parse((await rest('get', '/api/newsroom/feeds/zh-Hans.json')).text);
    const entry = feed.items.find((i: any) => i.id === `${id}:zh-Hans`);
    expect(Date.parse(entry.date_published)).toBe(first.getTime());
    expect(entry.date_published).toMatch(/\+08:00$/);
  });

  it('sets firstPublishedAt on first publication and never moves it on republish, unpublish + publish, or discard', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('republish'), standfirst: '原文' } } });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const first = await rowFor(id, 'zh-Hans', true);
    expect(first.firstPublishedAt).toBeTruthy();
    expect(ms(first.firstPublishedAt)).toBe(ms(first.publishedAt));
    expect(ms((await rowFor(id, 'zh-Hans', false)).firstPublishedAt)).toBe(ms(first.firstPublishedAt));
    const ld1 = await jsonld(id);

    await sleep(1100);
    // A republish without a content change: neither date moves.
    expect((await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: {} } })).status).toBe(200);
    const ld2 = await jsonld(id);
    expect(ld2.datePublished).toBe(ld1.datePublished);
    expect(ld2.dateModified).toBe(ld1.dateModified);

    await sleep(1100);
    // A typo fixed: dateModified moves, datePublished does not.
    expect((await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { standfirst: '原文(改)' } } })).status).toBe(200);
    const ld3 = await jsonld(id);
    expect(ld3.datePublished).toBe(ld1.datePublished);
    expect(Date.parse(ld3.dateModified)).toBeGreaterThan(Date.parse(ld1.dateModified));

    // Unpublished and published again through the Content Manager.
    const admin = await adminLogin();
    expect((await rest('post', `${cm(UID.article)}/${id}/actions/unpublish?locale=zh-Hans`, { token: admin, body: {} })).status).toBe(200);
    await sleep(1100);
    expect((await rest('post', `${cm(UID.article)}/${id}/actions/publish?locale=zh-Hans`, { token: admin, body: {} })).status).toBe(200);
    const again = await rowFor(id, 'zh-Hans', true);
    expect(ms(again.firstPublishedAt)).toBe(ms(first.firstPublishedAt));
    expect(ms(again.publishedAt)).toBeGreaterThan(ms(first.publishedAt)!);
    expect((await jsonld(id)).datePublished).toBe(ld1.datePublished);
    // A client cannot smuggle a system date in.
    await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { contentModifiedAt: '2000-01-01T00:00:00Z' } } });
    expect(ms((await rowFor(id, 'zh-Hans', true)).contentModifiedAt)).not.toBe(ms('2000-01-01T00:00:00Z'));
  }, 60_000);

  it('gives each locale its own first publication', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('locales') } } });
    const id = created.body.data.documentId;
    await sleep(1100);
    expect((await rest('put', `/api/newsroom/articles/${id}?locale=en`, { token, body: { data: { title: 'First publication in English' } } })).status).toBe(
      200,
    );
    const zh = await rowFor(id, 'zh-Hans', true);
    const en = await rowFor(id, 'en', true);
    expect(ms(en.firstPublishedAt)).toBeGreaterThan(ms(zh.firstPublishedAt)!);
  });

  it("lets an editor set an archive piece's first publication through REST and the Content Manager", async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
      token,
      body: { data: { title: title('archive'), firstPublishedAt: '2019-05-04T10:00:00+08:00' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const archived = await jsonld(id);
    expect(archived.datePublished).toBe('2019-05-04T10:00:00+08:00');
    // First published with an archive date: its content dates from then too.
    expect(archived.dateModified).toBe('2019-05-04T10:00:00+08:00');
    // Strapi's own update would drop the field: the plugin applies it.
    const put = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { firstPublishedAt: '2019-05-05T10:00:00+08:00' } } });
    expect(put.status).toBe(200);
    expect((await jsonld(id)).datePublished).toBe('2019-05-05T10:00:00+08:00');
    const admin = await adminLogin();
    const viaCm = await rest('put', `${cm(UID.article)}/${id}?locale=zh-Hans`, { token: admin, body: { firstPublishedAt: '2019-05-06T02:00:00.000Z' } });
    expect(viaCm.status).toBe(200);
    expect(ms((await rowFor(id, 'zh-Hans', false)).firstPublishedAt)).toBe(ms('2019-05-06T02:00:00.000Z'));
  });

  it.each([['yesterday-ish'], ['2999-01-01T00:00:00Z'], [{ $lt: '2020' }]])(
    'refuses firstPublishedAt %p with a 400 naming it, writing nothing',
    async (value) => {
      const token = await apiToken();
      const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', { token, body: { data: { title: title('bad-date') } } });
      const id = created.body.data.documentId;
      const res = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans&status=draft`, {
        token,
        body: { data: { firstPublishedAt: value, standfirst: '不应写入' } },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('firstPublishedAt');
      expect((await rowFor(id, 'zh-Hans', false)).standfirst).toBeNull();
    },
  );
});
