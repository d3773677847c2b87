/**
 * The plugin's options: every newsroom fact (publisher, locales, notice texts, credit formats,
 * outlet names) and every operational limit lives here once, described by one zod schema that
 * validates them at boot; the config type is inferred from that schema, and the typed defaults
 * below are checked against it.
 */
import { z } from 'zod';

export type LocaleCode = string;
export type PerLocale<T = string> = Record<LocaleCode, T>;

const text = z.string().trim().min(1, 'must be a non-empty text');
const perLocale = z.record(z.string().min(1), z.string({ error: 'must be a text' }), {
  error: 'must map locale codes to texts, e.g. { "zh-Hans": "…", en: "…" }',
});
const whole = (min: number, what: string) =>
  z
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be at least ${min} ${what}`);
const flag = z.boolean({ error: 'must be true or false' });

/** Every option, as the schema the plugin validates at boot (unknown keys are refused: they are typos). */
/** A syndication partner (secrets are never echoed in errors). */
const partnerSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret: z.string({ error: 'must be a string' }).min(16, 'must be at least 16 characters'),
  /** Locales the partner receives; empty or missing means every locale. */
  locales: z.array(z.string(), { error: 'must be a list of locale codes' }).nullish(),
  /** Only exclusives (the partner carries our exclusives, nothing else). */
  exclusivesOnly: z.boolean({ error: 'must be true or false' }).optional(),
  /** A label for the delivery log; defaults to the URL's host. */
  name: z.string().optional(),
});

export const configSchema = z.strictObject({
  /** Master switch for rule enforcement; only benchmarks turn it off. */
  enforce: flag,
  defaultLocale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale code such as "zh-Hans"'),
  locales: z.array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be locale codes such as "en"')).min(1, 'must list at least one locale code'),
  /** Human names for the locales created at boot. */
  localeNames: perLocale,
  publisher: z.strictObject({
    /** Display name per locale; the default locale's entry is required. */
    name: perLocale,
    /** Other spellings that mean "us" in an origin's outlet (a piece we originated is not a reprint). */
    aliases: z.array(text, { error: 'must be a list of names' }),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    logoUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  }),
  /** The notice an exclusive carries, per locale. */
  reprintNotice: perLocale,
  /** How a reprint credits its source, per locale; `{outlet}` is replaced by the outlet's name in that locale. */
  creditFormat: perLocale,
  /** Outlet names by canonical (as-written) name, translated per locale. Unknown outlets keep the name as given. */
  outlets: z.record(z.string().min(1), perLocale, { error: 'must map outlet names to per-locale names' }),
  /** Rights statement for syndication formats (ninjs usageTerms), per locale. */
  usageTerms: perLocale,
  /** Front-end URL of an article, e.g. https://example.com/{locale}/articles/{slug}. */
  articleUrlPattern: z
    .string()
    .refine((v) => v.includes('{slug}'), 'must contain {slug}')
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL pattern'),
  /** UTC offset newsroom dates are expressed in. */
  utcOffset: z.string().regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'must look like +08:00'),
  /** The browser's lifetime of a public GET (short: the edge, not the browser, holds answers long). */
  httpCache: z.strictObject({ maxAge: whole(0, 'seconds'), staleWhileRevalidate: whole(0, 'seconds') }),
  /**
   * A CDN or Varnish in front: answers carry their read-cache tags in each header named here (empty
   * list: none), and a long edge lifetime (`Surrogate-Control` and `s-maxage`), since every
   * invalidation purges the edge by tag (drivers and credentials from the environment, see README).
   */
  edge: z.strictObject({
    tagHeaders: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be header names'), { error: 'must be a list of header names' }),
    maxAge: whole(0, 'seconds'),
    /** The edge lifetime when no purge driver is configured (an edge nobody purges). */
    unpurgedMaxAge: whole(0, 'seconds'),
    /** A purge burst: invalidations within this many ms go out as one request per driver. */
    burstMs: whole(0, 'milliseconds'),
    maxAttempts: whole(1, 'attempts'),
    retryBaseMs: whole(1, 'milliseconds'),
    timeoutMs: whole(1, 'milliseconds'),
  }),
  /**
   * The public read path in one switch: false turns off the read cache, HTTP caching, the rate
   * limit, the database probe and the newsroom's read policies (benchmark baseline only).
   */
  readPath: z.strictObject({
    enabled: flag,
    /** Longest string an anonymous or end-user filter value (or `_q`) may be; longer is a 400 before any query runs. */
    maxFilterValueLength: whole(1, 'characters'),
  }),
  /** Deepest nesting a JSON field (e.g. `keywords`) may be written with; deeper is a 400 naming the field. */
  maxJsonDepth: whole(1, 'levels'),
  /** Read cache for public GETs: bounded in entries and in bytes (LRU), compressed once per entry. */
  readCache: z.strictObject({
    enabled: flag,
    maxEntries: whole(1, 'entries'),
    maxBytes: whole(1024, 'bytes'),
    ttlSeconds: whole(1, 'seconds'),
    compressMinBytes: whole(0, 'bytes'),
    /** After a soft invalidation, the old answer may be served (marked stale) this long while one refresh runs; 0: every invalidation is hard. */
    softStaleSeconds: whole(0, 'seconds'),
    /** How long a request waits for the render of the same key already in progress before asking Strapi itself. */
    collapseWaitMs: whole(1, 'milliseconds'),
    /** A hard invalidation waits at most this long for the other instances (and the edge) before the write answers. */
    hardDeliveryMs: whole(1, 'milliseconds'),
  }),
  /** GraphQL cost budget per request (fragments expanded, lists multiplied by their size). */
  graphqlCost: z.strictObject({
    enabled: flag,
    anonymousBudget: whole(1, 'cost units'),
    tokenBudget: whole(1, 'cost units'),
    defaultListSize: whole(1, 'items'),
  }),
  /** The general sitemap: an index of per-locale files of at most this many URLs (lowered to keep each under 50 MB). */
  sitemap: z.strictObject({ urlsPerFile: whole(1, 'URLs').max(50_000, "must be at most 50000 URLs (the sitemap protocol's limit)") }),
  /**
   * GraphQL document limits, each checked in time linear in the document: size and fragment
   * spreads before parsing; selections with fragments expanded (Apollo's memoised count) before
   * any other rule walks the document; aliases and fields per operation, fragments expanded.
   */
  graphqlLimits: z.strictObject({
    maxDocumentBytes: whole(256, 'bytes'),
    maxFragmentSpreads: whole(1, 'fragment spreads'),
    maxSelections: whole(100, 'selections'),
    maxAliases: whole(1, 'aliases'),
    maxFields: whole(1, 'fields'),
  }),
  /** Importer input limits, per file. */
  importer: z.strictObject({ maxFileBytes: whole(1, 'bytes'), fileTimeBudgetMs: whole(1, 'milliseconds') }),
  /** Writes per client (its credential, else its address) per window; the table of clients is bounded. */
  rateLimit: z.strictObject({
    enabled: flag,
    writesPerWindow: whole(1, 'writes'),
    windowSeconds: whole(1, 'seconds'),
    maxClients: whole(100, 'clients'),
  }),
  /** Seed content is loaded on first start in development only when true. */
  seedOnDevelop: flag,
  /** The embargo auto-publisher: how often it looks for due articles (it also wakes at the nearest due time). */
  scheduler: z.strictObject({ enabled: flag, intervalMs: whole(100, 'milliseconds') }),
  /** Partners that receive signed POSTs (ninjs + event) on publish, correction and unpublish. */
  syndication: z.strictObject({
    partners: z.array(partnerSchema, { error: 'must be a list of { url, secret, locales, exclusivesOnly }' }),
    maxAttempts: whole(1, 'attempts'),
    retryBaseMs: whole(1, 'milliseconds'),
    timeoutMs: whole(1, 'milliseconds'),
  }),
  /**
   * Signed previews of unpublished versions (Strapi's Preview panel → the reader page). The
   * signing secret is NEWSROOM_PREVIEW_SECRET in the environment, never an option.
   */
  preview: z.strictObject({
    /** How long an issued preview token is valid. */
    tokenTtlSeconds: whole(10, 'seconds'),
    /** The reader page the panel opens: an http(s) URL, or a path on this server. */
    pageUrl: z.string().refine((v) => /^(https?:\/\/|\/(?!\/))/.test(v), 'must be an http(s) URL or a path starting with /'),
  }),
  /** Option path → environment variable it was read from (config/plugins.ts): boot errors name the variable. */
  envSources: z.record(z.string(), z.string()).optional(),
});

export type NewsroomConfig = z.infer<typeof configSchema>;
export type PublisherConfig = NewsroomConfig['publisher'];
export type HttpCacheConfig = NewsroomConfig['httpCache'];
export type PartnerConfig = z.infer<typeof partnerSchema>;

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
  httpCache: { maxAge: 5, staleWhileRevalidate: 0 },
  edge: { tagHeaders: ['Surrogate-Key', 'Cache-Tag'], maxAge: 86400, unpurgedMaxAge: 60, burstMs: 50, maxAttempts: 5, retryBaseMs: 500, timeoutMs: 2000 },
  readPath: { enabled: true, maxFilterValueLength: 1024 },
  maxJsonDepth: 32,
  readCache: {
    enabled: true,
    maxEntries: 5000,
    maxBytes: 64 * 1024 * 1024,
    ttlSeconds: 300,
    compressMinBytes: 1024,
    softStaleSeconds: 3,
    collapseWaitMs: 3000,
    hardDeliveryMs: 2000,
  },
  graphqlCost: { enabled: true, anonymousBudget: 5000, tokenBudget: 50000, defaultListSize: 25 },
  sitemap: { urlsPerFile: 50_000 },
  graphqlLimits: { maxDocumentBytes: 16 * 1024, maxFragmentSpreads: 100, maxSelections: 5000, maxAliases: 50, maxFields: 1000 },
  importer: { maxFileBytes: 2 * 1024 * 1024, fileTimeBudgetMs: 10_000 },
  rateLimit: { enabled: true, writesPerWindow: 600, windowSeconds: 60, maxClients: 50_000 },
  seedOnDevelop: true,
  scheduler: { enabled: true, intervalMs: 2000 },
  syndication: { partners: [], maxAttempts: 6, retryBaseMs: 2000, timeoutMs: 5000 },
  preview: { tokenTtlSeconds: 600, pageUrl: '/preview/' },
};

export class NewsroomConfigError extends Error {
  constructor(problems: string[]) {
    super(
      `newsroom plugin config is invalid:\n  - ${problems.join('\n  - ')}\n(set these under newsroom.config in config/plugins.ts, or fix the environment variable named)`,
    );
    this.name = 'NewsroomConfigError';
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep-merges user options over the defaults; maps and lists from the user replace per key. */
export function mergeConfig(user: Partial<NewsroomConfig> | undefined): NewsroomConfig {
  const merge = (base: unknown, over: unknown): unknown => {
    if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
    return out;
  };
  return merge(defaultConfig, user ?? {}) as NewsroomConfig;
}

const show = (v: unknown) => {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const out = JSON.stringify(v);
  return out === undefined ? String(v) : out.length > 60 ? `${out.slice(0, 57)}...` : out;
};

const at = (root: unknown, path: ReadonlyArray<PropertyKey>) =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);

/** Options that are maps keyed by locale or outlet: their keys are written in brackets. */
const MAPS = new Set(['localeNames', 'publisher.name', 'reprintNotice', 'creditFormat', 'outlets', 'usageTerms', 'envSources']);

/** Names an option the way config/plugins.ts spells it: rateLimit.writesPerWindow, reprintNotice["zh-Hans"]. */
const optionName = (path: ReadonlyArray<PropertyKey>) => {
  let out = '';
  let prefix = '';
  for (const k of path) {
    const inMap = MAPS.has(prefix) || prefix.startsWith('outlets[') || typeof k === 'number' || /[^A-Za-z0-9_]/.test(String(k));
    out = inMap ? `${out}[${JSON.stringify(k)}]` : out ? `${out}.${String(k)}` : String(k);
    prefix = inMap ? out : prefix ? `${prefix}.${String(k)}` : String(k);
  }
  return out;
};

/** Rules that span options (the schema checks each option alone); safe on a config of the wrong shape. */
function crossProblems(input: unknown): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  // Read with care: the shape is not checked yet.
  const config = (input ?? {}) as {
    defaultLocale?: unknown;
    locales?: unknown;
    reprintNotice?: unknown;
    creditFormat?: unknown;
    publisher?: { name?: unknown };
    readCache?: { compressMinBytes?: number; maxBytes?: number };
  };
  const { defaultLocale, locales } = config;
  if (typeof defaultLocale !== 'string') return problems;
  if (Array.isArray(locales) && !locales.includes(defaultLocale))
    problems.push({ path: ['locales'], message: `must include the defaultLocale "${defaultLocale}"` });
  const needsDefault: Array<[PropertyKey[], unknown]> = [
    [['reprintNotice'], config.reprintNotice],
    [['creditFormat'], config.creditFormat],
    [['publisher', 'name'], config.publisher?.name],
  ];
  for (const [path, map] of needsDefault) {
    if (!isPlainObject(map)) continue;
    const value = map[defaultLocale];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({ path: [...path, defaultLocale], message: `is missing: add the ${optionName(path)} text for the default locale` });
    }
  }
  for (const [locale, format] of Object.entries(isPlainObject(config.creditFormat) ? config.creditFormat : {})) {
    if (typeof format === 'string' && !format.includes('{outlet}')) problems.push({ path: ['creditFormat', locale], message: 'must contain {outlet}' });
  }
  const cache = config.readCache;
  if (Number.isFinite(cache?.compressMinBytes) && Number.isFinite(cache?.maxBytes) && cache!.compressMinBytes! > cache!.maxBytes!) {
    problems.push({ path: ['readCache', 'compressMinBytes'], message: 'must not exceed readCache.maxBytes' });
  }
  return problems;
}

/**
 * Returns the list of problems, one line each, naming the option, the value given and, when it
 * came from the environment, the variable; empty means valid.
 */
export function configProblems(config: NewsroomConfig): string[] {
  const sources: Record<string, string> = config?.envSources ?? {};
  const line = (path: ReadonlyArray<PropertyKey>, message: string, withValue: boolean) => {
    const name = optionName(path);
    const value = at(config, path);
    const env = sources[name] ?? sources[optionName(path.slice(0, -1))];
    // Secrets are never echoed, not even invalid ones (boot logs are read by many).
    const secret = String(path[path.length - 1])
      .toLowerCase()
      .includes('secret');
    const given = withValue && value !== undefined && !secret ? `, got ${show(value)}` : '';
    return `${name || '(root)'} ${message}${given}${env ? ` (from environment variable ${env})` : ''}`;
  };
  const parsed = configSchema.safeParse(config);
  const shape = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((k) => `${optionName([...issue.path, k])} is not an option (a typo?)`).join('; ');
        }
        return line(issue.path, issue.message.replace(/^Invalid input: /, ''), true);
      });
  return [...shape, ...crossProblems(config).map((p) => line(p.path, p.message, false))];
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
