/**
 * The read cache's store and keys under generated inputs (seeded, replayable with TEST_SEED):
 * TaggedLru against a plain reference model, cache keys that never collide, and tags that a
 * write always meets when it can change the cached answer (and only then).
 */
import {
  CachedResponse,
  GRAPHQL_SHAPING_HEADERS,
  SHAPING_HEADERS,
  TaggedLru,
  cacheKey,
  sizeOf,
  tagsFor,
  tagsForWrite,
} from '../../../src/plugins/newsroom/server/src/read-path/cache';
import type { NewsroomKind } from '../../../src/plugins/newsroom/server/src/content-types/facts';
import { Rng, forEachSeed } from '../../helpers/random';
import { cachedResponse } from '../../helpers/read-cache';

const TAGS = ['doc:1', 'doc:2', 'doc:3', 'list:article', 'list:news-item', 'via:article', 'via:neighbourhood', 'graphql'];

const response = (rng: Rng, storedAt: number): CachedResponse =>
  cachedResponse(
    'x'.repeat(rng.int(3000)),
    TAGS.filter(() => rng.bool(0.25)),
    storedAt,
    rng.bool() ? {} : { vary: 'Origin' },
  );

/**
 * What TaggedLru promises, written the plain way: entries in recency order (oldest first), each
 * with the size sizeOf gives; bounded in entries and bytes by evicting the oldest; an entry larger
 * than the byte budget is never kept; a resized entry is kept when it is the only one.
 */
class ReferenceLru {
  entries: Array<{ key: string; value: CachedResponse; size: number }> = [];

  constructor(
    private maxEntries: number,
    private ttlMs: number,
    private maxBytes: number,
  ) {}

  get bytes() {
    return this.entries.reduce((sum, e) => sum + e.size, 0);
  }

  private at(key: string) {
    return this.entries.findIndex((e) => e.key === key);
  }

  get(key: string, now: number) {
    const i = this.at(key);
    if (i < 0) return undefined;
    const [e] = this.entries.splice(i, 1);
    if (now - e.value.storedAt > this.ttlMs) return undefined;
    this.entries.push(e);
    return e.value;
  }

  set(key: string, value: CachedResponse) {
    this.delete(key);
    const size = sizeOf(key, value);
    if (size > this.maxBytes) return;
    this.entries.push({ key, value, size });
    this.evict();
  }

  resize(key: string) {
    const e = this.entries[this.at(key)];
    if (!e) return;
    e.size = sizeOf(key, e.value);
    this.evict(key);
  }

  private evict(keep?: string) {
    while (this.entries.length > this.maxEntries || this.bytes > this.maxBytes) {
      if (this.entries[0].key === keep && this.entries.length === 1) break;
      this.entries.shift();
    }
  }

  delete(key: string) {
    const i = this.at(key);
    if (i >= 0) this.entries.splice(i, 1);
  }

  invalidate(tags: string[]) {
    const hit = this.entries.filter((e) => e.value.tags.some((t) => tags.includes(t)));
    this.entries = this.entries.filter((e) => !hit.includes(e));
    return hit.length;
  }
}

describe('TaggedLru behaves as its reference model under generated operations', () => {
  it('agrees on every get, invalidation, size and byte count (60 seeds x 250 operations)', () => {
    forEachSeed(60, (rng) => {
      const maxEntries = rng.between(1, 8);
      const ttlMs = rng.between(500, 5000);
      const maxBytes = rng.bool(0.2) ? Number.POSITIVE_INFINITY : rng.between(1500, 12_000);
      const lru = new TaggedLru(maxEntries, ttlMs, maxBytes);
      const model = new ReferenceLru(maxEntries, ttlMs, maxBytes);
      let now = 0;
      for (let step = 0; step < 250; step += 1) {
        now += rng.int(400);
        const key = `k${rng.int(12)}`;
        const op = rng.int(100);
        if (op < 40) {
          const value = response(rng, now);
          lru.set(key, value);
          model.set(key, value);
          // A value that fits is readable right after it is stored.
          if (sizeOf(key, value) <= maxBytes) expect(lru.get(key, now)).toBe(value);
          model.get(key, now);
        } else if (op < 70) {
          expect({ step, key, got: lru.get(key, now) }).toEqual({ step, key, got: model.get(key, now) });
        } else if (op < 80) {
          const tags = TAGS.filter(() => rng.bool(0.3));
          expect({ step, tags, dropped: lru.invalidate(tags) }).toEqual({ step, tags, dropped: model.invalidate(tags) });
        } else if (op < 90) {
          const value = lru.get(key, now);
          expect(value).toBe(model.get(key, now));
          if (value) {
            value.encoded[rng.bool() ? 'gzip' : 'br'] = Buffer.alloc(rng.int(2000));
            lru.resize(key);
            model.resize(key);
          }
        } else if (op < 98) {
          lru.delete(key);
          model.delete(key);
        } else {
          lru.clear();
          model.entries = [];
        }
        expect({ step, size: lru.size, bytes: lru.totalBytes }).toEqual({ step, size: model.entries.length, bytes: model.bytes });
        expect(lru.size).toBeLessThanOrEqual(maxEntries);
        // Over budget only when one entry grew past it on its own (resize keeps the entry being resized).
        if (lru.size > 1) expect(lru.totalBytes).toBeLessThanOrEqual(maxBytes);
      }
    });
  });

  it('after an invalidation no remaining entry carries an invalidated tag, and every other entry is still there', () => {
    forEachSeed(100, (rng) => {
      const lru = new TaggedLru(1000, 60_000);
      const stored = new Map<string, CachedResponse>();
      for (let i = 0; i < 50; i += 1) {
        const value = response(rng, 0);
        lru.set(`k${i}`, value);
        stored.set(`k${i}`, value);
      }
      const tags = TAGS.filter(() => rng.bool(0.3));
      const expected = [...stored].filter(([, v]) => v.tags.some((t) => tags.includes(t))).map(([k]) => k);
      expect(lru.invalidate(tags)).toBe(expected.length);
      for (const [key, value] of stored) expect({ key, kept: lru.get(key, 1) === value }).toEqual({ key, kept: !expected.includes(key) });
      expect(lru.invalidate(tags)).toBe(0);
    });
  });
});

describe('cacheKey never lets two different requests share an entry', () => {
  // Paths carry no '?', and no request part carries a newline (HTTP forbids it in all three).
  it.each([
    ['content API', SHAPING_HEADERS.length],
    ['GraphQL', GRAPHQL_SHAPING_HEADERS.length],
  ])('%s: distinct (path, query, headers) give distinct keys (20 seeds x 3,000 requests)', (_label, headerCount) => {
    forEachSeed(20, (rng) => {
      const seen = new Map<string, string>();
      for (let i = 0; i < 3000; i += 1) {
        const path = `/${rng.string('ab/-.%', rng.int(4))}`;
        const query = rng.bool(0.2) ? '' : rng.string('ab=&?%[]', rng.between(1, 5));
        const headers = Array.from({ length: headerCount }, () => (rng.bool(0.5) ? undefined : rng.string('ab ,;=?/', rng.between(1, 3))));
        // An absent header and an empty one are the same request.
        const request = JSON.stringify([path, query, headers.map((h) => h ?? '')]);
        const key = cacheKey(path, query, headers);
        const before = seen.get(key);
        if (before !== undefined) expect(before).toBe(request);
        seen.set(key, request);
      }
      expect(seen.size).toBeGreaterThan(1000);
    });
  });
});

describe('tags: a write always reaches the cached answers it can change, and not the others', () => {
  const KINDS: NewsroomKind[] = ['article', 'neighbourhood', 'news-item'];
  const PLURAL: Record<NewsroomKind, string> = { article: 'articles', neighbourhood: 'neighbourhoods', 'news-item': 'news-items' };
  const POPULATE = ['populate=*', 'populate[relatedNews]=true', 'populate%5Bneighbourhood%5D=true', 'Populate[0]=bylines'];
  const reaches = (tags: string[], kind: NewsroomKind, documentId: string) => tagsForWrite(kind, documentId).some((t) => tags.includes(t));

  /** A JSON body holding some documentIds at any depth (lists, populated relations, components). */
  function bodyWith(rng: Rng, ids: string[]): unknown {
    const node = (depth: number): unknown => {
      const out: Record<string, unknown> = { title: 'x' };
      if (ids.length && rng.bool(0.7)) out.documentId = rng.pick(ids);
      if (depth < 3 && rng.bool(0.5)) out.relatedNews = Array.from({ length: rng.int(3) }, () => node(depth + 1));
      if (depth < 3 && rng.bool(0.3)) out.neighbourhood = node(depth + 1);
      return out;
    };
    return rng.bool() ? { data: node(0) } : { data: Array.from({ length: rng.int(4) }, () => node(0)), meta: {} };
  }

  it('over generated GETs and writes (300 seeds x 20 requests)', () => {
    forEachSeed(300, (rng) => {
      for (let i = 0; i < 20; i += 1) {
        const kind = rng.pick(KINDS);
        const id = `d${rng.int(5)}`;
        const shape = rng.pick(['list', 'detail', 'by-slug', 'view', 'feed', 'sitemap'] as const);
        const path = {
          list: `/api/newsroom/${PLURAL[kind]}`,
          detail: `/api/newsroom/${PLURAL[kind]}/${id}`,
          'by-slug': `/api/newsroom/${PLURAL[kind]}/by-slug/some-slug`,
          view: `/api/newsroom/articles/${id}/${rng.pick(['jsonld', 'ninjs'])}`,
          feed: `/api/newsroom/feeds/${rng.pick(['zh-Hans.rss', 'en.atom', 'en.json'])}`,
          sitemap: `/api/newsroom/${rng.pick(['sitemap.xml', 'news-sitemap.xml'])}`,
        }[shape];
        const populated = rng.bool(0.3);
        const query = [rng.bool() ? 'locale=zh-Hans' : '', populated ? rng.pick(POPULATE) : ''].filter(Boolean).join('&');
        const body = bodyWith(
          rng,
          ['d0', 'd1', 'd2', 'd3', 'd4'].filter(() => rng.bool(0.3)),
        );
        const tags = tagsFor(path, query, body);
        const shownIds = [...JSON.stringify(body).matchAll(/"documentId":"(\w+)"/g)].map((m) => m[1]);
        const label = { path, query };
        const fresh = `new${i}`; // a document the answer does not contain yet

        // Any document the answer shows: a write to it, of whatever kind, drops the answer.
        for (const shown of shownIds)
          for (const k of KINDS) expect({ ...label, shown, k, reached: reaches(tags, k, shown) }).toEqual({ ...label, shown, k, reached: true });
        // The document a detail or a syndication view is about.
        if (shape === 'detail') expect({ ...label, reached: reaches(tags, kind, id) }).toEqual({ ...label, reached: true });
        if (shape === 'view') expect({ ...label, reached: reaches(tags, 'article', id) }).toEqual({ ...label, reached: true });
        // A new or changed document of the listed kind can join a list, a by-slug answer, a feed or a sitemap.
        if (shape === 'list' || shape === 'by-slug') expect({ ...label, reached: reaches(tags, kind, fresh) }).toEqual({ ...label, reached: true });
        if (shape === 'feed' || shape === 'sitemap') expect({ ...label, reached: reaches(tags, 'article', fresh) }).toEqual({ ...label, reached: true });
        // Syndication views and feeds embed the article's neighbourhood and related news.
        if (shape === 'view' || shape === 'feed')
          for (const k of ['neighbourhood', 'news-item'] as const)
            expect({ ...label, k, reached: reaches(tags, k, fresh) }).toEqual({ ...label, k, reached: true });
        // With populate, a write of any kind can change a relation in the answer.
        if (populated) for (const k of KINDS) expect({ ...label, k, reached: reaches(tags, k, fresh) }).toEqual({ ...label, k, reached: true });
      }
    });
  });

  it('a plain detail is not dropped by writes to unrelated documents of other kinds', () => {
    forEachSeed(50, (rng) => {
      const kind = rng.pick(KINDS);
      const tags = tagsFor(`/api/newsroom/${PLURAL[kind]}/mine`, 'locale=en', { data: { documentId: 'mine', title: 't' } });
      for (const other of KINDS.filter((k) => k !== kind))
        expect({ kind, other, reached: reaches(tags, other, `x${rng.int(100)}`) }).toEqual({ kind, other, reached: false });
      expect(reaches(tags, kind, 'someone-else')).toBe(false);
      expect(reaches(tags, kind, 'mine')).toBe(true);
    });
  });

  it('never throws, whatever the path, query and body', () => {
    forEachSeed(50, (rng) => {
      for (let i = 0; i < 200; i += 1) {
        const path = `/api/newsroom/${rng.string('abs-/%.', rng.int(12))}`;
        const query = rng.string('a=&%[]populate', rng.int(12));
        const body = rng.pick([null, undefined, 'text', 42, [], { data: null }, { data: [{ documentId: 7 }] }, bodyWith(rng, ['a'])]);
        expect(Array.isArray(tagsFor(path, query, body))).toBe(true);
      }
    });
  });
});
