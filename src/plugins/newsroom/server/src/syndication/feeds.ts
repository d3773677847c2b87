/** RSS 2.0 and JSON Feed 1.1 of published articles; every item carries its notice or credit. */
import { NewsroomConfig, LocaleCode } from '../config/schema';
import { blocksToPlainText } from '../enforcement/blocks';
import { toRfc822 } from './dates';
import { dateModified } from '../workflow/publication';
import { XML_DECLARATION, element, emptyElement, htmlParagraph, parentElement } from './xml';
import { ArticleDoc, ArticleView, CREATOR_ROLES, absoluteUrl, articleView, bylinesWith, publisherName, summaryOf } from './article';

export interface FeedContext {
  config: NewsroomConfig;
  locale: LocaleCode;
  feedUrl: string;
  siteUrl: string;
  urlFor: (article: ArticleDoc) => string;
  title?: string;
}

export const feedItemId = (article: ArticleDoc): string => `${article.documentId}:${article.locale}`;

/** One line per correction, "更正(2026-11-28T10:00:00+08:00):…", for feed readers. */
const correctionLines = (view: ArticleView): string[] => view.corrections.map((c) => (c.date ? `${c.label} (${c.date}): ${c.text}` : `${c.label}: ${c.text}`));

const feedTitle = (ctx: FeedContext) => ctx.title ?? publisherName(ctx.config, ctx.locale);

/** Newest change among the items, so the same items always build the same feed. */
function lastChange(items: ArticleDoc[]): string | undefined {
  const times = items.map((a) => Date.parse(dateModified(a))).filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.max(...times)).toISOString() : undefined;
}

function rssItem(article: ArticleDoc, ctx: FeedContext): string {
  const { config } = ctx;
  const view = articleView(config, article);
  const { rights, outletName: outlet } = view;
  const sourceUrl = absoluteUrl(article.origin?.url);
  // Readers render description as HTML: the summary and the rights line each get a paragraph.
  const description = [summaryOf(article), rights, ...correctionLines(view)]
    .filter((t): t is string => !!t)
    .map(htmlParagraph)
    .join('');
  return parentElement('item', [
    element('title', article.title),
    element('link', ctx.urlFor(article)),
    element('guid', feedItemId(article), { isPermaLink: 'false' }),
    element('pubDate', toRfc822(view.published, config.utcOffset)),
    element('description', description),
    ...bylinesWith(article, CREATOR_ROLES).map((b) => element('dc:creator', b.name)),
    ...(article.keywords ?? []).map((k) => element('category', k)),
    element('dc:rights', rights),
    // RSS requires source's url; without the original's address the credit stays in dc:rights and the description.
    outlet && sourceUrl ? element('source', outlet, { url: sourceUrl }) : '',
  ]);
}

export function rssFeed(items: ArticleDoc[], ctx: FeedContext): string {
  const { config, locale } = ctx;
  const name = publisherName(config, locale);
  const built = lastChange(items);
  const channel = parentElement('channel', [
    element('title', feedTitle(ctx)),
    element('link', ctx.siteUrl),
    element('description', ctx.title ? `${ctx.title} · ${name}` : name),
    element('language', locale),
    element('copyright', `© ${name}`),
    built ? element('lastBuildDate', toRfc822(built, config.utcOffset)) : '',
    emptyElement('atom:link', { href: ctx.feedUrl, rel: 'self', type: 'application/rss+xml' }),
    ...items.map((a) => `\n${rssItem(a, ctx)}`),
    '\n',
  ]);
  const namespaces = {
    version: '2.0',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  };
  return `${XML_DECLARATION}\n${parentElement('rss', [channel], namespaces)}\n`;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_text: string;
  summary?: string;
  date_published: string;
  date_modified?: string;
  authors?: Array<{ name: string }>;
  language: string;
  tags?: string[];
  _newsroom: {
    exclusive: boolean;
    reprintNotice: string | null;
    creditLine: string | null;
    corrections?: Array<{ date: string | null; kind: string; text: string }>;
  };
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: JsonFeedItem[];
}

function jsonFeedItem(article: ArticleDoc, ctx: FeedContext): JsonFeedItem {
  const view = articleView(ctx.config, article);
  const { rights } = view;
  const authors = bylinesWith(article, CREATOR_ROLES).map((b) => ({ name: b.name }));
  const summary = summaryOf(article);
  return {
    id: feedItemId(article),
    url: ctx.urlFor(article),
    title: article.title,
    content_text: [blocksToPlainText(article.body), rights, ...correctionLines(view)].filter(Boolean).join('\n\n'),
    ...(summary ? { summary } : {}),
    date_published: view.published,
    date_modified: view.modified,
    ...(authors.length ? { authors } : {}),
    language: article.locale,
    ...(article.keywords?.length ? { tags: article.keywords } : {}),
    _newsroom: {
      exclusive: !!article.exclusive,
      reprintNotice: article.exclusive ? rights : null,
      creditLine: article.exclusive ? null : rights,
      // The same corrections as every other format: those with text.
      ...(view.corrections.length ? { corrections: view.corrections.map(({ date, kind, text }) => ({ date, kind, text })) } : {}),
    },
  };
}

export function jsonFeed(items: ArticleDoc[], ctx: FeedContext): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feedTitle(ctx),
    home_page_url: ctx.siteUrl,
    feed_url: ctx.feedUrl,
    language: ctx.locale,
    items: items.map((a) => jsonFeedItem(a, ctx)),
  };
}
