/**
 * A 10,000-story archive (5,000 per locale, written through the importer's bulk path) on its own
 * fresh database, SQLite or PostgreSQL as the run is: the sitemap index lists every published
 * story exactly once across its split files, search finds single stories among them, and the
 * rules' audit and the search index agree with the data. ARCHIVE_STORIES=N changes the size.
 */
import { bootStrapi, stopStrapi, strapiInstance } from '../helpers/strapi';
import { http } from '../helpers/http';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';
import { archiveNeighbourhood, archiveTitle, buildArchive } from '../helpers/archive';

const PER_LOCALE = Number(process.env.ARCHIVE_STORIES ?? 10_000) / 2;
const onPostgres = process.env.DATABASE_CLIENT === 'postgres';
const dbName = uniqueDatabaseName('archive');
const locs = (xml: string) => [...xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe(`an archive of ${PER_LOCALE * 2} stories`, () => {
  beforeAll(async () => {
    if (onPostgres) await createDatabase(dbName);
    await bootStrapi(onPostgres ? { DATABASE_NAME: dbName } : {});
    const { failed } = await buildArchive(strapiInstance(), PER_LOCALE);
    expect(failed).toBe(0);
  }, 900_000);

  afterAll(async () => {
    await stopStrapi();
    if (onPostgres) await dropDatabase(dbName);
  }, 120_000);

  it('holds every story, published, in both locales', async () => {
    for (const locale of ['zh-Hans', 'en']) {
      const count = await strapiInstance()
        .db.query('plugin::newsroom.article')
        .count({ where: { locale, publishedAt: { $notNull: true } } });
      expect(count).toBe(PER_LOCALE);
    }
  });

  it('lists every published story exactly once in the sitemap index, in files of the configured size', async () => {
    const strapi = strapiInstance();
    const perFile = Math.ceil(PER_LOCALE / 2.5);
    strapi.config.set('plugin::newsroom.sitemap', { urlsPerFile: perFile });
    const index = await http().get('/api/newsroom/sitemap.xml');
    expect(index.status).toBe(200);
    const files = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(files).toHaveLength(6);
    const seen = new Map<string, number>();
    for (const file of files) {
      const res = await http().get(file);
      expect(res.status).toBe(200);
      const urls = locs(res.text);
      expect(urls.length).toBeLessThanOrEqual(perFile);
      for (const u of urls) seen.set(u, (seen.get(u) ?? 0) + 1);
    }
    expect(seen.size).toBe(PER_LOCALE * 2);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const published = await strapi.db.query('plugin::newsroom.article').findMany({ select: ['slug', 'locale'], where: { publishedAt: { $notNull: true } } });
    const slugs = new Set([...seen.keys()].map((u) => new URL(u).searchParams.get('slug')));
    expect(published.every((r: { slug: string }) => slugs.has(r.slug))).toBe(true);
  });

  it('keeps the news sitemap to the last 48 hours', async () => {
    const res = await http().get('/api/newsroom/news-sitemap.xml');
    expect(res.status).toBe(200);
    // One story every 30 minutes back from now: 96 per 48 hours across both locales' interleaved ids.
    const count = (res.text.match(/<url>/g) ?? []).length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(100);
  });

  it('finds single stories among them, in Chinese and English, with the district filter', async () => {
    const i = Math.floor(PER_LOCALE * 0.73);
    const zh = await http().get(`/api/newsroom/search?q=${encodeURIComponent(`第${i}篇`)}&locale=zh-Hans`);
    expect(zh.status).toBe(200);
    expect(zh.body.data.map((h: { title: string }) => h.title)).toEqual([archiveTitle(i, 'zh-Hans')]);
    const en = await http().get(`/api/newsroom/search?q=${encodeURIComponent(`story ${i})`)}&locale=en`);
    expect(en.body.data[0].title).toBe(archiveTitle(i, 'en'));
    const place = archiveNeighbourhood(i).zh;
    const filtered = await http().get(`/api/newsroom/search?q=${encodeURIComponent(place.name)}&district=${encodeURIComponent(place.district)}&limit=50`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.meta.total).toBeGreaterThan(0);
    expect(filtered.body.data.every((h: { title: string }) => h.title.startsWith(place.name))).toBe(true);
    // A word every story shares: ranked, paged, counted, never a scan's worth of answer.
    const common = await http().get(`/api/newsroom/search?q=${encodeURIComponent('居民')}&limit=5`);
    expect(common.body.data).toHaveLength(5);
    expect(common.body.meta.total).toBe(PER_LOCALE);
  });

  it('passes the rules audit and the search index check', async () => {
    const strapi = strapiInstance();
    const { violations, checked } = await strapi.plugin('newsroom').service('reconcile').audit({ fix: false });
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(PER_LOCALE * 4);
    expect(await strapi.plugin('newsroom').service('search').drift()).toEqual({ missing: 0, stale: 0, detail: [] });
  }, 600_000);
});
