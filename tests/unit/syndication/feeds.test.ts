import { jsonFeed, rssFeed } from '../../../src/plugins/newsroom/server/src/syndication/feeds';
import { articleView } from '../../../src/plugins/newsroom/server/src/syndication/article';
import type { ArticleDoc } from '../../../src/plugins/newsroom/server/src/syndication/article';
import { articleJsonLd } from '../../../src/plugins/newsroom/server/src/syndication/jsonld';
import { articleNinjs } from '../../../src/plugins/newsroom/server/src/syndication/ninjs';
import { bareArticleDoc, config, ORIGINAL_URL, reprintArticleDoc, seedArticleDoc, urlFor } from '../../helpers/seed-articles';
import { attributesOf, elementsOf, RFC3339, RFC822, textsOf, xmlProblems } from '../../helpers/xml-check';

const ctxFor = (locale: 'zh-Hans' | 'en') => ({
  config,
  locale,
  feedUrl: `https://www.whb.cn/api/newsroom/feeds/${locale}.rss`,
  siteUrl: 'https://www.whb.cn',
  urlFor,
});

describe('rssFeed', () => {
  const zhItems = [reprintArticleDoc('zh-Hans'), seedArticleDoc('zh-Hans')];
  const rss = rssFeed(zhItems, ctxFor('zh-Hans'));
  const [reprintItem, exclusiveItem] = elementsOf(rss, 'item');

  it('is well-formed RSS 2.0 with the channel elements', () => {
    expect(xmlProblems(rss)).toEqual([]);
    expect(attributesOf(rss, 'rss')).toMatchObject({ version: '2.0', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' });
    const channel = rss.slice(0, rss.indexOf('<item>'));
    expect(textsOf(channel, 'title')).toEqual(['文汇报']);
    expect(textsOf(channel, 'link')).toEqual(['https://www.whb.cn']);
    expect(textsOf(channel, 'description')).toEqual(['文汇报']);
    expect(textsOf(channel, 'language')).toEqual(['zh-Hans']);
    // The newest change among the items, not the build time, so the feed is reproducible.
    expect(textsOf(channel, 'lastBuildDate')).toEqual(['Tue, 28 Dec 2021 17:02:00 +0800']);
    expect(attributesOf(channel, 'atom:link')).toEqual({ href: 'https://www.whb.cn/api/newsroom/feeds/zh-Hans.rss', rel: 'self', type: 'application/rss+xml' });
    expect(elementsOf(rss, 'item')).toHaveLength(2);
  });

  it('gives each item a link, a non-permalink guid of documentId:locale, an RFC 822 date and creators', () => {
    const seed = seedArticleDoc('zh-Hans');
    expect(textsOf(exclusiveItem, 'title')).toEqual([seed.title]);
    expect(textsOf(exclusiveItem, 'link')).toEqual(['https://www.whb.cn/zh-Hans/articles/putuo-huahe-minxiang-yuan']);
    expect(textsOf(exclusiveItem, 'guid')).toEqual([`${seed.documentId}:zh-Hans`]);
    expect(attributesOf(exclusiveItem, 'guid')).toEqual({ isPermaLink: 'false' });
    expect(textsOf(exclusiveItem, 'pubDate')).toEqual(['Tue, 28 Dec 2021 15:14:00 +0800']);
    for (const item of [reprintItem, exclusiveItem]) expect(textsOf(item, 'pubDate')[0]).toMatch(RFC822);
    expect(textsOf(exclusiveItem, 'dc:creator')).toEqual(['张晓鸣', '丁婉星']);
    expect(textsOf(exclusiveItem, 'category')).toEqual(['基层治理', '普陀区', '桃浦镇', '动迁小区', '为老服务']);
  });

  it('puts an exclusive notice in dc:rights and at the end of the description', () => {
    expect(textsOf(exclusiveItem, 'dc:rights')).toEqual(['文汇独家稿件,转载请注明出处。']);
    const description = textsOf(exclusiveItem, 'description')[0];
    expect(description).toBe(`<p>${seedArticleDoc('zh-Hans').standfirst}</p><p>文汇独家稿件,转载请注明出处。</p>`);
    expect(exclusiveItem).not.toContain('<source');
  });

  it('credits a reprint with a source element naming the outlet and in the description', () => {
    expect(textsOf(reprintItem, 'source')).toEqual(['中新网']);
    expect(attributesOf(reprintItem, 'source')).toEqual({ url: ORIGINAL_URL });
    expect(textsOf(reprintItem, 'dc:rights')).toEqual(['来源:中新网']);
    expect(textsOf(reprintItem, 'description')[0]).toMatch(/<p>来源:中新网<\/p>$/);
    const en = rssFeed([reprintArticleDoc('en')], ctxFor('en'));
    expect(textsOf(en, 'source')).toEqual(['China News Service']);
    expect(textsOf(en, 'dc:rights')).toEqual(['Source: China News Service']);
  });

  it('keeps the credit but drops the source element when the original has no usable URL', () => {
    const noUrl = reprintArticleDoc('zh-Hans');
    noUrl.origin = { ...noUrl.origin, url: 'not a url' };
    const rss2 = rssFeed([noUrl], ctxFor('zh-Hans'));
    expect(xmlProblems(rss2)).toEqual([]);
    expect(rss2).not.toContain('<source');
    expect(textsOf(rss2, 'dc:rights')).toEqual(['来源:中新网']);
  });

  it('escapes hostile text everywhere and reads it back unchanged', () => {
    const title = '</title><script>alert("x")</script> & Co \'s';
    const article = bareArticleDoc({ title, slug: 'a&b', keywords: ['<k>'], standfirst: 'R&D <b>bold</b>' });
    const out = rssFeed([article], { ...ctxFor('zh-Hans'), siteUrl: 'https://x.test/?a=1&b=2', title: 'Feed & <Co>' });
    expect(xmlProblems(out)).toEqual([]);
    expect(textsOf(elementsOf(out, 'item')[0], 'title')).toEqual([title]);
    expect(textsOf(out, 'category')).toEqual(['<k>']);
    expect(textsOf(out, 'description')[1]).toBe('<p>R&amp;D &lt;b&gt;bold&lt;/b&gt;</p>');
    expect(textsOf(out, 'title')[0]).toBe('Feed & <Co>');
    expect(textsOf(out, 'link')[0]).toBe('https://x.test/?a=1&b=2');
    expect(out).not.toContain('<dc:rights');
  });

  it('is well-formed with no items', () => {
    const empty = rssFeed([], ctxFor('en'));
    expect(xmlProblems(empty)).toEqual([]);
    expect(textsOf(empty, 'title')).toEqual(['Wenhui Daily']);
    expect(empty).not.toContain('lastBuildDate');
  });
});

describe('jsonFeed', () => {
  const feed = jsonFeed([seedArticleDoc('en'), reprintArticleDoc('en')], { ...ctxFor('en'), feedUrl: 'https://www.whb.cn/api/newsroom/feeds/en.json' }) as any;
  const [exclusive, reprint] = feed.items;

  it('is a JSON Feed 1.1 document', () => {
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Wenhui Daily',
      home_page_url: 'https://www.whb.cn',
      feed_url: 'https://www.whb.cn/api/newsroom/feeds/en.json',
      language: 'en',
    });
    expect(JSON.parse(JSON.stringify(feed))).toEqual(feed);
  });

  it('gives each item id, url, title, text, summary, dates with offset, authors, language and tags', () => {
    const seed = seedArticleDoc('en');
    expect(exclusive).toMatchObject({
      id: `${seed.documentId}:en`,
      url: 'https://www.whb.cn/en/articles/putuo-neighbourhood-warm-old-flavour',
      title: seed.title,
      summary: seed.standfirst,
      date_published: '2021-12-28T15:14:00+08:00',
      date_modified: '2021-12-28T15:20:30+08:00',
      authors: [{ name: 'Zhang Xiaoming' }, { name: 'Ding Wanxing' }],
      language: 'en',
      tags: seed.keywords,
    });
    for (const item of feed.items) {
      expect(item.date_published).toMatch(RFC3339);
      expect(item.date_modified).toMatch(RFC3339);
    }
    expect(reprint.tags).toBeUndefined();
  });

  it('carries the rights in the _newsroom extension and at the end of the text', () => {
    expect(exclusive._newsroom).toEqual({ exclusive: true, reprintNotice: 'Wenhui exclusive. Credit the source when republishing.', creditLine: null });
    expect(exclusive.content_text.endsWith('\n\nWenhui exclusive. Credit the source when republishing.')).toBe(true);
    expect(reprint._newsroom).toEqual({ exclusive: false, reprintNotice: null, creditLine: 'Source: China News Service' });
    expect(reprint.content_text.endsWith('\n\nSource: China News Service')).toBe(true);
    const plain = jsonFeed([bareArticleDoc()], ctxFor('zh-Hans')).items[0] as any;
    expect(plain._newsroom).toEqual({ exclusive: false, reprintNotice: null, creditLine: null });
    expect(plain).not.toHaveProperty('authors');
    expect(plain).not.toHaveProperty('summary');
  });

  it('uses the optional title for both formats', () => {
    const items: ArticleDoc[] = [];
    expect(jsonFeed(items, { ...ctxFor('zh-Hans'), title: '文汇报 · 全球报道' }).title).toBe('文汇报 · 全球报道');
  });
});

describe('one article view for every format (syndication/article.ts articleView)', () => {
  it('RSS, the JSON Feed, JSON-LD and ninjs show the same corrections: those with text, dated at the newsroom offset', () => {
    const article: ArticleDoc = {
      ...seedArticleDoc('zh-Hans'),
      corrections: [
        { date: '2026-11-28T02:00:00.000Z', text: '住户数应为1644户。', kind: 'correction' },
        { date: '2026-11-29T02:00:00.000Z', text: '', kind: 'clarification' },
      ],
    };
    const view = articleView(config, article);
    expect(view.corrections).toEqual([{ date: '2026-11-28T10:00:00+08:00', kind: 'correction', label: expect.any(String), text: '住户数应为1644户。' }]);
    const json = jsonFeed([article], { ...ctxFor('zh-Hans'), feedUrl: 'https://www.whb.cn/api/newsroom/feeds/zh-Hans.json' }) as any;
    expect(json.items[0]._newsroom.corrections).toEqual([{ date: '2026-11-28T10:00:00+08:00', kind: 'correction', text: '住户数应为1644户。' }]);
    const rss = rssFeed([article], { ...ctxFor('zh-Hans'), feedUrl: 'https://www.whb.cn/api/newsroom/feeds/zh-Hans.xml' });
    expect(rss.match(/住户数应为1644户/g)).toHaveLength(1);
    const ld: any = articleJsonLd(article, { config, url: 'https://www.whb.cn/a', alternates: [] });
    expect(ld.correction).toEqual([{ '@type': 'CorrectionComment', datePublished: '2026-11-28T10:00:00+08:00', text: '住户数应为1644户。' }]);
    const ninjs: any = articleNinjs(article, { config, url: 'https://www.whb.cn/a' });
    expect(ninjs.descriptions.filter((d: { role: string }) => d.role === 'correction' || d.role === 'clarification')).toHaveLength(1);
    expect(ld.datePublished).toBe(view.published);
    expect(ninjs.firstCreated).toBe(view.published);
    expect(json.items[0].date_modified).toBe(view.modified);
  });
});
