/**
 * Machine-readable forms of published articles (JSON-LD, ninjs, feeds, sitemaps): loads what the
 * pure builders beside it (jsonld, ninjs, feeds, sitemap) need and hands it to them.
 */
import { UIDS } from '../content-types/facts';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';
import type { ArticleDoc } from './article';
import { articleJsonLd } from './jsonld';
import { articleNinjs } from './ninjs';
import { rssFeed, jsonFeed } from './feeds';
import { Readable } from 'stream';
import { SITEMAP_HEAD, SITEMAP_TAIL, newsSitemap, sitemapFileName, sitemapIndex, sitemapPages, sitemapUrl, sitemapUrlsPerFile } from './sitemap';
import { articleUrl } from './urls';
import { publisherName } from './article';

export const ARTICLE_POPULATE = { bylines: true, origin: true, neighbourhood: true, relatedNews: true, corrections: true };
const FEED_SIZE = 50;

/** A row of the sitemap's and the alternates' lookups (published articles, a few columns). */
type PublishedRow = { id: number; documentId: string; locale: string; slug: string; updatedAt: string; contentModifiedAt: string | null };
/** Rows read per query while a sitemap file is streamed: memory stays bounded whatever the archive. */
const SITEMAP_CHUNK = 1000;
/** At most this many stories per locale in the news sitemap (the protocol allows 1,000 URLs in all). */
const NEWS_SITEMAP_LIMIT = 1000;

export default ({ strapi }: { strapi: Strapi }) => {
  const docs = () => strapi.documents(UIDS.article);
  const urlFor = (a: { locale: string; slug: string; documentId: string }) => articleUrl(newsroomConfig(strapi).articleUrlPattern, a);

  async function alternates(documentId: string, exceptLocale?: string) {
    const rows = await dbQuery<PublishedRow>(strapi, UIDS.article).findMany({
      select: ['locale', 'slug'],
      where: { documentId, publishedAt: { $notNull: true } },
    });
    return rows
      .filter((r) => r.locale !== exceptLocale)
      .map((r) => ({ locale: r.locale, slug: r.slug, url: urlFor({ locale: r.locale, slug: r.slug, documentId }) }));
  }

  async function published(documentId: string, locale: string) {
    return (await docs().findOne({ documentId, locale, status: 'published', populate: ARTICLE_POPULATE })) as ArticleDoc | null;
  }

  const context = async (article: ArticleDoc) => ({
    config: newsroomConfig(strapi),
    url: urlFor(article),
    alternates: await alternates(article.documentId, article.locale),
  });

  const feedItems = async (locale: string, limit = FEED_SIZE) =>
    (await docs().findMany({
      locale,
      status: 'published',
      sort: ['firstPublishedAt:desc', 'publishedAt:desc'],
      limit,
      populate: ARTICLE_POPULATE,
    })) as unknown as ArticleDoc[];

  const siteUrl = () => {
    const pattern = newsroomConfig(strapi).articleUrlPattern;
    try {
      return new URL(pattern.replace(/\{[^}]+\}/g, 'x')).origin;
    } catch {
      return strapi.config.get<string>('server.url') || 'http://localhost:1337';
    }
  };
  const apiUrl = (path: string) => `${strapi.config.get<string>('server.url') || siteUrl()}/api/newsroom${path}`;

  return {
    published,
    async jsonLdFor(documentId: string, locale?: string) {
      const article = await published(documentId, locale ?? newsroomConfig(strapi).defaultLocale);
      return article ? articleJsonLd(article, await context(article)) : null;
    },
    /** The JSON-LD an article already loaded (populated as ARTICLE_POPULATE) will carry: a preview shows it before publication. */
    async jsonLdOf(article: ArticleDoc) {
      return articleJsonLd(article, await context(article));
    },
    async ninjsFor(documentId: string, locale?: string) {
      const article = await published(documentId, locale ?? newsroomConfig(strapi).defaultLocale);
      return article ? articleNinjs(article, await context(article)) : null;
    },
    async rss(locale: string) {
      const config = newsroomConfig(strapi);
      return rssFeed(await feedItems(locale), { config, locale, feedUrl: apiUrl(`/feeds/${locale}.rss`), siteUrl: siteUrl(), urlFor });
    },
    async jsonFeed(locale: string) {
      const config = newsroomConfig(strapi);
      return jsonFeed(await feedItems(locale), { config, locale, feedUrl: apiUrl(`/feeds/${locale}.json`), siteUrl: siteUrl(), urlFor });
    },
    async newsSitemap(now = new Date()) {
      const config = newsroomConfig(strapi);
      const since = new Date(now.getTime() - 48 * 3600 * 1000).toISOString();
      // The window is the first publication's: a republished old story is not news again. Two
      // queries, not one with $or: each is a range of the (locale, firstPublishedAt) index, where the
      // $or made the database walk every story of the locale (a row with no firstPublishedAt could
      // sort after the window).
      const window = async (locale: string) => {
        const common = { locale, status: 'published' as const, sort: ['firstPublishedAt:desc', 'publishedAt:desc'], limit: NEWS_SITEMAP_LIMIT };
        const [dated, undated] = await Promise.all([
          docs().findMany({ ...common, filters: { firstPublishedAt: { $gte: since } } }),
          docs().findMany({ ...common, filters: { firstPublishedAt: { $null: true }, publishedAt: { $gte: since } } }),
        ]);
        return [...(dated as unknown as ArticleDoc[]), ...(undated as unknown as ArticleDoc[])].slice(0, NEWS_SITEMAP_LIMIT);
      };
      const items = (await Promise.all(config.locales.map(window))).flat();
      return newsSitemap(items, {
        config,
        now,
        urlFor,
        publicationName: (l: string) => publisherName(config, l),
      });
    },
    /** URLs per sitemap file: the configured count, within the protocol's 50,000 URLs and 50 MB. */
    sitemapUrlsPerFile() {
      const config = newsroomConfig(strapi);
      const longestUrlBytes = Buffer.byteLength(urlFor({ locale: 'x'.repeat(35), slug: 'x'.repeat(160), documentId: 'x'.repeat(64) }));
      return sitemapUrlsPerFile({ configured: config.sitemap.urlsPerFile, longestUrlBytes, locales: config.locales.length });
    },
    /** The sitemap index: each locale's published stories in files of sitemapUrlsPerFile() URLs. */
    async sitemapIndex() {
      const config = newsroomConfig(strapi);
      const perFile = this.sitemapUrlsPerFile();
      const files: Array<{ url: string }> = [];
      for (const locale of config.locales) {
        const published = await strapi.db.query(UIDS.article).count({ where: { locale, publishedAt: { $notNull: true } } });
        for (let page = 1; page <= sitemapPages(Number(published), perFile); page++) files.push({ url: apiUrl(`/sitemaps/${sitemapFileName(locale, page)}`) });
      }
      return sitemapIndex(files);
    },
    /**
     * One sitemap file, streamed: the locale's published rows in id order, read SITEMAP_CHUNK at a
     * time, each chunk's alternates in one more query. Null when the page does not exist.
     */
    async sitemapPage(locale: string, page: number): Promise<Readable | null> {
      const config = newsroomConfig(strapi);
      const perFile = this.sitemapUrlsPerFile();
      const query = dbQuery<PublishedRow>(strapi, UIDS.article);
      const where = { locale, publishedAt: { $notNull: true } };
      const published = Number(await strapi.db.query(UIDS.article).count({ where }));
      if (page > sitemapPages(published, perFile)) return null;
      const select = ['id', 'documentId', 'locale', 'slug', 'updatedAt', 'contentModifiedAt'];
      async function* lines() {
        yield SITEMAP_HEAD;
        let remaining = Math.min(perFile, published - (page - 1) * perFile);
        let lastId: number | null = null;
        while (remaining > 0) {
          const limit = Math.min(SITEMAP_CHUNK, remaining);
          const rows: PublishedRow[] =
            lastId === null
              ? await query.findMany({ select, where, orderBy: { id: 'asc' }, offset: (page - 1) * perFile, limit })
              : await query.findMany({ select, where: { ...where, id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit });
          if (!rows.length) break;
          const others = await query.findMany({
            select: ['documentId', 'locale', 'slug'],
            where: { documentId: { $in: [...new Set(rows.map((r) => r.documentId))] }, locale: { $ne: locale }, publishedAt: { $notNull: true } },
          });
          const byDoc = new Map<string, PublishedRow[]>();
          for (const o of others) byDoc.set(o.documentId, [...(byDoc.get(o.documentId) ?? []), o]);
          let chunk = '';
          for (const r of rows) {
            const alternates = [r, ...(byDoc.get(r.documentId) ?? [])].map((x) => ({ locale: x.locale, url: urlFor(x) }));
            // lastmod is when the text last changed for readers, not when a row was last touched.
            const lastmod = new Date(r.contentModifiedAt ?? r.updatedAt).toISOString();
            chunk += sitemapUrl({ url: urlFor(r), lastmod, locale: r.locale, alternates }, config.defaultLocale);
          }
          yield chunk;
          remaining -= rows.length;
          lastId = rows[rows.length - 1].id;
        }
        yield SITEMAP_TAIL;
      }
      return Readable.from(lines());
    },
  };
};
