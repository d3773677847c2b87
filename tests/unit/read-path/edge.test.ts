/**
 * The edge's pure core: headers for a shared answer, purge requests per driver, drivers from the
 * environment, bursts and backoff; and the soft/hard decision for a write.
 */
import {
  EDGE_ALL_TAG,
  MAX_TAG_HEADER_BYTES,
  cacheControl,
  driversFromEnv,
  edgeHeaders,
  mergeIntoBurst,
  purgeRequests,
  purgeRetryDelayMs,
  purgeSucceeded,
  tagHeaderValue,
} from '../../../src/plugins/newsroom/server/src/read-path/edge';
import { invalidationStrength, strongest } from '../../../src/plugins/newsroom/server/src/read-path/invalidation';
import { TaggedLru } from '../../../src/plugins/newsroom/server/src/read-path/cache';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';
import { seeded } from '../../helpers/random';
import { cachedResponse } from '../../helpers/read-cache';

describe('edge headers', () => {
  it('browsers get a short lifetime, the edge a long one, and the tags in every configured header', () => {
    const headers = edgeHeaders(['doc:a', 'list:article'], defaultConfig.httpCache, defaultConfig.edge, true);
    expect(headers['Cache-Control']).toBe('public, max-age=5, s-maxage=86400');
    expect(headers['Surrogate-Control']).toBe('max-age=86400');
    expect(headers['Surrogate-Key']).toBe(`${EDGE_ALL_TAG} list:article doc:a`);
    expect(headers['Cache-Tag']).toBe(`${EDGE_ALL_TAG},list:article,doc:a`);
  });

  it('an edge nobody purges gets a short lifetime: a withdrawn story must not stay there for a day', () => {
    const headers = edgeHeaders(['doc:a'], defaultConfig.httpCache, defaultConfig.edge, false);
    expect(headers['Cache-Control']).toBe('public, max-age=5, s-maxage=60');
    expect(headers['Surrogate-Control']).toBe('max-age=60');
    // Never longer than the purged lifetime.
    expect(edgeHeaders([], defaultConfig.httpCache, { ...defaultConfig.edge, maxAge: 10 }, false)['Surrogate-Control']).toBe('max-age=10');
  });

  it('names the headers as configured (none at all with an empty list)', () => {
    expect(Object.keys(edgeHeaders(['doc:a'], defaultConfig.httpCache, { ...defaultConfig.edge, tagHeaders: ['Xkey'] }, true))).toEqual([
      'Cache-Control',
      'Surrogate-Control',
      'Xkey',
    ]);
    expect(Object.keys(edgeHeaders(['doc:a'], defaultConfig.httpCache, { ...defaultConfig.edge, tagHeaders: [] }, true))).toEqual([
      'Cache-Control',
      'Surrogate-Control',
    ]);
  });

  it('keeps stale-while-revalidate for browsers only when configured', () => {
    expect(cacheControl({ maxAge: 10, staleWhileRevalidate: 30 }, { tagHeaders: [], maxAge: 600, unpurgedMaxAge: 60 }, true)).toBe(
      'public, max-age=10, stale-while-revalidate=30, s-maxage=600',
    );
  });

  it('bounds a tag header, cutting document tags before the coarse ones', () => {
    const tags = Array.from({ length: 2000 }, (_, i) => `doc:${'x'.repeat(20)}${i}`);
    const value = tagHeaderValue('Surrogate-Key', [...tags, 'list:article', 'via:news-item']);
    expect(value.length).toBeLessThanOrEqual(MAX_TAG_HEADER_BYTES);
    expect(value.startsWith('list:article via:news-item doc:')).toBe(true);
  });
});

describe('purge requests', () => {
  const tags = ['list:article', 'doc:abc', 'doc:abc'];

  it('Varnish: PURGE / on every edge URL with xkey-purge (hard) or xkey-softpurge (soft)', () => {
    const driver = { name: 'varnish' as const, urls: ['http://127.0.0.1:6081', 'http://10.0.0.2:80/'] };
    expect(purgeRequests(driver, tags, 'hard')).toEqual([
      {
        driver: 'varnish',
        method: 'PURGE',
        url: 'http://127.0.0.1:6081/',
        headers: { 'xkey-purge': 'doc:abc list:article' },
        tags: ['doc:abc', 'list:article'],
      },
      { driver: 'varnish', method: 'PURGE', url: 'http://10.0.0.2:80/', headers: { 'xkey-purge': 'doc:abc list:article' }, tags: ['doc:abc', 'list:article'] },
    ]);
    expect(purgeRequests(driver, tags, 'soft')[0].headers).toEqual({ 'xkey-softpurge': 'doc:abc list:article' });
  });

  it('Fastly: POST /service/{id}/purge with the surrogate keys, Fastly-Soft-Purge when soft', () => {
    const driver = { name: 'fastly' as const, api: 'https://api.fastly.com', serviceId: 'SVC 1', token: 'tok' };
    const [hard] = purgeRequests(driver, tags, 'hard');
    expect(hard).toMatchObject({ method: 'POST', url: 'https://api.fastly.com/service/SVC%201/purge', body: '{"surrogate_keys":["doc:abc","list:article"]}' });
    expect(hard.headers).toEqual({ 'fastly-key': 'tok', 'content-type': 'application/json', accept: 'application/json' });
    expect(purgeRequests(driver, tags, 'soft')[0].headers['fastly-soft-purge']).toBe('1');
  });

  it('Cloudflare: POST /zones/{zone}/purge_cache with tags, 30 per request, never soft', () => {
    const driver = { name: 'cloudflare' as const, api: 'https://api.cloudflare.com/client/v4/', zoneId: 'z1', token: 'cf' };
    const many = Array.from({ length: 65 }, (_, i) => `doc:${String(i).padStart(2, '0')}`);
    const requests = purgeRequests(driver, many, 'soft');
    expect(requests.map((r) => r.tags.length)).toEqual([30, 30, 5]);
    expect(requests[0]).toMatchObject({ method: 'POST', url: 'https://api.cloudflare.com/client/v4/zones/z1/purge_cache' });
    expect(requests[0].headers).toEqual({ authorization: 'Bearer cf', 'content-type': 'application/json' });
    expect(JSON.parse(requests[2].body!)).toEqual({ tags: many.slice(60) });
  });

  it('success is a 2xx (and, for Cloudflare, success: true in the body)', () => {
    expect(purgeSucceeded('varnish', 200, '')).toBe(true);
    expect(purgeSucceeded('fastly', 503, '')).toBe(false);
    expect(purgeSucceeded('cloudflare', 200, '{"success":false}')).toBe(false);
    expect(purgeSucceeded('cloudflare', 200, '{"success":true}')).toBe(true);
    expect(purgeSucceeded('cloudflare', 200, 'not json')).toBe(false);
  });

  it('backoff doubles from the base and stops growing at a minute', () => {
    expect([2, 3, 4, 5].map((a) => purgeRetryDelayMs(a, 500))).toEqual([500, 1000, 2000, 4000]);
    expect(purgeRetryDelayMs(30, 500)).toBe(60_000);
  });

  it('a burst is the union of its tags, hard if any purge in it was', () => {
    const rng = seeded(7);
    for (let i = 0; i < 100; i += 1) {
      let burst = null;
      const all = new Set<string>();
      const strengths: Array<'soft' | 'hard'> = [];
      for (let j = rng.between(1, 6); j > 0; j -= 1) {
        const tags = Array.from({ length: rng.int(4) }, () => `doc:${rng.int(5)}`);
        const strength = rng.bool(0.2) ? 'hard' : 'soft';
        tags.forEach((t) => all.add(t));
        strengths.push(strength);
        burst = mergeIntoBurst(burst, tags, strength);
      }
      expect(burst!.tags).toEqual(all);
      expect(burst!.strength).toBe(strongest(strengths));
    }
  });
});

describe('drivers from the environment', () => {
  it('reads every driver, with API overrides', () => {
    const { drivers, problems } = driversFromEnv({
      NEWSROOM_PURGE_VARNISH: 'http://127.0.0.1:6081, http://127.0.0.1:6082',
      FASTLY_API_TOKEN: 'f',
      FASTLY_SERVICE_ID: 's',
      CLOUDFLARE_API_TOKEN: 'c',
      CLOUDFLARE_ZONE_ID: 'z',
      NEWSROOM_PURGE_CLOUDFLARE_API: 'http://127.0.0.1:9999/client/v4',
    });
    expect(problems).toEqual([]);
    expect(drivers).toEqual([
      { name: 'varnish', urls: ['http://127.0.0.1:6081', 'http://127.0.0.1:6082'] },
      { name: 'fastly', api: 'https://api.fastly.com', serviceId: 's', token: 'f' },
      { name: 'cloudflare', api: 'http://127.0.0.1:9999/client/v4', zoneId: 'z', token: 'c' },
    ]);
  });

  it('names a half-configured driver instead of skipping it silently; none configured is no driver', () => {
    expect(driversFromEnv({ FASTLY_API_TOKEN: 'f' }).problems).toEqual(['fastly: set both FASTLY_API_TOKEN and FASTLY_SERVICE_ID']);
    expect(driversFromEnv({ NEWSROOM_PURGE_VARNISH: 'varnish:6081' }).problems[0]).toMatch(/NEWSROOM_PURGE_VARNISH: not http\(s\) URLs/);
    expect(driversFromEnv({})).toEqual({ drivers: [], problems: [] });
  });
});

describe('soft or hard: a pure function of the change', () => {
  const change = (name: string, after: unknown = true) => ({ change: name, after });
  it.each([
    ['update', [], 'soft'],
    ['publish', [change('publish')], 'soft'],
    ['update', [change('slug')], 'soft'],
    ['update', [change('autoPublish')], 'soft'],
    ['update', [change('embargoUntil', null)], 'soft'],
    ['update', [change('embargoUntil', '2030-01-01T00:00:00.000Z')], 'hard'],
    ['update', [change('exclusive', false)], 'hard'],
    ['update', [change('origin', null)], 'hard'],
    ['publish', [change('correction')], 'hard'],
    ['unpublish', [], 'hard'],
    ['update', [change('unpublish', null)], 'hard'],
    ['delete', [], 'hard'],
    ['discardDraft', [], 'soft'],
  ] as const)('%s with %j is %s', (action, changes, expected) => {
    expect(invalidationStrength(action, changes)).toBe(expected);
  });
});

describe('TaggedLru: soft invalidation', () => {
  it('a softly invalidated entry is servable as stale until its deadline, never as fresh; a hard one is gone', () => {
    const lru = new TaggedLru(10, 60_000);
    lru.set('a', cachedResponse('a', ['doc:1'], 1000));
    lru.set('b', cachedResponse('b', ['doc:2'], 1000));
    expect(lru.invalidate(['doc:1'], 4000)).toBe(1);
    expect(lru.get('a', 2000)).toBeUndefined();
    expect(lru.lookup('a', 2000)).toMatchObject({ fresh: false });
    // Already stale: a second soft invalidation keeps the first deadline.
    expect(lru.invalidate(['doc:1'], 9000)).toBe(0);
    expect(lru.lookup('a', 4000)).toBeUndefined();
    expect(lru.size).toBe(1);
    expect(lru.invalidate(['doc:2'])).toBe(1);
    expect(lru.lookup('b', 1000)).toBeUndefined();
    expect(lru.totalBytes).toBe(0);
  });

  it('a new answer for the key replaces the stale one as fresh', () => {
    const lru = new TaggedLru(10, 60_000);
    lru.set('a', cachedResponse('old', ['doc:1'], 1000));
    lru.invalidate(['doc:1'], 5000);
    lru.set('a', cachedResponse('new', ['doc:1'], 2000));
    expect(lru.lookup('a', 2500)).toMatchObject({ fresh: true });
    expect(lru.get('a', 2500)!.body.toString()).toBe('new');
  });
});
