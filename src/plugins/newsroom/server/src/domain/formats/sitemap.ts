/** Google News sitemap (last 48 hours, ≤ 1,000 URLs) and a general sitemap with hreflang alternates. */
import { NewsroomConfig } from '../config';
import { toOffsetIso } from './dates';
import { ArticleDoc } from './article';
import { xml } from './xml';

/** Google News wants ISO 639 codes; Simplified Chinese is zh-cn. */
export const newsLanguage = (locale: string) => (/^zh(-Hans)?$/i.test(locale) ? 'zh-cn' : /^zh-Hant/i.test(locale) ? 'zh-tw' : locale.toLowerCase());

export function newsSitemap(
  items: ArticleDoc[],
  ctx: { config: NewsroomConfig; now: Date; urlFor: (a: ArticleDoc) => string; publicationName: (locale: string) => string },
): string {
  const since = ctx.now.getTime() - 48 * 3600 * 1000;
  const recent = items
    .filter((a) => a.publishedAt && new Date(a.publishedAt).getTime() >= since && new Date(a.publishedAt).getTime() <= ctx.now.getTime())
    .sort((x, y) => String(y.publishedAt).localeCompare(String(x.publishedAt)))
    .slice(0, 1000);
  const urls = recent
    .map(
      (a) =>
        `<url><loc>${xml(ctx.urlFor(a))}</loc><news:news><news:publication><news:name>${xml(ctx.publicationName(a.locale))}</news:name><news:language>${xml(newsLanguage(a.locale))}</news:language></news:publication><news:publication_date>${xml(toOffsetIso(a.publishedAt!, ctx.config.utcOffset))}</news:publication_date><news:title>${xml(a.title)}</news:title></news:news></url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls}
</urlset>
`;
}

export function sitemap(entries: Array<{ url: string; lastmod: string; locale?: string; alternates: Array<{ locale: string; url: string }> }>, defaultLocale?: string): string {
  const urls = entries
    .map((e) => {
      const alternates = e.alternates.map((a) => `<xhtml:link rel="alternate" hreflang="${xml(a.locale)}" href="${xml(a.url)}"/>`);
      const fallback = e.alternates.find((a) => a.locale === defaultLocale);
      if (fallback) alternates.push(`<xhtml:link rel="alternate" hreflang="x-default" href="${xml(fallback.url)}"/>`);
      return `<url><loc>${xml(e.url)}</loc><lastmod>${xml(e.lastmod)}</lastmod>${alternates.join('')}</url>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls}
</urlset>
`;
}
