/** RSS 2.0 and JSON Feed 1.1 of published articles, each item carrying its notice or credit. */
import { NewsroomConfig } from '../config';
import { blocksToParagraphs, blocksToPlainText } from '../blocks';
import { isReprint, outletName } from '../rights';
import { toOffsetIso, toRfc822 } from './dates';
import { ArticleDoc, bylinesOf, publisherName } from './article';
import { tag, xml } from './xml';

export interface FeedContext {
  config: NewsroomConfig;
  locale: string;
  feedUrl: string;
  siteUrl: string;
  urlFor: (a: ArticleDoc) => string;
}

const rightsLine = (a: ArticleDoc) => a.reprintNotice ?? a.creditLine ?? null;
const summaryOf = (a: ArticleDoc) => a.standfirst || blocksToParagraphs(a.body)[0] || '';

export function rssFeed(items: ArticleDoc[], ctx: FeedContext): string {
  const { config, locale } = ctx;
  const name = publisherName(config, locale);
  const latest = items.map((a) => a.publishedAt).filter(Boolean).sort().pop();
  const body = items
    .map((a) => {
      const rights = rightsLine(a);
      const description = [summaryOf(a), rights].filter(Boolean).join('\n\n');
      const authors = bylinesOf(a, 'reporter', 'photographer').map((b) => tag('dc:creator', b.name)).join('');
      const source = isReprint(config, a.origin)
        ? `<source url="${xml(a.origin!.url || ctx.siteUrl)}">${xml(outletName(config, a.origin!.outlet!, locale))}</source>`
        : '';
      return `<item>${tag('title', a.title)}${tag('link', ctx.urlFor(a))}<guid isPermaLink="false">${xml(`${a.documentId}:${a.locale}`)}</guid>${tag('pubDate', a.publishedAt ? toRfc822(a.publishedAt, config.utcOffset) : '')}${tag('description', description)}${authors}${tag('dc:rights', rights)}${source}${(a.keywords ?? []).map((k) => tag('category', k)).join('')}</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>${tag('title', name)}${tag('link', ctx.siteUrl)}${tag('description', `${name} (${locale})`)}${tag('language', locale)}${tag('copyright', name)}<atom:link href="${xml(ctx.feedUrl)}" rel="self" type="application/rss+xml"/>${tag('lastBuildDate', toRfc822(latest ?? new Date(), config.utcOffset))}
${body}
</channel>
</rss>
`;
}

export function jsonFeed(items: ArticleDoc[], ctx: FeedContext): Record<string, unknown> {
  const { config, locale } = ctx;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: publisherName(config, locale),
    home_page_url: ctx.siteUrl,
    feed_url: ctx.feedUrl,
    language: locale,
    items: items.map((a) => ({
      id: `${a.documentId}:${a.locale}`,
      url: ctx.urlFor(a),
      title: a.title,
      summary: summaryOf(a) || undefined,
      content_text: [blocksToPlainText(a.body), rightsLine(a)].filter(Boolean).join('\n\n'),
      date_published: a.publishedAt ? toOffsetIso(a.publishedAt, config.utcOffset) : undefined,
      date_modified: a.updatedAt ? toOffsetIso(a.updatedAt, config.utcOffset) : undefined,
      authors: bylinesOf(a, 'reporter', 'photographer').map((b) => ({ name: b.name })),
      language: a.locale,
      tags: a.keywords?.length ? a.keywords : undefined,
      _newsroom: { exclusive: !!a.exclusive, reprintNotice: a.reprintNotice ?? null, creditLine: a.creditLine ?? null },
    })),
  };
}
