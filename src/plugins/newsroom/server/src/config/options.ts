/**
 * The one way the plugin reads its options — the server, its adapters and the CLI alike: the
 * defaults (schema.ts) under the app's `newsroom.config` (config/plugins.ts), as Strapi holds them.
 * Takes the Strapi instance (or anything with its `config` store) as a parameter: no Strapi import.
 */
import { defaultConfig, resolveConfig } from './schema';
import type { NewsroomConfig } from './schema';

/** Where Strapi keeps the plugin's options. */
export const CONFIG_KEY = 'plugin::newsroom';

/** The Strapi instance as far as options go (`strapi.config`). */
export interface OptionsHolder {
  config: { get(path: string): unknown };
}

let cached: { key: string; config: NewsroomConfig } | null = null;

/**
 * The plugin's resolved options, validated; the defaults alone without an app (the CLI parsing
 * pages). Keyed by content, not identity: Strapi's config object can be changed in place at run time.
 */
export function newsroomConfig(app: OptionsHolder | null | undefined): NewsroomConfig {
  const source = app?.config.get(CONFIG_KEY) as Partial<NewsroomConfig> | undefined;
  const key = JSON.stringify(source ?? {});
  if (!cached || cached.key !== key) cached = { key, config: resolveConfig(source) };
  return cached.config;
}

/** Options that are groups of settings (readCache, readPath…). */
type Group = {
  [K in keyof NewsroomConfig]-?: NewsroomConfig[K] extends unknown[] ? never : NewsroomConfig[K] extends object ? K : never;
}[keyof NewsroomConfig];

/**
 * One setting as configured right now, for code that runs on every request (the front door, the
 * read policy): it reads that value alone instead of the whole config. The options were validated
 * at boot; a setting left out is its default.
 */
export function liveOption<G extends Group, K extends keyof NewsroomConfig[G]>(app: OptionsHolder, group: G, key: K): NewsroomConfig[G][K] {
  const set = (app.config.get(CONFIG_KEY) as Partial<Record<G, Partial<NewsroomConfig[G]>>> | undefined)?.[group]?.[key];
  return (set ?? defaultConfig[group][key]) as NewsroomConfig[G][K];
}
