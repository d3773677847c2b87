/**
 * The one accessor of the plugin's options (config/options.ts), as the server and the CLI read them
 * from Strapi's config store.
 */
import { CONFIG_KEY, liveOption, newsroomConfig } from '../../../src/plugins/newsroom/server/src/config/options';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';

/** Strapi's config store holding these options for the plugin. */
const appWith = (options: Record<string, unknown> | undefined) => ({ config: { get: (key: string) => (key === CONFIG_KEY ? options : undefined) } });

describe('newsroomConfig', () => {
  it('is the defaults without an app or without options', () => {
    expect(newsroomConfig(null)).toEqual(defaultConfig);
    expect(newsroomConfig(appWith(undefined))).toEqual(defaultConfig);
  });

  it('merges the app options over the defaults and validates them', () => {
    expect(newsroomConfig(appWith({ readCache: { ttlSeconds: 60 } })).readCache).toEqual({ ...defaultConfig.readCache, ttlSeconds: 60 });
    expect(() => newsroomConfig(appWith({ readCache: { ttlSeconds: 0 } }))).toThrow(/readCache\.ttlSeconds/);
  });

  it('sees a change made in place (keyed by content, not identity)', () => {
    const options: Record<string, unknown> = { rateLimit: { writesPerWindow: 5 } };
    const app = appWith(options);
    expect(newsroomConfig(app).rateLimit.writesPerWindow).toBe(5);
    (options.rateLimit as { writesPerWindow: number }).writesPerWindow = 9;
    expect(newsroomConfig(app).rateLimit.writesPerWindow).toBe(9);
  });
});

describe('liveOption', () => {
  it('reads one setting as configured now, its default when left out', () => {
    const options: Record<string, unknown> = { readCache: { enabled: false } };
    const app = appWith(options);
    expect(liveOption(app, 'readCache', 'enabled')).toBe(false);
    expect(liveOption(app, 'readCache', 'compressMinBytes')).toBe(defaultConfig.readCache.compressMinBytes);
    expect(liveOption(app, 'readPath', 'enabled')).toBe(true);
    (options.readCache as { enabled: boolean }).enabled = true;
    expect(liveOption(app, 'readCache', 'enabled')).toBe(true);
    expect(liveOption(appWith(undefined), 'readCache', 'collapseWaitMs')).toBe(defaultConfig.readCache.collapseWaitMs);
  });
});
