import {
  configProblems,
  defaultConfig,
  fallbackLocales,
  mergeConfig,
  resolveConfig,
  rulesFingerprint,
  NewsroomConfigError,
  textFor,
} from '../../../src/plugins/newsroom/server/src/config/schema';

describe('plugin config', () => {
  it('defaults are valid and carry the seed notice', () => {
    expect(configProblems(defaultConfig)).toEqual([]);
    expect(defaultConfig.reprintNotice['zh-Hans']).toBe('文汇独家稿件,转载请注明出处。');
  });

  it('merges user options over defaults per key', () => {
    const c = mergeConfig({ reprintNotice: { en: 'Exclusive.' } } as any);
    expect(c.reprintNotice).toEqual({ 'zh-Hans': '文汇独家稿件,转载请注明出处。', en: 'Exclusive.' });
    expect(c.creditFormat).toEqual(defaultConfig.creditFormat);
  });

  it('stops boot with a message that says what to add when the default locale has no notice', () => {
    expect(() => resolveConfig({ reprintNotice: { 'zh-Hans': '' } } as any)).toThrow(NewsroomConfigError);
    expect(() => resolveConfig({ reprintNotice: { 'zh-Hans': '' } } as any)).toThrow(/reprintNotice\["zh-Hans"\] is missing: add the reprintNotice text/);
  });

  it('refuses credit formats without {outlet}, bad offsets and URL patterns without {slug}', () => {
    const problems = configProblems(mergeConfig({ creditFormat: { en: 'Source' }, utcOffset: '8', articleUrlPattern: 'https://x' } as any));
    expect(problems.join('\n')).toMatch(/creditFormat\["en"\] must contain \{outlet\}/);
    expect(problems.join('\n')).toMatch(/utcOffset/);
    expect(problems.join('\n')).toMatch(/articleUrlPattern/);
  });

  it('lists locales that fall back to the default locale text', () => {
    const c = mergeConfig({ locales: ['zh-Hans', 'en', 'fr'] } as any);
    expect(fallbackLocales(c, c.reprintNotice)).toEqual(['fr']);
    expect(textFor(c, c.reprintNotice, 'fr')).toBe('文汇独家稿件,转载请注明出处。');
  });

  it('fingerprints only what stored rows depend on', () => {
    const base = rulesFingerprint(defaultConfig);
    expect(rulesFingerprint(mergeConfig({ httpCache: { maxAge: 5, staleWhileRevalidate: 5 } } as any))).toBe(base);
    expect(rulesFingerprint(mergeConfig({ reprintNotice: { en: 'Other text.' } } as any))).not.toBe(base);
  });
});
