import fs from 'fs';
import path from 'path';
import { strapiInstance } from '../../helpers/strapi';
import { adminLogin, apiToken, graphql, http, rest } from '../../helpers/http';
import { NOTICE } from '../../helpers/expectations';
import { validateNinjs } from '../../helpers/ninjs';

const SEED = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../database/seed/newsroom.json'), 'utf8'));
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

/** A small well-formedness check: every tag closes in order (no DTDs, no CDATA in our output). */
function wellFormed(xmlText: string): boolean {
  const body = xmlText.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0 && !/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(body);
}

describe('front ends: JSON-LD, ninjs, feeds, sitemaps', () => {
  let seedId: string;
  let seedSlugZh: string;
  beforeAll(async () => {
    await strapiInstance().plugin('newsroom').service('seed').load(SEED);
    const res = await rest('get', '/api/newsroom/articles?locale=zh-Hans&filters[title][$startsWith]=用情融入&fields[0]=slug');
    seedId = res.body.data[0].documentId;
    seedSlugZh = res.body.data[0].slug;
  });

  it('JSON-LD of the seed article carries the zh-Hans notice, authors and editors', async () => {
    const res = await http().get(`/api/newsroom/articles/${seedId}/jsonld?locale=zh-Hans`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    const ld = JSON.parse(res.text);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      inLanguage: 'zh-Hans',
      copyrightNotice: NOTICE['zh-Hans'],
      genre: 'Exclusive',
    });
    expect(ld.author.map((p: any) => p.name)).toEqual(['张晓鸣', '丁婉星']);
    expect(ld.editor).toEqual([
      { '@type': 'Person', name: '王嘉旖', jobTitle: '编辑' },
      { '@type': 'Person', name: '单颖文', jobTitle: '责任编辑' },
    ]);
    expect(ld.publisher).toMatchObject({ '@type': 'NewsMediaOrganization', name: '文汇报' });
    expect(ld.datePublished).toMatch(/\+08:00$/);
    expect(ld.about.name).toBe('华和民祥园');
    expect(ld.workTranslation[0].inLanguage).toBe('en');
    expect(ld.isBasedOn).toBeUndefined();
    const bySlug = await http().get(`/api/newsroom/articles/by-slug/${seedSlugZh}/jsonld?locale=zh-Hans`);
    expect(JSON.parse(bySlug.text)).toEqual(ld);
  });

  it('the en JSON-LD has the en notice and points at its original', async () => {
    const ld = JSON.parse((await http().get(`/api/newsroom/articles/${seedId}/jsonld?locale=en`)).text);
    expect(ld.copyrightNotice).toBe(NOTICE.en);
    expect(ld.translationOfWork.inLanguage).toBe('zh-Hans');
    expect(ld.editor.find((p: any) => p.name === 'Shan Yingwen').jobTitle).toBe('Responsible editor');
  });

  it('a reprint has isBasedOn and no exclusive genre; a </script> title stays escaped', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
      token,
      body: { data: { title: '转载 </script><script>alert(1)</script>', origin: { outlet: '中新网', url: 'https://www.chinanews.com.cn/x' } } },
    });
    const ld = JSON.parse((await http().get(`/api/newsroom/articles/${created.body.data.documentId}/jsonld?locale=zh-Hans`)).text);
    expect(ld.genre).toBeUndefined();
    expect(ld.isBasedOn).toMatchObject({ '@type': 'CreativeWork', publisher: { name: '中新网' } });
    expect(ld.creditText).toBe('来源:中新网');
    const gql = await graphql(
      `
        query ($id: ID!) {
          newsroomArticle(documentId: $id, locale: "zh-Hans") {
            jsonLd
          }
        }
      `,
      { id: created.body.data.documentId },
    );
    expect(gql.body.data.newsroomArticle.jsonLd.headline).toContain('</script>');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { jsonLdScript } = require('../../../src/plugins/newsroom/server/src/syndication/jsonld');
    const inline = jsonLdScript(ld);
    expect(inline).not.toMatch(/<\/script/i);
    expect(JSON.parse(inline).headline).toBe(ld.headline);
  });

  it('ninjs validates against the IPTC ninjs 3.0 schema in both locales', async () => {
    for (const locale of ['zh-Hans', 'en']) {
      const res = await http().get(`/api/newsroom/articles/${seedId}/ninjs?locale=${locale}`);
      expect(res.status).toBe(200);
      const doc = JSON.parse(res.text);
      const { valid, errors } = validateNinjs(doc);
      expect({ locale, errors: valid ? null : errors }).toEqual({ locale, errors: null });
      expect(doc.copyrightNotice).toBe(NOTICE[locale]);
      expect(doc.genres).toEqual([expect.objectContaining({ name: 'Exclusive' })]);
      expect(doc.associations.length).toBeGreaterThan(0);
      expect(doc.language).toBe(locale);
    }
  });

  it('RSS and JSON Feed: published only, notices and credits on items, valid dates', async () => {
    const token = await apiToken();
    await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', { token, body: { data: { title: '草稿不应出现在订阅中' } } });
    const rss = await http().get('/api/newsroom/feeds/zh-Hans.rss');
    expect(rss.status).toBe(200);
    expect(rss.headers['content-type']).toMatch(/rss\+xml/);
    expect(wellFormed(rss.text)).toBe(true);
    expect(rss.text).toContain('<rss version="2.0"');
    expect(rss.text).not.toContain('草稿不应出现在订阅中');
    expect(rss.text).toContain(`<dc:rights>${NOTICE['zh-Hans']}</dc:rights>`);
    expect(rss.text).toMatch(/<source url="[^"]*">中新网<\/source>/);
    for (const m of rss.text.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)) expect(m[1]).toMatch(RFC822);
    for (const el of ['<title>', '<link>', '<description>', '<language>zh-Hans</language>']) expect(rss.text).toContain(el);

    const json = await http().get('/api/newsroom/feeds/en.json');
    expect(json.status).toBe(200);
    const feed = JSON.parse(json.text);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    const item = feed.items.find((i: any) => i._newsroom.exclusive);
    expect(item._newsroom.reprintNotice).toBe(NOTICE.en);
    for (const i of feed.items) expect(i.date_published).toMatch(RFC3339);
    expect((await http().get('/api/newsroom/feeds/fr.rss')).status).toBe(404);
  });

  it('news sitemap (last 48 h) and general sitemap with hreflang alternates', async () => {
    const news = await http().get('/api/newsroom/news-sitemap.xml');
    expect(news.status).toBe(200);
    expect(wellFormed(news.text)).toBe(true);
    expect(news.text).toContain('<news:name>文汇报</news:name>');
    expect(news.text).toContain('<news:language>zh-cn</news:language>');
    expect((news.text.match(/<url>/g) ?? []).length).toBeLessThanOrEqual(1000);
    // The general sitemap is an index of per-locale files.
    const index = await http().get('/api/newsroom/sitemap.xml');
    expect(wellFormed(index.text)).toBe(true);
    const files = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(files).toEqual(['/api/newsroom/sitemaps/zh-Hans-1.xml', '/api/newsroom/sitemaps/en-1.xml']);
    const site = await http().get(files[0]);
    expect(site.status).toBe(200);
    expect(wellFormed(site.text)).toBe(true);
    expect(site.text).toMatch(/hreflang="en"/);
    expect(site.text).toMatch(/hreflang="x-default"/);
    for (const missing of ['zh-Hans-2.xml', 'fr-1.xml', 'zh-Hans-0.xml', '..%2Fzh-Hans-1.xml'])
      expect((await http().get(`/api/newsroom/sitemaps/${missing}`)).status).toBe(404);
  });

  it('splits the sitemap into files of the configured size, listing every published story exactly once', async () => {
    const strapi = strapiInstance();
    const before = strapi.config.get('plugin::newsroom.sitemap');
    strapi.config.set('plugin::newsroom.sitemap', { urlsPerFile: 2 });
    // A config change is no write: the index cached by an earlier request is dropped by hand.
    strapi.plugin('newsroom').service('read-cache').invalidate('*');
    try {
      const index = await http().get('/api/newsroom/sitemap.xml');
      const files = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
      for (const locale of ['zh-Hans', 'en']) {
        const published = await strapi.db.query('plugin::newsroom.article').findMany({ select: ['slug'], where: { locale, publishedAt: { $notNull: true } } });
        const mine = files.filter((f) => f.includes(`/${locale}-`));
        expect(mine).toHaveLength(Math.max(1, Math.ceil(published.length / 2)));
        const listed: string[] = [];
        for (const file of mine) {
          const res = await http().get(file);
          expect(wellFormed(res.text)).toBe(true);
          const locs = [...res.text.matchAll(/<url><loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
          expect(locs.length).toBeLessThanOrEqual(2);
          listed.push(...locs);
        }
        expect(listed).toHaveLength(published.length);
        expect(new Set(listed).size).toBe(listed.length);
        for (const row of published) expect(listed.some((u) => u.includes(`slug=${row.slug}&`))).toBe(true);
      }
    } finally {
      strapi.config.set('plugin::newsroom.sitemap', before);
      strapi.plugin('newsroom').service('read-cache').invalidate('*');
    }
  });

  it('a feed changes its ETag after an edit', async () => {
    const before = await http().get('/api/newsroom/feeds/zh-Hans.rss');
    expect((await http().get('/api/newsroom/feeds/zh-Hans.rss').set('If-None-Match', before.headers.etag)).status).toBe(304);
    // The feed lists stories by first publication (a 2021 story republished is not news again): edit the newest one.
    const newest = /<guid isPermaLink="false">([^:<]+):zh-Hans<\/guid>/.exec(before.text)![1];
    await rest('put', `/api/newsroom/articles/${newest}?locale=zh-Hans`, { token: await apiToken(), body: { data: { standfirst: '更新后的导语' } } });
    const after = await http().get('/api/newsroom/feeds/zh-Hans.rss');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.text).toContain('更新后的导语');
  });
});

describe('contract documentation', () => {
  it('serves an OpenAPI 3.1 document covering every newsroom route', async () => {
    const res = await http().get('/api/newsroom/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/newsroom/articles',
      '/api/newsroom/articles/{id}',
      '/api/newsroom/articles/by-slug/{slug}',
      '/api/newsroom/articles/{id}/jsonld',
      '/api/newsroom/feeds/{file}',
      '/api/newsroom/neighbourhoods',
      '/api/newsroom/news-items',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.schemas.Article.properties.reprintNotice).toEqual({ type: 'string', maxLength: 500 });
    expect(doc.components.schemas.Article.properties.importKey).toBeUndefined();
    expect(doc.paths['/api/newsroom/articles'].post.responses['400']).toBeDefined();
  });

  it('gives a front end the locales, the offset of dates and the byline roles in reading order, titled per locale', async () => {
    const res = await http().get('/api/newsroom/facts');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      defaultLocale: 'zh-Hans',
      locales: ['zh-Hans', 'en'],
      utcOffset: '+08:00',
      bylineRoles: expect.any(Array),
    });
    expect(res.body.data.bylineRoles.map((r: { role: string }) => r.role)).toEqual(['reporter', 'photographer', 'translator', 'editor', 'responsible-editor']);
    expect(res.body.data.bylineRoles[4]).toEqual({ role: 'responsible-editor', labels: { 'zh-Hans': '责任编辑', en: 'Responsible editor' } });
  });

  it('gives the admin panels the resolved texts and the offset they show instants at; a blank text falls back to the default locale', async () => {
    const strapi = strapiInstance();
    const original = strapi.config.get('plugin::newsroom.reprintNotice');
    try {
      strapi.config.set('plugin::newsroom.reprintNotice', { ...(original ?? {}), en: '   ' });
      const res = await rest('get', '/newsroom/settings', { token: await adminLogin() });
      expect(res.status).toBe(200);
      expect(res.body.data.utcOffset).toBe('+08:00');
      expect(res.body.data.reprintNotice).toEqual({ 'zh-Hans': NOTICE['zh-Hans'], en: NOTICE['zh-Hans'] });
    } finally {
      strapi.config.set('plugin::newsroom.reprintNotice', original);
    }
    expect((await http().get('/newsroom/settings')).status).toBe(401);
  });
});
