/**
 * The plugin's options: every newsroom fact (publisher, locales, notice texts, credit formats,
 * outlet names) lives here once, with typed defaults, and is validated at boot.
 */
export type LocaleCode = string;
export type PerLocale<T = string> = Record<LocaleCode, T>;

export interface PublisherConfig {
  /** Display name per locale; the default locale's entry is required. */
  name: PerLocale;
  /** Other spellings that mean "us" in an origin's outlet (a piece we originated is not a reprint). */
  aliases: string[];
  url: string;
  logoUrl?: string;
}

export interface HttpCacheConfig {
  maxAge: number;
  staleWhileRevalidate: number;
}

export interface NewsroomConfig {
  /** Master switch for rule enforcement; only benchmarks turn it off. */
  enforce: boolean;
  defaultLocale: LocaleCode;
  locales: LocaleCode[];
  /** Human names for the locales created at boot. */
  localeNames: PerLocale;
  publisher: PublisherConfig;
  /** The notice an exclusive carries, per locale. */
  reprintNotice: PerLocale;
  /** How a reprint credits its source, per locale; `{outlet}` is replaced by the outlet's name in that locale. */
  creditFormat: PerLocale;
  /** Outlet names by canonical (as-written) name, translated per locale. Unknown outlets keep the name as given. */
  outlets: Record<string, PerLocale>;
  /** Rights statement for syndication formats (ninjs usageTerms), per locale. */
  usageTerms: PerLocale;
  /** Front-end URL of an article, e.g. https://example.com/{locale}/articles/{slug}. */
  articleUrlPattern: string;
  /** UTC offset newsroom dates are expressed in. */
  utcOffset: string;
  httpCache: HttpCacheConfig;
  /**
   * The public read path in one switch: false turns off the read cache, HTTP caching, the rate
   * limit, the database probe and the newsroom's read policies (benchmark baseline only).
   */
  readPath: { enabled: boolean };
  /** Read cache for public GETs: bounded in entries and in bytes (LRU), compressed once per entry. */
  readCache: { enabled: boolean; maxEntries: number; maxBytes: number; ttlSeconds: number; compressMinBytes: number };
  /** GraphQL cost budget per request (fragments expanded, lists multiplied by their size). */
  graphqlCost: { enabled: boolean; anonymousBudget: number; tokenBudget: number; defaultListSize: number };
  /** Importer input limits, per file. */
  importer: { maxFileBytes: number; fileTimeBudgetMs: number };
  /** Writes per client (IP + credential) per window on the newsroom content API. */
  rateLimit: { enabled: boolean; writesPerWindow: number; windowSeconds: number };
  /** Seed content is loaded on first start in development only when true. */
  seedOnDevelop: boolean;
  /** The embargo auto-publisher: how often it looks for due articles (it also wakes at the nearest due time). */
  scheduler: { enabled: boolean; intervalMs: number };
  /** Partners that receive signed POSTs (ninjs + event) on publish, correction and unpublish. */
  syndication: { partners: PartnerConfig[]; maxAttempts: number; retryBaseMs: number; timeoutMs: number };
}

export interface PartnerConfig {
  url: string;
  secret: string;
  /** Locales the partner receives; empty or missing means every locale. */
  locales?: LocaleCode[];
  /** Only exclusives (the partner carries our exclusives, nothing else). */
  exclusivesOnly?: boolean;
  /** A label for the delivery log; defaults to the URL's host. */
  name?: string;
}

export const defaultConfig: NewsroomConfig = {
  enforce: true,
  defaultLocale: 'zh-Hans',
  locales: ['zh-Hans', 'en'],
  localeNames: { 'zh-Hans': 'Chinese (Simplified) (zh-Hans)', en: 'English (en)' },
  publisher: {
    name: { 'zh-Hans': '文汇报', en: 'Wenhui Daily' },
    aliases: ['文汇', '文汇报', '文汇网', '文汇客户端', 'Wenhui', 'Wenhui Daily', 'Wen Wei Po'],
    url: 'https://www.whb.cn',
  },
  reprintNotice: {
    'zh-Hans': '文汇独家稿件,转载请注明出处。',
    en: 'Wenhui exclusive. Credit the source when republishing.',
  },
  creditFormat: {
    'zh-Hans': '来源:{outlet}',
    en: 'Source: {outlet}',
  },
  outlets: {
    中新网: { en: 'China News Service' },
    中国新闻网: { en: 'China News Service' },
    央视网: { en: 'CCTV.com' },
    未注明: { en: 'not stated' },
    新华社: { en: 'Xinhua News Agency' },
    人民日报: { en: "People's Daily" },
    澎湃新闻: { en: 'The Paper' },
    解放日报: { en: 'Jiefang Daily' },
  },
  usageTerms: {
    'zh-Hans': '转载须注明出处。',
    en: 'Republication must credit the source.',
  },
  articleUrlPattern: 'http://localhost:1337/preview/?slug={slug}&locale={locale}',
  utcOffset: '+08:00',
  httpCache: { maxAge: 60, staleWhileRevalidate: 300 },
  readPath: { enabled: true },
  readCache: { enabled: true, maxEntries: 5000, maxBytes: 64 * 1024 * 1024, ttlSeconds: 300, compressMinBytes: 1024 },
  graphqlCost: { enabled: true, anonymousBudget: 2000, tokenBudget: 20000, defaultListSize: 25 },
  importer: { maxFileBytes: 2 * 1024 * 1024, fileTimeBudgetMs: 10_000 },
  rateLimit: { enabled: true, writesPerWindow: 600, windowSeconds: 60 },
  seedOnDevelop: true,
  scheduler: { enabled: true, intervalMs: 2000 },
  syndication: { partners: [], maxAttempts: 6, retryBaseMs: 2000, timeoutMs: 5000 },
};

export class NewsroomConfigError extends Error {
  constructor(problems: string[]) {
    super(`newsroom plugin config is invalid:\n  - ${problems.join('\n  - ')}\n(set these under newsroom.config in config/plugins.ts)`);
    this.name = 'NewsroomConfigError';
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep-merges user options over the defaults; maps and lists from the user replace per key. */
export function mergeConfig(user: Partial<NewsroomConfig> | undefined): NewsroomConfig {
  const merge = (base: any, over: any): any => {
    if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
    return out;
  };
  return merge(defaultConfig, user ?? {}) as NewsroomConfig;
}

/** Returns the list of problems; empty means valid. */
export function configProblems(config: NewsroomConfig): string[] {
  const problems: string[] = [];
  const { defaultLocale, locales } = config;
  if (typeof defaultLocale !== 'string' || !defaultLocale) problems.push('defaultLocale must be a locale code such as "zh-Hans"');
  if (!Array.isArray(locales) || locales.length === 0) problems.push('locales must list at least one locale code');
  else if (!locales.includes(defaultLocale)) problems.push(`locales must include the defaultLocale "${defaultLocale}"`);
  const needsDefault: Array<[string, PerLocale | undefined]> = [
    ['reprintNotice', config.reprintNotice],
    ['creditFormat', config.creditFormat],
    ['publisher.name', config.publisher?.name],
  ];
  for (const [key, map] of needsDefault) {
    const text = map?.[defaultLocale];
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push(`${key}["${defaultLocale}"] is missing: add the ${key} text for the default locale`);
    }
  }
  for (const [locale, format] of Object.entries(config.creditFormat ?? {})) {
    if (typeof format === 'string' && !format.includes('{outlet}')) {
      problems.push(`creditFormat["${locale}"] must contain {outlet}`);
    }
  }
  if (!Array.isArray(config.publisher?.aliases)) problems.push('publisher.aliases must be a list of names');
  if (!isPlainObject(config.outlets)) problems.push('outlets must map outlet names to per-locale names');
  if (typeof config.articleUrlPattern !== 'string' || !config.articleUrlPattern.includes('{slug}')) {
    problems.push('articleUrlPattern must contain {slug}');
  }
  if (!/^[+-]\d{2}:\d{2}$/.test(config.utcOffset ?? '')) problems.push('utcOffset must look like +08:00');
  for (const key of ['maxAge', 'staleWhileRevalidate'] as const) {
    const v = config.httpCache?.[key];
    if (!Number.isInteger(v) || v < 0) problems.push(`httpCache.${key} must be a non-negative integer of seconds`);
  }
  return problems;
}

export function resolveConfig(user: Partial<NewsroomConfig> | undefined): NewsroomConfig {
  const config = mergeConfig(user);
  const problems = configProblems(config);
  if (problems.length) throw new NewsroomConfigError(problems);
  return config;
}

/** Locales without their own text for a per-locale setting: they fall back to the default locale's. */
export function fallbackLocales(config: NewsroomConfig, map: PerLocale): LocaleCode[] {
  return config.locales.filter((l) => typeof map[l] !== 'string' || map[l].trim() === '');
}

export function textFor(config: NewsroomConfig, map: PerLocale, locale: LocaleCode): string {
  const own = map[locale];
  return typeof own === 'string' && own.trim() !== '' ? own : map[config.defaultLocale];
}

/** What the stored rows depend on: when this changes, existing rows must be reconciled. */
export function rulesFingerprint(config: NewsroomConfig): string {
  const { defaultLocale, locales, publisher, reprintNotice, creditFormat, outlets } = config;
  return JSON.stringify({ defaultLocale, locales, publisher, reprintNotice, creditFormat, outlets, version: 1 });
}
