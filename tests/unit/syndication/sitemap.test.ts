import {
  SITEMAP_HEAD,
  SITEMAP_MAX_BYTES,
  SITEMAP_TAIL,
  newsLanguage,
  newsSitemap,
  parseSitemapFileName,
  sitemap,
  sitemapFileName,
  sitemapIndex,
  sitemapPages,
  sitemapUrl,
  sitemapUrlsPerFile,
} from '../../../src/plugins/newsroom/server/src/syndication/sitemap';
import type { ArticleDoc } from '../../../src/plugins/newsroom/server/src/syndication/article';
import { bareArticleDoc, config, reprintArticleDoc, seedArticleDoc, urlFor } from '../../helpers/seed-articles';
import { attributesOf, elementsOf, RFC3339, textsOf, xmlProblems } from '../../helpers/xml-check';

const HOUR = 3600_000;
const publicationName = (locale: string) => config.publisher.name[locale] ?? config.publisher.name[config.defaultLocale];
const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR);
const published = (iso: string, n: number): ArticleDoc =>
  bareArticleDoc({ documentId: `d${n}`, slug: `s${n}`, title: `T${n}`, publishedAt: iso, updatedAt: iso, createdAt: iso });

describe('newsSitemap', () => {
  const zh = seedArticleDoc('zh-Hans');
  const now = at(zh.publishedAt, 1);
  const xml = newsSitemap([zh, seedArticleDoc('en'), reprintArticleDoc('zh-Hans')], { config, now, urlFor, publicationName });

  it('is a well-formed Google News sitemap with publication, language, date and title', () => {
    expect(xmlProblems(xml)).toEqual([]);
    expect(attributesOf(xml, 'urlset')).toEqual({
      xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9',
      'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9',
    });
    const urls = elementsOf(xml, 'url');
    // The reprint was published after "now", so only the two versions of the seed article are listed.
    expect(urls).toHaveLength(2);
    const first = urls.find((u) => u.includes('/zh-Hans/'))!;
    expect(textsOf(first, 'loc')).toEqual([urlFor(zh)]);
    expect(textsOf(first, 'news:name')).toEqual(['文汇报']);
    expect(textsOf(first, 'news:language')).toEqual(['zh-cn']);
    expect(textsOf(first, 'news:publication_date')).toEqual(['2021-12-28T15:14:00+08:00']);
    expect(textsOf(first, 'news:publication_date')[0]).toMatch(RFC3339);
    expect(textsOf(first, 'news:title')).toEqual([zh.title]);
    const second = urls.find((u) => u.includes('/en/'))!;
    expect(textsOf(second, 'news:name')).toEqual(['Wenhui Daily']);
    expect(textsOf(second, 'news:language')).toEqual(['en']);
  });

  it('lists only articles published in the 48 hours before now', () => {
    const base = '2021-12-28T07:14:00.000Z';
    const items = [-0.5, -47.9, -48, -48.1, -100, 0.5].map((h, i) => published(at(base, h).toISOString(), i));
    const out = newsSitemap(items, { config, now: new Date(base), urlFor, publicationName });
    expect(textsOf(out, 'news:title')).toEqual(['T0', 'T1', 'T2']);
  });

  it('lists at most 1,000 URLs, newest first', () => {
    const base = Date.parse('2021-12-28T07:14:00.000Z');
    const items = Array.from({ length: 1005 }, (_, i) => published(new Date(base - i * 60_000).toISOString(), i)).reverse();
    const out = newsSitemap(items, { config, now: new Date(base), urlFor, publicationName });
    expect(xmlProblems(out)).toEqual([]);
    const titles = textsOf(out, 'news:title');
    expect(titles).toHaveLength(1000);
    expect(titles[0]).toBe('T0');
    expect(titles[999]).toBe('T999');
  });

  it('is well-formed and empty when nothing is recent', () => {
    const out = newsSitemap([zh], { config, now: at(zh.publishedAt, 49), urlFor, publicationName });
    expect(xmlProblems(out)).toEqual([]);
    expect(elementsOf(out, 'url')).toEqual([]);
  });

  it('maps locales to the language codes Google News expects', () => {
    expect(newsLanguage('zh-Hans')).toBe('zh-cn');
    expect(newsLanguage('zh-CN')).toBe('zh-cn');
    expect(newsLanguage('zh')).toBe('zh-cn');
    expect(newsLanguage('zh-Hant')).toBe('zh-tw');
    expect(newsLanguage('zh-Hant-HK')).toBe('zh-tw');
    expect(newsLanguage('en')).toBe('en');
    expect(newsLanguage('en-GB')).toBe('en');
  });
});

describe('sitemap', () => {
  const zhUrl = 'https://www.whb.cn/zh-Hans/articles/putuo-huahe-minxiang-yuan';
  const enUrl = 'https://www.whb.cn/en/articles/putuo-neighbourhood-warm-old-flavour';
  const alternates = [
    { locale: 'zh-Hans', url: zhUrl },
    { locale: 'en', url: enUrl },
  ];
  const xml = sitemap([
    { url: zhUrl, lastmod: '2021-12-28T15:20:30+08:00', alternates },
    { url: enUrl, lastmod: '2021-12-28T15:20:30+08:00', locale: 'en', alternates: [{ locale: 'zh-Hans', url: zhUrl }] },
    { url: 'https://www.whb.cn/zh-Hans/articles/brief?a=1&b=2', lastmod: '2021-12-27T10:00:00+08:00', alternates: [] },
  ]);
  const [zhEntry, enEntry, lone] = elementsOf(xml, 'url');
  const links = (entry: string) => [...entry.matchAll(/<xhtml:link [^>]*\/>/g)].map((m) => attributesOf(m[0], 'xhtml:link'));

  it('is a well-formed sitemap with the xhtml namespace', () => {
    expect(xmlProblems(xml)).toEqual([]);
    expect(attributesOf(xml, 'urlset')).toEqual({ xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' });
    expect(textsOf(zhEntry, 'loc')).toEqual([zhUrl]);
    expect(textsOf(zhEntry, 'lastmod')).toEqual(['2021-12-28T15:20:30+08:00']);
  });

  it('lists every language version, the page itself included, and x-default at the default locale', () => {
    const expected = [
      { rel: 'alternate', hreflang: 'zh-Hans', href: zhUrl },
      { rel: 'alternate', hreflang: 'en', href: enUrl },
      { rel: 'alternate', hreflang: 'x-default', href: zhUrl },
    ];
    expect(links(zhEntry)).toEqual(expected);
    // The en entry named only the other locale; its own locale puts it among its alternates.
    expect(links(enEntry)).toEqual(expect.arrayContaining(expected));
    expect(links(enEntry)).toHaveLength(3);
  });

  it('announces no alternates for a page in one language, and escapes URLs', () => {
    expect(links(lone)).toEqual([]);
    expect(lone).toContain('<loc>https://www.whb.cn/zh-Hans/articles/brief?a=1&amp;b=2</loc>');
  });

  it('takes the default locale for x-default from the caller', () => {
    const out = sitemap([{ url: enUrl, lastmod: '2021-12-28', alternates }], 'en');
    expect(links(out).find((l) => l.hreflang === 'x-default')).toEqual({ rel: 'alternate', hreflang: 'x-default', href: enUrl });
  });

  it('refuses more URLs than one sitemap file may hold', () => {
    const entry = { url: zhUrl, lastmod: '2021-12-28', alternates: [] };
    expect(() => sitemap(Array.from({ length: 50_001 }, () => entry))).toThrow(/sitemap index/);
  });
});

describe('sitemap files and index', () => {
  it('keeps a file within 50,000 URLs and 50 MB, whatever is configured', () => {
    expect(sitemapUrlsPerFile({ configured: 50_000, longestUrlBytes: 100, locales: 2 })).toBe(50_000);
    expect(sitemapUrlsPerFile({ configured: 10, longestUrlBytes: 100, locales: 2 })).toBe(10);
    const perFile = sitemapUrlsPerFile({ configured: 50_000, longestUrlBytes: 400, locales: 4 });
    expect(perFile).toBeLessThan(50_000);
    expect(perFile * (80 + 400 + 5 * (70 + 400))).toBeLessThanOrEqual(SITEMAP_MAX_BYTES);
  });

  it('names files per locale and page, and reads only real ones back', () => {
    expect(sitemapFileName('zh-Hans', 2)).toBe('zh-Hans-2.xml');
    expect(parseSitemapFileName('zh-Hans-2.xml', ['zh-Hans', 'en'])).toEqual({ locale: 'zh-Hans', page: 2 });
    for (const bad of ['fr-1.xml', 'en-0.xml', 'en-01.xml', 'en-1.xml.gz', 'en-1234567.xml', '../en-1.xml', 'en.xml', 'en-1'])
      expect(parseSitemapFileName(bad, ['zh-Hans', 'en'])).toBe(null);
    expect(sitemapPages(0, 10)).toBe(1);
    expect(sitemapPages(10, 10)).toBe(1);
    expect(sitemapPages(11, 10)).toBe(2);
  });

  it('writes a well-formed sitemap index', () => {
    const xml = sitemapIndex([{ url: 'https://x.test/a-1.xml' }, { url: 'https://x.test/a-2.xml?x=1&y=2', lastmod: '2021-12-28T15:14:00+08:00' }]);
    expect(xmlProblems(xml)).toEqual([]);
    expect(attributesOf(xml, 'sitemapindex')).toEqual({ xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
    expect(textsOf(xml, 'loc')).toEqual(['https://x.test/a-1.xml', 'https://x.test/a-2.xml?x=1&y=2']);
  });

  it('streams the same document the one-shot builder writes', () => {
    const entries = [
      { url: 'https://x.test/zh/a', lastmod: '2021-12-28T15:14:00+08:00', locale: 'zh-Hans', alternates: [{ locale: 'en', url: 'https://x.test/en/a' }] },
    ];
    expect(SITEMAP_HEAD + entries.map((e) => sitemapUrl(e, 'zh-Hans')).join('') + SITEMAP_TAIL).toBe(sitemap(entries, 'zh-Hans'));
  });
});
