import {
  fallbackSlug,
  firstFreeSlug,
  normalizeClientSlug,
  slugFromTitle,
  withSuffix,
  SLUG_MAX_LENGTH,
} from '../../../src/plugins/newsroom/server/src/slugs/slug';

describe('slugs', () => {
  it.each([
    ['用情融入基层治理', 'yong-qing-rong-ru-ji-ceng-zhi-li'],
    ['普陀区1644户居民', 'pu-tuo-qu-1644-hu-ju-min'],
    ['iPhone 15 在上海发布', 'iphone-15-zai-shang-hai-fa-bu'],
    ['重庆', 'chong-qing'],
    ['Café au lait', 'cafe-au-lait'],
    ['../../etc/passwd', 'etc-passwd'],
    ['！？。', ''],
    ['🎉', ''],
  ])('%s → %s', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it('caps long slugs at a word boundary', () => {
    const s = slugFromTitle('用情融入基层治理,普陀这里让居民品出温暖“老味道”');
    expect(s.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(s).toBe('yong-qing-rong-ru-ji-ceng-zhi-li-pu-tuo-zhe-li-rang-ju-min-pin-chu-wen-nuan-lao');
    expect(s.endsWith('-')).toBe(false);
  });

  it('suffixes collisions and keeps the cap', () => {
    expect(firstFreeSlug('a', ['a', 'a-2'])).toBe('a-3');
    const long = 'x'.repeat(40) + '-' + 'y'.repeat(39);
    expect(withSuffix(long, 12).length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
  });

  it('normalises client slugs or refuses them', () => {
    expect(normalizeClientSlug('Hello World')).toEqual({ slug: 'hello-world', problems: [] });
    expect(normalizeClientSlug('!!!').problems[0].path).toEqual(['slug']);
    expect(normalizeClientSlug('x'.repeat(200)).problems[0].message).toMatch(/at most 80/);
    expect(normalizeClientSlug(42).problems[0].message).toMatch(/string/);
  });

  it('falls back to the kind and document id', () => {
    expect(fallbackSlug('article', 'AbC123xyz')).toBe('article-abc123xyz');
  });
});
