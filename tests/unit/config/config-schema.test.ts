/**
 * Every plugin option is validated at boot by one schema: each bad value is refused with a message
 * naming the option (and the environment variable it came from, when it came from one).
 */
import {
  configProblems,
  configSchema,
  defaultConfig,
  mergeConfig,
  resolveConfig,
  NewsroomConfigError,
} from '../../../src/plugins/newsroom/server/src/config/schema';
import pluginsConfig from '../../../config/plugins';

const problemsFor = (user: Record<string, unknown>) => configProblems(mergeConfig(user as any));

describe('config schema: every option', () => {
  it('the defaults satisfy the schema and every option of the type has a default', () => {
    expect(configSchema.safeParse(defaultConfig).success).toBe(true);
    const optional = new Set(['envSources']);
    for (const key of Object.keys(configSchema.shape)) if (!optional.has(key)) expect({ key, present: key in defaultConfig }).toEqual({ key, present: true });
  });

  // [option path as written in messages, user config, a fragment of the expected message]
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['enforce', { enforce: 'yes' }, /enforce must be true or false, got "yes"/],
    ['defaultLocale', { defaultLocale: '' }, /defaultLocale must be a locale code/],
    ['defaultLocale', { defaultLocale: 'fr' }, /locales must include the defaultLocale "fr"/],
    ['locales', { locales: [] }, /locales must list at least one locale code/],
    ['locales', { locales: ['zh-Hans', 'not a locale'] }, /locales\[1\] must be locale codes/],
    ['localeNames', { localeNames: ['English'] }, /localeNames must map locale codes to texts/],
    ['localeNames', { localeNames: { en: 3 } }, /localeNames\["en"\] must be a text/],
    ['publisher.name', { publisher: { name: { 'zh-Hans': '', en: 'Wenhui' } } }, /publisher\.name\["zh-Hans"\] is missing/],
    ['publisher.aliases', { publisher: { aliases: 'Wenhui' } }, /publisher\.aliases must be a list of names/],
    ['publisher.aliases', { publisher: { aliases: [''] } }, /publisher\.aliases\[0\] must be a non-empty text/],
    ['publisher.url', { publisher: { url: 'javascript:alert(1)' } }, /publisher\.url must be an http\(s\) URL/],
    ['publisher.logoUrl', { publisher: { logoUrl: 'not a url' } }, /publisher\.logoUrl must be an http\(s\) URL/],
    ['reprintNotice', { reprintNotice: { 'zh-Hans': '  ' } }, /reprintNotice\["zh-Hans"\] is missing/],
    ['reprintNotice', { reprintNotice: 'notice' }, /reprintNotice must map locale codes to texts/],
    ['creditFormat', { creditFormat: { en: 'Source' } }, /creditFormat\["en"\] must contain \{outlet\}/],
    ['outlets', { outlets: { 中新网: 'China News Service' } }, /outlets\["中新网"\] must map locale codes to texts/],
    ['usageTerms', { usageTerms: { en: null } }, /usageTerms\["en"\] must be a text/],
    ['articleUrlPattern', { articleUrlPattern: 'https://example.com/articles' }, /articleUrlPattern must contain \{slug\}/],
    ['articleUrlPattern', { articleUrlPattern: 'ftp://x/{slug}' }, /articleUrlPattern must be an http\(s\) URL pattern/],
    ['utcOffset', { utcOffset: '8' }, /utcOffset must look like \+08:00, got "8"/],
    ['utcOffset', { utcOffset: '+25:00' }, /utcOffset must look like \+08:00/],
    ['httpCache.maxAge', { httpCache: { maxAge: -1 } }, /httpCache\.maxAge must be at least 0 seconds, got -1/],
    ['httpCache.staleWhileRevalidate', { httpCache: { staleWhileRevalidate: 1.5 } }, /httpCache\.staleWhileRevalidate must be a whole number of seconds/],
    ['edge.tagHeaders', { edge: { tagHeaders: ['Surrogate Key'] } }, /edge\.tagHeaders\[0\] must be header names/],
    ['edge.maxAge', { edge: { maxAge: -1 } }, /edge\.maxAge must be at least 0 seconds/],
    ['readCache.softStaleSeconds', { readCache: { softStaleSeconds: 0.5 } }, /readCache\.softStaleSeconds must be a whole number of seconds/],
    ['readCache.collapseWaitMs', { readCache: { collapseWaitMs: 0 } }, /readCache\.collapseWaitMs must be at least 1 milliseconds/],
    ['readPath.enabled', { readPath: { enabled: 'false' } }, /readPath\.enabled must be true or false, got "false"/],
    ['readPath.maxFilterValueLength', { readPath: { maxFilterValueLength: 0 } }, /readPath\.maxFilterValueLength must be at least 1 characters/],
    ['maxJsonDepth', { maxJsonDepth: 2.5 }, /maxJsonDepth must be a whole number of levels/],
    ['readCache.enabled', { readCache: { enabled: 1 } }, /readCache\.enabled must be true or false/],
    ['readCache.maxEntries', { readCache: { maxEntries: 0 } }, /readCache\.maxEntries must be at least 1 entries/],
    ['readCache.maxBytes', { readCache: { maxBytes: NaN } }, /readCache\.maxBytes must be a whole number of bytes, got NaN/],
    ['readCache.maxBytes', { readCache: { maxBytes: Infinity } }, /readCache\.maxBytes must be a whole number of bytes/],
    ['readCache.ttlSeconds', { readCache: { ttlSeconds: '300' } }, /readCache\.ttlSeconds must be a whole number of seconds, got "300"/],
    ['readCache.compressMinBytes', { readCache: { compressMinBytes: -5 } }, /readCache\.compressMinBytes must be at least 0 bytes/],
    [
      'readCache.compressMinBytes',
      { readCache: { compressMinBytes: 10_000, maxBytes: 2048 } },
      /readCache\.compressMinBytes must not exceed readCache\.maxBytes/,
    ],
    ['preview.tokenTtlSeconds', { preview: { tokenTtlSeconds: 5 } }, /preview\.tokenTtlSeconds must be at least 10 seconds/],
    ['preview.pageUrl', { preview: { pageUrl: '//evil.example/' } }, /preview\.pageUrl must be an http\(s\) URL or a path starting with \//],
    ['sitemap.urlsPerFile', { sitemap: { urlsPerFile: 50_001 } }, /sitemap\.urlsPerFile must be at most 50000 URLs/],
    ['sitemap.urlsPerFile', { sitemap: { urlsPerFile: 0 } }, /sitemap\.urlsPerFile must be at least 1 URLs/],
    ['graphqlCost.enabled', { graphqlCost: { enabled: null } }, /graphqlCost\.enabled must be true or false/],
    ['graphqlCost.anonymousBudget', { graphqlCost: { anonymousBudget: 0 } }, /graphqlCost\.anonymousBudget must be at least 1/],
    ['graphqlCost.tokenBudget', { graphqlCost: { tokenBudget: 'lots' } }, /graphqlCost\.tokenBudget must be a whole number/],
    ['graphqlCost.defaultListSize', { graphqlCost: { defaultListSize: 2.5 } }, /graphqlCost\.defaultListSize must be a whole number of items/],
    ['importer.maxFileBytes', { importer: { maxFileBytes: 0 } }, /importer\.maxFileBytes must be at least 1 bytes/],
    ['importer.fileTimeBudgetMs', { importer: { fileTimeBudgetMs: -1 } }, /importer\.fileTimeBudgetMs must be at least 1 milliseconds/],
    ['rateLimit.enabled', { rateLimit: { enabled: 'on' } }, /rateLimit\.enabled must be true or false/],
    ['rateLimit.writesPerWindow', { rateLimit: { writesPerWindow: NaN } }, /rateLimit\.writesPerWindow must be a whole number of writes, got NaN/],
    ['rateLimit.windowSeconds', { rateLimit: { windowSeconds: 0 } }, /rateLimit\.windowSeconds must be at least 1 seconds/],
    ['rateLimit.maxClients', { rateLimit: { maxClients: 5 } }, /rateLimit\.maxClients must be at least 100 clients/],
    ['scheduler.enabled', { scheduler: { enabled: 'yes' } }, /scheduler\.enabled must be true or false/],
    ['scheduler.intervalMs', { scheduler: { intervalMs: 10 } }, /scheduler\.intervalMs must be at least 100 milliseconds/],
    ['syndication.partners', { syndication: { partners: 'https://x.example' } }, /syndication\.partners must be a list/],
    [
      'syndication.partners[].url',
      { syndication: { partners: [{ url: 'ftp://x', secret: 's'.repeat(16) }] } },
      /syndication\.partners\.0\.url must be an http\(s\) URL|syndication\.partners\[0\]\.url must be an http\(s\) URL/,
    ],
    [
      'syndication.partners[].secret',
      { syndication: { partners: [{ url: 'https://p.example/h', secret: 'short' }] } },
      /secret must be at least 16 characters/,
    ],
    ['syndication.maxAttempts', { syndication: { maxAttempts: 0 } }, /syndication\.maxAttempts must be at least 1 attempts/],
    ['syndication.retryBaseMs', { syndication: { retryBaseMs: 'soon' } }, /syndication\.retryBaseMs must be a whole number/],
    ['syndication.timeoutMs', { syndication: { timeoutMs: -5 } }, /syndication\.timeoutMs must be at least 1/],
    ['graphqlLimits.maxFragmentSpreads', { graphqlLimits: { maxFragmentSpreads: 0 } }, /graphqlLimits\.maxFragmentSpreads must be at least 1/],
    ['graphqlLimits.maxDocumentBytes', { graphqlLimits: { maxDocumentBytes: '16kb' } }, /graphqlLimits\.maxDocumentBytes must be a whole number of bytes/],
    ['seedOnDevelop', { seedOnDevelop: 'false' }, /seedOnDevelop must be true or false, got "false"/],
    ['envSources', { envSources: { enforce: 1 } }, /envSources\["enforce"\]/],
    ['(unknown)', { rateLimt: { enabled: false } }, /rateLimt is not an option \(a typo\?\)/],
    ['(unknown nested)', { readCache: { maxbytes: 5 } }, /readCache\.maxbytes is not an option/],
  ];

  it.each(cases)('refuses a bad %s', (_option, user, message) => {
    const problems = problemsFor(user);
    expect(problems.join('\n')).toMatch(message);
    expect(() => resolveConfig(user as any)).toThrow(NewsroomConfigError);
  });

  it('never echoes a partner secret, even an invalid one', () => {
    const problems = problemsFor({ syndication: { partners: [{ url: 'https://p.example/h', secret: 'tooshort-secret' }] } });
    expect(problems.join('\n')).toMatch(/secret must be at least 16 characters/);
    expect(problems.join('\n')).not.toContain('tooshort-secret');
  });

  it('covers every option of the schema with at least one bad value', () => {
    const covered = new Set(cases.map(([o]) => o.split('.')[0]));
    for (const key of Object.keys(configSchema.shape)) expect({ key, covered: covered.has(key) }).toEqual({ key, covered: true });
  });
});

describe('config from the environment (config/plugins.ts)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('NEWSROOM_')) delete process.env[k];
    Object.assign(process.env, saved);
  });
  const fakeEnv: any = Object.assign((name: string, fallback?: string) => process.env[name] ?? fallback, {
    bool: () => true,
    int: () => 0,
  });
  const newsroomOptions = () => (pluginsConfig as any)({ env: fakeEnv }).newsroom.config;

  it('boots on the defaults with no variables set, and reads good values typed', () => {
    for (const k of Object.keys(process.env)) if (k.startsWith('NEWSROOM_')) delete process.env[k];
    expect(() => resolveConfig(newsroomOptions())).not.toThrow();
    Object.assign(process.env, { NEWSROOM_WRITES_PER_MINUTE: '42', NEWSROOM_RATE_LIMIT: 'false', NEWSROOM_ENFORCE: 'TRUE', NEWSROOM_READ_CACHE: '0' });
    const c = resolveConfig(newsroomOptions());
    expect(c.rateLimit).toMatchObject({ writesPerWindow: 42, enabled: false });
    expect(c.enforce).toBe(true);
    expect(c.readCache.enabled).toBe(false);
  });

  it.each([
    [
      'NEWSROOM_WRITES_PER_MINUTE',
      'abc',
      /rateLimit\.writesPerWindow must be a whole number of writes, got "abc" \(from environment variable NEWSROOM_WRITES_PER_MINUTE\)/,
    ],
    ['NEWSROOM_WRITES_PER_MINUTE', '1e3', /NEWSROOM_WRITES_PER_MINUTE/],
    ['NEWSROOM_WRITES_PER_MINUTE', '0', /rateLimit\.writesPerWindow must be at least 1 writes, got 0 \(from environment variable NEWSROOM_WRITES_PER_MINUTE\)/],
    ['NEWSROOM_RATE_LIMIT', 'maybe', /rateLimit\.enabled must be true or false, got "maybe" \(from environment variable NEWSROOM_RATE_LIMIT\)/],
    ['NEWSROOM_ENFORCE', 'nope', /enforce must be true or false, got "nope" \(from environment variable NEWSROOM_ENFORCE\)/],
    ['NEWSROOM_READ_CACHE', 'enabled', /readCache\.enabled .*NEWSROOM_READ_CACHE/],
    ['NEWSROOM_SEED_ON_DEVELOP', 'n', /seedOnDevelop .*NEWSROOM_SEED_ON_DEVELOP/],
    ['NEWSROOM_ARTICLE_URL', 'https://example.com/articles', /articleUrlPattern must contain \{slug\}.*NEWSROOM_ARTICLE_URL/],
  ])('%s=%s stops boot naming the option and the variable', (variable, value, message) => {
    process.env[variable] = value;
    expect(() => resolveConfig(newsroomOptions())).toThrow(message);
  });
});
