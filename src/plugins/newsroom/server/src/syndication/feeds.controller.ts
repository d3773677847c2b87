/** Feeds and sitemaps of published articles, per locale. */
import { getService } from '../boundary';
import { newsroomConfig } from '../config/options';
import { parseSitemapFileName, sitemapFileName } from './sitemap';
import type { Strapi, Context } from '../boundary';

export default ({ strapi }: { strapi: Strapi }) => ({
  /** /feeds/:file where file is `<locale>.rss` or `<locale>.json`. */
  async feed(ctx: Context) {
    const match = /^(.+)\.(rss|json)$/.exec(ctx.params.file ?? '');
    const locales = newsroomConfig(strapi).locales;
    if (!match || !locales.includes(match[1])) return ctx.notFound(`No feed ${ctx.params.file}; try ${locales.map((l) => `${l}.rss`).join(', ')}`);
    const [, locale, format] = match;
    const syndication = getService(strapi, 'syndication');
    if (format === 'rss') {
      ctx.type = 'application/rss+xml; charset=utf-8';
      ctx.body = await syndication.rss(locale);
    } else {
      ctx.type = 'application/feed+json; charset=utf-8';
      ctx.body = JSON.stringify(await syndication.jsonFeed(locale));
    }
  },
  /** The sitemap index (robots.txt points here); the files it lists are /sitemaps/<locale>-<n>.xml. */
  async sitemap(ctx: Context) {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await getService(strapi, 'syndication').sitemapIndex();
  },
  async sitemapPage(ctx: Context) {
    const locales = newsroomConfig(strapi).locales;
    const file = parseSitemapFileName(String(ctx.params.file ?? ''), locales);
    const stream = file && (await getService(strapi, 'syndication').sitemapPage(file.locale, file.page));
    if (!stream) return ctx.notFound(`No sitemap ${ctx.params.file}; the index /sitemap.xml lists them (e.g. ${sitemapFileName(locales[0], 1)})`);
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = stream;
  },
  async newsSitemap(ctx: Context) {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await getService(strapi, 'syndication').newsSitemap();
  },
});
