/** Google News sitemap (last 48 hours, at most 1,000 URLs) and a general sitemap with hreflang alternates. */
import { NewsroomConfig, LocaleCode, defaultConfig } from '../config/schema';
import { toOffsetIso } from './dates';
import { XML_DECLARATION, element, emptyElement, parentElement } from './xml';
import { ArticleDoc } from './article';
import { datePublished } from '../workflow/publication';

const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
const NEWS_MAX_URLS = 1000;
/** The sitemap protocol's per-file limit; past it the caller must split into a sitemap index. */
const SITEMAP_MAX_URLS = 50_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Google News takes ISO 639 codes, except Chinese: zh-cn (Simplified) and zh-tw (Traditional). */
export function newsLanguage(locale: LocaleCode): string {
  const tag = locale.toLowerCase();
  if (/^zh(-|$)/.test(tag)) return /^zh-(hant|tw|hk|mo)\b/.test(tag) ? 'zh-tw' : 'zh-cn';
  return tag.split('-')[0];
}

export interface NewsSitemapContext {
  config: NewsroomConfig;
  now: Date;
  urlFor: (article: ArticleDoc) => string;
  publicationName: (locale: LocaleCode) => string;
}

export function newsSitemap(items: ArticleDoc[], ctx: NewsSitemapContext): string {
  const end = ctx.now.getTime();
  const published = (a: ArticleDoc) => Date.parse(datePublished(a));
  const recent = items
    .filter((a) => published(a) >= end - NEWS_WINDOW_MS && published(a) <= end)
    .sort((a, b) => published(b) - published(a))
    .slice(0, NEWS_MAX_URLS);
  const urls = recent.map((a) =>
    parentElement('url', [
      element('loc', ctx.urlFor(a)),
      parentElement('news:news', [
        parentElement('news:publication', [element('news:name', ctx.publicationName(a.locale)), element('news:language', newsLanguage(a.locale))]),
        element('news:publication_date', toOffsetIso(datePublished(a), ctx.config.utcOffset)),
        element('news:title', a.title),
      ]),
    ]),
  );
  const namespaces = { xmlns: SITEMAP_NS, 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9' };
  return `${XML_DECLARATION}\n${parentElement('urlset', urls.map((u) => `\n${u}`).concat('\n'), namespaces)}\n`;
}

export interface SitemapEntry {
  url: string;
  /** W3C datetime, e.g. 2021-12-28T15:14:00+08:00 */
  lastmod: string;
  /** The page's own locale: lets it list itself among its alternates when `alternates` leaves it out. */
  locale?: LocaleCode;
  alternates: Array<{ locale: LocaleCode; url: string }>;
}

/** hreflang links for one page: every locale (itself included) once, plus x-default at the default locale. */
function hreflangLinks(entry: SitemapEntry, defaultLocale: LocaleCode): string[] {
  const byLocale = new Map<string, string>();
  if (entry.locale) byLocale.set(entry.locale, entry.url);
  for (const alt of entry.alternates) if (!byLocale.has(alt.locale)) byLocale.set(alt.locale, alt.url);
  // A page in one language only has nothing to announce.
  if (byLocale.size < 2) return [];
  const links = [...byLocale].map(([hreflang, href]) => ({ hreflang, href }));
  const fallback = byLocale.get(defaultLocale);
  if (fallback) links.push({ hreflang: 'x-default', href: fallback });
  return links.map((l) => emptyElement('xhtml:link', { rel: 'alternate', hreflang: l.hreflang, href: l.href }));
}

/** The start and end of a sitemap file, written around its <url> entries (streamed or not). */
export const SITEMAP_HEAD = `${XML_DECLARATION}\n<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n`;
export const SITEMAP_TAIL = '</urlset>\n';

/** One <url> entry with its hreflang alternates, on its own line. */
export const sitemapUrl = (e: SitemapEntry, defaultLocale: LocaleCode = defaultConfig.defaultLocale): string =>
  `${parentElement('url', [element('loc', e.url), element('lastmod', e.lastmod), ...hreflangLinks(e, defaultLocale)])}\n`;

/** A whole sitemap file, for callers that hold its entries (the archive's pages are streamed instead). */
export function sitemap(entries: SitemapEntry[], defaultLocale: LocaleCode = defaultConfig.defaultLocale): string {
  if (entries.length > SITEMAP_MAX_URLS) {
    throw new RangeError(`a sitemap holds at most ${SITEMAP_MAX_URLS} URLs, got ${entries.length}: split it under a sitemap index`);
  }
  return SITEMAP_HEAD + entries.map((e) => sitemapUrl(e, defaultLocale)).join('') + SITEMAP_TAIL;
}

/** The protocol's limit on a sitemap file's size, uncompressed. */
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

/**
 * URLs per sitemap file: the configured count, lowered so that a file of the longest possible
 * entries (every URL at its longest, an alternate for every locale) stays under 50 MB.
 */
export function sitemapUrlsPerFile(opts: { configured: number; longestUrlBytes: number; locales: number }): number {
  // <url><loc>…</loc><lastmod>…</lastmod>, then per alternate <xhtml:link rel="alternate" hreflang="…" href="…"/>.
  const entryBytes = 80 + opts.longestUrlBytes + (opts.locales + 1) * (70 + opts.longestUrlBytes);
  return Math.max(1, Math.min(opts.configured, SITEMAP_MAX_URLS, Math.floor(SITEMAP_MAX_BYTES / entryBytes)));
}

/** The file of one locale's page n (1-based) of the sitemap: `zh-Hans-1.xml`. */
export const sitemapFileName = (locale: LocaleCode, page: number): string => `${locale}-${page}.xml`;

/** Reads a sitemap file name back; null for anything that is not one of the configured locales' pages. */
export function parseSitemapFileName(file: string, locales: LocaleCode[]): { locale: LocaleCode; page: number } | null {
  const match = /^(.+)-([1-9]\d{0,5})\.xml$/.exec(file);
  if (!match || !locales.includes(match[1])) return null;
  return { locale: match[1], page: Number(match[2]) };
}

/** Pages a locale's sitemap needs for its published stories (a locale with none still has one, empty). */
export const sitemapPages = (published: number, perFile: number): number => Math.max(1, Math.ceil(published / perFile));

/** The sitemap index: one <sitemap> per file. */
export function sitemapIndex(files: Array<{ url: string; lastmod?: string }>): string {
  const entries = files.map((f) => parentElement('sitemap', [element('loc', f.url), ...(f.lastmod ? [element('lastmod', f.lastmod)] : [])]));
  return `${XML_DECLARATION}\n${parentElement('sitemapindex', entries.map((e) => `\n${e}`).concat('\n'), { xmlns: SITEMAP_NS })}\n`;
}
