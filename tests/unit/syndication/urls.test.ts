import { articleUrl } from '../../../src/plugins/newsroom/server/src/syndication/urls';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';

describe('articleUrl', () => {
  it('fills the configured pattern', () => {
    expect(articleUrl(defaultConfig.articleUrlPattern, { locale: 'zh-Hans', slug: 'putuo-huahe', documentId: 'abc' })).toBe(
      'http://localhost:1337/preview/?slug=putuo-huahe&locale=zh-Hans',
    );
    expect(articleUrl('https://x.test/{locale}/{documentId}/{slug}#{slug}', { locale: 'en', slug: 's', documentId: 'd1' })).toBe('https://x.test/en/d1/s#s');
  });

  it('URL-encodes every value, so a value cannot inject a path, query or another placeholder', () => {
    const url = articleUrl('https://x.test/{locale}/{slug}?id={documentId}', { locale: 'zh Hans', slug: '../a?b=1&{locale}', documentId: '华/1' });
    expect(url).toBe('https://x.test/zh%20Hans/..%2Fa%3Fb%3D1%26%7Blocale%7D?id=%E5%8D%8E%2F1');
  });

  it('leaves other braces alone', () => {
    expect(articleUrl('https://x.test/{lang}/{slug}', { locale: 'en', slug: 's', documentId: 'd' })).toBe('https://x.test/{lang}/s');
  });
});
