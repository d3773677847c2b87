/**
 * The newsroom plugin's options live here; every key is optional and falls back to the typed
 * defaults in src/plugins/newsroom/server/src/config/schema.ts. The plugin validates all of them at
 * boot with one schema: a bad value stops boot with a message naming the option and, for values
 * read from the environment, the variable (e.g. NEWSROOM_WRITES_PER_MINUTE=abc).
 */

/**
 * Reads an environment variable for an option. Unset or empty means "use the default"; a value that
 * does not parse as the expected type is passed on as written, so the plugin's schema refuses it
 * by name instead of booting with NaN or a truthy "no".
 */
function fromEnv(envSources: Record<string, string>, option: string, variable: string, type: 'bool' | 'int' | 'string' | 'json'): any {
  const raw = process.env[variable];
  if (raw === undefined || raw.trim() === '') return undefined;
  envSources[option] = variable;
  const value = raw.trim();
  if (type === 'bool') return /^(true|1|yes|on)$/i.test(value) ? true : /^(false|0|no|off)$/i.test(value) ? false : raw;
  if (type === 'int') return /^[+-]?\d+$/.test(value) ? Number(value) : raw;
  if (type === 'json') {
    try {
      return JSON.parse(value);
    } catch {
      return raw; // the schema names the option and the variable
    }
  }
  return raw;
}

/** Drops options left to their defaults, so the plugin's defaults apply. */
const defined = <T extends Record<string, any>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export default ({ env }: { env: typeof import('@strapi/utils').env }) => {
  /** Option path → environment variable: boot errors name the variable a bad value came from. */
  const envSources: Record<string, string> = {};
  const read = (option: string, variable: string, type: 'bool' | 'int' | 'string' | 'json') => fromEnv(envSources, option, variable, type);
  return {
    newsroom: {
      enabled: true,
      config: defined({
        enforce: read('enforce', 'NEWSROOM_ENFORCE', 'bool'),
        articleUrlPattern: read('articleUrlPattern', 'NEWSROOM_ARTICLE_URL', 'string') ?? 'http://localhost:1337/preview/?slug={slug}&locale={locale}',
        // false switches off the whole read path (cache, HTTP caching, limits, probe, read policies): benchmark baseline only.
        readPath: defined({ enabled: read('readPath.enabled', 'NEWSROOM_READ_PATH', 'bool') }),
        readCache: defined({ enabled: read('readCache.enabled', 'NEWSROOM_READ_CACHE', 'bool') }),
        seedOnDevelop: read('seedOnDevelop', 'NEWSROOM_SEED_ON_DEVELOP', 'bool'),
        rateLimit: defined({
          enabled: read('rateLimit.enabled', 'NEWSROOM_RATE_LIMIT', 'bool'),
          writesPerWindow: read('rateLimit.writesPerWindow', 'NEWSROOM_WRITES_PER_MINUTE', 'int'),
          windowSeconds: 60,
        }),
        scheduler: defined({
          enabled: read('scheduler.enabled', 'NEWSROOM_SCHEDULER', 'bool'),
          intervalMs: read('scheduler.intervalMs', 'NEWSROOM_SCHEDULER_INTERVAL_MS', 'int'),
        }),
        // Partners: here, or for simple setups NEWSROOM_PARTNERS='[{"url":…,"secret":…,"locales":["en"],"exclusivesOnly":true}]'.
        syndication: defined({ partners: read('syndication.partners', 'NEWSROOM_PARTNERS', 'json') }),
        // Signed previews (the secret itself is NEWSROOM_PREVIEW_SECRET, read by the plugin, never an option).
        preview: defined({
          tokenTtlSeconds: read('preview.tokenTtlSeconds', 'NEWSROOM_PREVIEW_TTL_SECONDS', 'int'),
          pageUrl: read('preview.pageUrl', 'NEWSROOM_PREVIEW_URL', 'string'),
        }),
        envSources,
      }),
    },
    'users-permissions': {
      config: {
        // Sign-in, registration and password routes: 10 attempts per minute per client.
        ratelimit: { enabled: true, interval: 60000, max: 10 },
      },
    },
    graphql: {
      enabled: true,
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        depthLimit: 10,
        defaultLimit: 25,
        maxLimit: 100,
        landingPage: env('NODE_ENV', 'development') !== 'production',
        apolloServer: { introspection: true },
      },
    },
  };
};
