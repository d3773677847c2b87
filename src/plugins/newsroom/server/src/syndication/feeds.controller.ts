/** Feeds and sitemaps of published articles, per locale. */
import { newsroomConfig, getService } from '../boundary';
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
  async sitemap(ctx: Context) {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await getService(strapi, 'syndication').sitemap();
  },
  async newsSitemap(ctx: Context) {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await getService(strapi, 'syndication').newsSitemap();
  },
});
