/**
 * The edge (a CDN or Varnish in front of the instances): what answers tell it, and how it is purged.
 *
 * Answers carry the read cache's own tags (cache.ts) in the configured tag headers, so one purge by
 * tag at the edge drops exactly what the in-process invalidation drops. Browsers get a short
 * lifetime (`max-age`), the edge a long one (`s-maxage`, `Surrogate-Control`): it is purged.
 *
 * Purge drivers, each a request built here and sent by edge-purge.service.ts:
 *   varnish     PURGE / with `xkey-purge` (hard) or `xkey-softpurge` (soft), as deploy/varnish/newsroom.vcl reads
 *   fastly      POST {api}/service/{id}/purge  {"surrogate_keys": [...]}, `Fastly-Soft-Purge: 1` when soft
 *   cloudflare  POST {api}/zones/{zone}/purge_cache  {"tags": [...]} (Cloudflare has no soft purge: always hard)
 */
import type { Strength } from './invalidation';

export interface EdgeHeaderConfig {
  tagHeaders: readonly string[];
  /** The edge's lifetime when a purge driver is configured: every invalidation reaches the edge. */
  maxAge: number;
  /** …and when none is: an edge nobody can purge must not keep a withdrawn story for long. */
  unpurgedMaxAge: number;
}
export interface BrowserCacheConfig {
  maxAge: number;
  staleWhileRevalidate: number;
}

/** Tag headers are bounded (Fastly and Cloudflare stop at 16 KB); coarse tags go first, so a cut loses only doc: tags. */
export const MAX_TAG_HEADER_BYTES = 8 * 1024;

/** Comma-separated for Cache-Tag (Cloudflare), space-separated for Surrogate-Key (Fastly, xkey) and others. */
const separatorOf = (header: string) => (header.toLowerCase() === 'cache-tag' ? ',' : ' ');

export function tagHeaderValue(header: string, tags: readonly string[]): string {
  const sep = separatorOf(header);
  const ordered = [...tags].sort((a, b) => Number(a.startsWith('doc:')) - Number(b.startsWith('doc:')));
  let out = '';
  for (const tag of ordered) {
    const next = out ? `${out}${sep}${tag}` : tag;
    if (next.length > MAX_TAG_HEADER_BYTES) break;
    out = next;
  }
  return out;
}

/** How long the edge may keep an answer: long only if it will be purged. */
export const edgeLifetime = (edge: EdgeHeaderConfig, purged: boolean): number => (purged ? edge.maxAge : Math.min(edge.maxAge, edge.unpurgedMaxAge));

/** Cache-Control for a shared answer: short for browsers, long for an edge that is purged. */
export const cacheControl = (browser: BrowserCacheConfig, edge: EdgeHeaderConfig, purged: boolean): string =>
  `public, max-age=${browser.maxAge}${browser.staleWhileRevalidate > 0 ? `, stale-while-revalidate=${browser.staleWhileRevalidate}` : ''}, s-maxage=${edgeLifetime(edge, purged)}`;

/** Every answer carries this tag too: purging it drops everything (the read cache's full clear). */
export const EDGE_ALL_TAG = 'newsroom';

/** Every edge header of a shared answer with these tags (`purged`: a purge driver is configured). */
export function edgeHeaders(tags: readonly string[], browser: BrowserCacheConfig, edge: EdgeHeaderConfig, purged: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Cache-Control': cacheControl(browser, edge, purged),
    'Surrogate-Control': `max-age=${edgeLifetime(edge, purged)}`,
  };
  for (const name of edge.tagHeaders) headers[name] = tagHeaderValue(name, [EDGE_ALL_TAG, ...tags]);
  return headers;
}

/**
 * An answer rendered while a write committed may hold the old version: sent to its client, but no
 * edge may keep it (the write's purge may already have gone by).
 */
export const RACED_CACHE_CONTROL = 'no-store';

export type DriverName = 'varnish' | 'fastly' | 'cloudflare';

export type PurgeDriver =
  | { name: 'varnish'; urls: string[] }
  | { name: 'fastly'; api: string; serviceId: string; token: string }
  | { name: 'cloudflare'; api: string; zoneId: string; token: string };

export interface PurgeRequest {
  driver: DriverName;
  method: 'PURGE' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  tags: string[];
}

/** Keys per request each API accepts. */
export const TAGS_PER_REQUEST: Record<DriverName, number> = { varnish: 100, fastly: 256, cloudflare: 30 };

const chunks = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};
const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The requests that purge these tags through one driver. */
export function purgeRequests(driver: PurgeDriver, tags: readonly string[], strength: Strength): PurgeRequest[] {
  const unique = [...new Set(tags)].sort();
  const out: PurgeRequest[] = [];
  for (const batch of chunks(unique, TAGS_PER_REQUEST[driver.name])) {
    if (driver.name === 'varnish') {
      for (const url of driver.urls) {
        out.push({
          driver: 'varnish',
          method: 'PURGE',
          url: `${trimSlash(url)}/`,
          headers: { [strength === 'hard' ? 'xkey-purge' : 'xkey-softpurge']: batch.join(' ') },
          tags: batch,
        });
      }
    } else if (driver.name === 'fastly') {
      out.push({
        driver: 'fastly',
        method: 'POST',
        url: `${trimSlash(driver.api)}/service/${encodeURIComponent(driver.serviceId)}/purge`,
        headers: {
          'fastly-key': driver.token,
          'content-type': 'application/json',
          accept: 'application/json',
          ...(strength === 'soft' ? { 'fastly-soft-purge': '1' } : {}),
        },
        body: JSON.stringify({ surrogate_keys: batch }),
        tags: batch,
      });
    } else {
      out.push({
        driver: 'cloudflare',
        method: 'POST',
        url: `${trimSlash(driver.api)}/zones/${encodeURIComponent(driver.zoneId)}/purge_cache`,
        headers: { authorization: `Bearer ${driver.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tags: batch }),
        tags: batch,
      });
    }
  }
  return out;
}

export const DEFAULT_FASTLY_API = 'https://api.fastly.com';
export const DEFAULT_CLOUDFLARE_API = 'https://api.cloudflare.com/client/v4';

/**
 * The drivers the environment configures (credentials never live in the plugin's options):
 *   NEWSROOM_PURGE_VARNISH   comma-separated Varnish URLs (each instance of the edge)
 *   FASTLY_API_TOKEN + FASTLY_SERVICE_ID            (NEWSROOM_PURGE_FASTLY_API overrides the API URL)
 *   CLOUDFLARE_API_TOKEN + CLOUDFLARE_ZONE_ID       (NEWSROOM_PURGE_CLOUDFLARE_API overrides the API URL)
 * Returns the drivers and the problems (a half-configured driver is named, not silently skipped).
 */
export function driversFromEnv(env: Record<string, string | undefined>): { drivers: PurgeDriver[]; problems: string[] } {
  const drivers: PurgeDriver[] = [];
  const problems: string[] = [];
  const get = (name: string) => env[name]?.trim() || undefined;
  const isHttp = (u: string) => /^https?:\/\/[^\s/]+/.test(u);
  const varnish = get('NEWSROOM_PURGE_VARNISH');
  if (varnish) {
    const urls = varnish
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    const bad = urls.filter((u) => !isHttp(u));
    if (bad.length) problems.push(`NEWSROOM_PURGE_VARNISH: not http(s) URLs: ${bad.join(', ')}`);
    else drivers.push({ name: 'varnish', urls });
  }
  const pair = (name: 'fastly' | 'cloudflare', tokenVar: string, idVar: string, apiVar: string, fallback: string) => {
    const token = get(tokenVar);
    const id = get(idVar);
    if (!token && !id) return;
    if (!token || !id) return void problems.push(`${name}: set both ${tokenVar} and ${idVar}`);
    const api = get(apiVar) ?? fallback;
    if (!isHttp(api)) return void problems.push(`${apiVar}: not an http(s) URL`);
    drivers.push(name === 'fastly' ? { name, api, serviceId: id, token } : { name, api, zoneId: id, token });
  };
  pair('fastly', 'FASTLY_API_TOKEN', 'FASTLY_SERVICE_ID', 'NEWSROOM_PURGE_FASTLY_API', DEFAULT_FASTLY_API);
  pair('cloudflare', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ZONE_ID', 'NEWSROOM_PURGE_CLOUDFLARE_API', DEFAULT_CLOUDFLARE_API);
  return { drivers, problems };
}

/** Pending purges merged into one burst: the union of tags, hard if any was. */
export interface PurgeBurst {
  tags: Set<string>;
  strength: Strength;
}
export function mergeIntoBurst(burst: PurgeBurst | null, tags: readonly string[], strength: Strength): PurgeBurst {
  const out = burst ?? { tags: new Set<string>(), strength: 'soft' };
  for (const t of tags) out.tags.add(t);
  if (strength === 'hard') out.strength = 'hard';
  return out;
}

/** Backoff before attempt `attempt` (2, 3, …): doubling from the base, capped at a minute. */
export const purgeRetryDelayMs = (attempt: number, baseMs: number): number => Math.min(60_000, baseMs * 2 ** Math.max(0, attempt - 2));

/** A purge answer that succeeded; Cloudflare also says so in its JSON body. */
export function purgeSucceeded(driver: DriverName, status: number, body: string): boolean {
  if (status < 200 || status >= 300) return false;
  if (driver !== 'cloudflare') return true;
  try {
    return (JSON.parse(body) as { success?: unknown }).success === true;
  } catch {
    return false;
  }
}
