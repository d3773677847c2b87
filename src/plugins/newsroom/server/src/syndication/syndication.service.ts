/**
 * Machine-readable forms of published articles (JSON-LD, ninjs, feeds, sitemaps): loads what the
 * pure builders beside it (jsonld, ninjs, feeds, sitemap) need and hands it to them.
 */
import { UIDS } from '../content-types/facts';
import { newsroomConfig, dbQuery } from '../boundary';
import type { Strapi } from '../boundary';
import type { ArticleDoc } from './article';
import { articleJsonLd } from './jsonld';
import { articleNinjs } from './ninjs';
import { rssFeed, jsonFeed } from './feeds';
import { newsSitemap, sitemap } from './sitemap';
import { articleUrl } from './urls';
import { publisherName } from './article';

export const ARTICLE_POPULATE = { bylines: true, origin: true, neighbourhood: true, relatedNews: true, corrections: true };
const FEED_SIZE = 50;

/** A row of the sitemap's and the alternates' lookups (published articles, a few columns). */
type PublishedRow = { documentId: string; locale: string; slug: string; updatedAt: string };

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
      const items = (
        await Promise.all(
          config.locales.map((locale) =>
            // The window is the first publication's: a republished old story is not news again.
            docs().findMany({
              locale,
              status: 'published',
              filters: { $or: [{ firstPublishedAt: { $gte: since } }, { firstPublishedAt: { $null: true }, publishedAt: { $gte: since } }] },
              sort: ['firstPublishedAt:desc', 'publishedAt:desc'],
              limit: 1000,
            }),
          ),
        )
      ).flat() as unknown as ArticleDoc[];
      return newsSitemap(items, {
        config,
        now,
        urlFor,
        publicationName: (l: string) => publisherName(config, l),
      });
    },
    async sitemap() {
      const rows = await dbQuery<PublishedRow>(strapi, UIDS.article).findMany({
        select: ['documentId', 'locale', 'slug', 'updatedAt'],
        where: { publishedAt: { $notNull: true } },
        orderBy: { updatedAt: 'desc' },
        limit: 50_000,
      });
      const byDoc = new Map<string, PublishedRow[]>();
      for (const r of rows) byDoc.set(r.documentId, [...(byDoc.get(r.documentId) ?? []), r]);
      const entries = rows.map((r) => ({
        url: urlFor(r),
        lastmod: new Date(r.updatedAt).toISOString(),
        alternates: (byDoc.get(r.documentId) ?? []).map((x) => ({ locale: x.locale, url: urlFor(x) })),
      }));
      return sitemap(entries, newsroomConfig(strapi).defaultLocale);
    },
  };
};
