import { articleJsonLd, jsonLdScript } from '../../../src/plugins/newsroom/server/src/syndication/jsonld';
import { bareArticleDoc, config, ORIGINAL_URL, reprintArticleDoc, seedAlternates, seedArticleDoc, urlFor } from '../../helpers/seed-articles';

const jsonLdOf = (article: ReturnType<typeof seedArticleDoc>) =>
  articleJsonLd(article, { config, url: urlFor(article), alternates: seedAlternates(article.locale) }) as Record<string, any>;

describe('articleJsonLd', () => {
  const zh = jsonLdOf(seedArticleDoc('zh-Hans'));
  const en = jsonLdOf(seedArticleDoc('en'));

  it('describes the seed article as a schema.org NewsArticle at its URL', () => {
    const url = 'https://www.whb.cn/zh-Hans/articles/putuo-huahe-minxiang-yuan';
    expect(zh).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': url,
      url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      headline: '用情融入基层治理,普陀这里让居民品出温暖“老味道”',
      inLanguage: 'zh-Hans',
      articleSection: '全球报道',
      datePublished: '2021-12-28T15:14:00+08:00',
      dateModified: '2021-12-28T15:20:30+08:00',
      keywords: '基层治理, 普陀区, 桃浦镇, 动迁小区, 为老服务',
    });
    expect(zh.description).toBe(seedArticleDoc('zh-Hans').standfirst);
    expect(zh.articleBody.split('\n\n')).toHaveLength(7);
    expect(zh.articleBody.startsWith('华和民祥园小区于2021年建成')).toBe(true);
  });

  it('carries the exclusive notice of the locale as copyrightNotice, and the Exclusive genre', () => {
    expect(zh.copyrightNotice).toBe('文汇独家稿件,转载请注明出处。');
    expect(en.copyrightNotice).toBe('Wenhui exclusive. Credit the source when republishing.');
    expect(zh.genre).toBe('Exclusive');
    expect(en.genre).toBe('Exclusive');
    expect(zh.creditText).toBe('文汇报');
    expect(en.creditText).toBe('Wenhui Daily');
    expect(zh.isBasedOn).toBeUndefined();
  });

  it('credits reporters as authors and tells the responsible editor from the editor', () => {
    expect(zh.author.map((p: any) => p.name)).toEqual(['张晓鸣', '丁婉星']);
    expect(zh.author.every((p: any) => p['@type'] === 'Person')).toBe(true);
    expect(zh.editor).toEqual([
      { '@type': 'Person', name: '王嘉旖', jobTitle: '编辑' },
      { '@type': 'Person', name: '单颖文', jobTitle: '责任编辑' },
    ]);
    expect(zh.translator).toBeUndefined();
    expect(en.editor).toEqual([
      { '@type': 'Person', name: 'Wang Jiayi', jobTitle: 'Editor' },
      { '@type': 'Person', name: 'Shan Yingwen', jobTitle: 'Responsible editor' },
    ]);
    expect(en.translator).toEqual([{ '@type': 'Person', name: 'Newsroom translation desk', jobTitle: 'Translator' }]);
  });

  it('names the publisher, in the locale, as publisher, copyright holder and source', () => {
    const zhPublisher = { '@type': 'NewsMediaOrganization', name: '文汇报', url: 'https://www.whb.cn' };
    expect(zh.publisher).toEqual(zhPublisher);
    expect(zh.copyrightHolder).toEqual(zhPublisher);
    expect(zh.sourceOrganization).toEqual(zhPublisher);
    expect(en.publisher.name).toBe('Wenhui Daily');
  });

  it('places the story in its neighbourhood', () => {
    const place = {
      '@type': 'Place',
      name: '华和民祥园',
      address: { '@type': 'PostalAddress', addressLocality: '桃浦镇', addressRegion: '普陀区', addressCountry: 'CN' },
    };
    expect(zh.about).toEqual(place);
    expect(zh.contentLocation).toEqual(place);
    expect(en.about.name).toBe('Huahe Minxiang Garden');
  });

  it('links the default-locale version to its translations and each translation back to it', () => {
    expect(zh.workTranslation).toEqual([
      {
        '@type': 'NewsArticle',
        '@id': 'https://www.whb.cn/en/articles/putuo-neighbourhood-warm-old-flavour',
        url: 'https://www.whb.cn/en/articles/putuo-neighbourhood-warm-old-flavour',
        inLanguage: 'en',
      },
    ]);
    expect(zh.translationOfWork).toBeUndefined();
    expect(en.translationOfWork).toEqual({
      '@type': 'NewsArticle',
      '@id': 'https://www.whb.cn/zh-Hans/articles/putuo-huahe-minxiang-yuan',
      url: 'https://www.whb.cn/zh-Hans/articles/putuo-huahe-minxiang-yuan',
      inLanguage: 'zh-Hans',
    });
    expect(en.workTranslation).toBeUndefined();
  });

  it('marks a reprint from 中新网 as based on the original, credited, and not exclusive', () => {
    for (const [locale, outlet, credit] of [
      ['zh-Hans', '中新网', '来源:中新网'],
      ['en', 'China News Service', 'Source: China News Service'],
    ] as const) {
      const article = reprintArticleDoc(locale);
      const ld = articleJsonLd(article, { config, url: urlFor(article), alternates: [] }) as Record<string, any>;
      expect(ld.genre).toBeUndefined();
      expect(ld.isBasedOn).toEqual({
        '@type': 'CreativeWork',
        publisher: { '@type': 'Organization', name: outlet },
        url: ORIGINAL_URL,
        datePublished: '2021-12-28',
        dateline: article.origin!.originalDateline,
      });
      expect(ld.copyrightNotice).toBe(credit);
      expect(ld.creditText).toBe(credit);
      expect(ld.sourceOrganization).toEqual({ '@type': 'Organization', name: outlet });
      expect(ld.copyrightHolder).toEqual({ '@type': 'Organization', name: outlet });
      expect(ld.publisher['@type']).toBe('NewsMediaOrganization');
      expect(ld.dateline).toBe(article.dateline);
    }
  });

  it('leaves out what an article does not have instead of emitting empty values', () => {
    const ld = articleJsonLd(bareArticleDoc(), { config, url: 'https://www.whb.cn/zh-Hans/articles/brief', alternates: [] }) as Record<string, any>;
    expect(Object.values(ld).some((v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))).toBe(false);
    for (const key of ['author', 'editor', 'copyrightNotice', 'genre', 'isBasedOn', 'about', 'keywords', 'description', 'workTranslation']) {
      expect(ld).not.toHaveProperty(key);
    }
    expect(ld.creditText).toBe('文汇报');
    expect(JSON.parse(JSON.stringify(ld))).toEqual(ld);
  });
});

describe('jsonLdScript', () => {
  const hostile = '</script><script>alert(1)</script> & <!-- \u2028\u2029';

  it('never lets text close the script element, and parses back to the same text', () => {
    const article = seedArticleDoc('zh-Hans');
    article.title = hostile;
    const script = jsonLdScript(articleJsonLd(article, { config, url: urlFor(article), alternates: [] }));
    expect(script).not.toMatch(/[<>&\u2028\u2029]/);
    expect(script).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u003c!-- \\u2028\\u2029');
    const html = `<script type="application/ld+json">${script}</script>`;
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(JSON.parse(script).headline).toBe(hostile);
  });

  it('keeps every other character as JSON.stringify writes it', () => {
    const value = { a: '文汇 "q" \\ é 😀', n: [1, true, null] };
    expect(jsonLdScript(value)).toBe(JSON.stringify(value));
    expect(JSON.parse(jsonLdScript(value))).toEqual(value);
  });
});
