import {
  TaggedLru,
  cacheKey,
  chooseEncoding,
  etagMatches,
  etagOf,
  replayableHeaders,
  sizeOf,
  tagsFor,
  tagsForWrite,
  withVary,
} from '../../../src/plugins/newsroom/server/src/read-path/cache';
import { cachedResponse } from '../../helpers/read-cache';

const entry = cachedResponse;

describe('cacheKey', () => {
  it('keeps the query string as sent: the order of repeated keys changes the answer', () => {
    expect(cacheKey('/a', 'sort=x&sort=y', [])).not.toBe(cacheKey('/a', 'sort=y&sort=x', []));
  });
  it('separates requests that differ only in a shaping header', () => {
    expect(cacheKey('/a', 'q=1', ['v4', undefined])).not.toBe(cacheKey('/a', 'q=1', [undefined, undefined]));
    expect(cacheKey('/a', 'q=1', [undefined, 'true'])).not.toBe(cacheKey('/a', 'q=1', ['true', undefined]));
  });
  it('cannot be forged by putting a header value into the query string', () => {
    expect(cacheKey('/a', 'q=1\nv4', [undefined])).not.toBe(cacheKey('/a', 'q=1', ['v4']));
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['GZIP', 'gzip'],
    ['gzip;q=abc', 'identity'],
  ])('%p → %p', (header, expected) => {
    expect(chooseEncoding(header as string | undefined)).toBe(expected);
  });
});

describe('replayableHeaders and Vary', () => {
  it('drops per-response headers and refuses answers that set cookies', () => {
    expect(replayableHeaders({ 'Content-Type': 'application/json', 'Content-Length': '5', Date: 'x', 'X-Frame-Options': 'SAMEORIGIN' })).toEqual({
      'content-type': 'application/json',
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(replayableHeaders({ 'set-cookie': ['a=1'] })).toBeNull();
  });
  it('adds names to Vary once, case-insensitively', () => {
    expect(withVary('Origin', ['Accept-Encoding', 'origin'])).toBe('Origin, Accept-Encoding');
    expect(withVary(undefined, ['Accept'])).toBe('Accept');
  });
});

describe('ETags', () => {
  it('matches weakly, in lists and with *', () => {
    const tag = etagOf('x');
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`"other", ${tag.replace('W/', '')}`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('"nope"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});

describe('tags', () => {
  it('tags a detail by its document and its populated kinds; lists by kind', () => {
    expect(tagsFor('/api/newsroom/articles/abc', '', { data: { documentId: 'abc' } })).toEqual(['doc:abc']);
    expect(
      tagsFor('/api/newsroom/articles', 'populate=*', { data: [{ documentId: 'a' }, { documentId: 'b', relatedNews: [{ documentId: 'n' }] }] }).sort(),
    ).toEqual(['doc:a', 'doc:b', 'doc:n', 'list:article', 'via:article', 'via:neighbourhood', 'via:news-item'].sort());
    expect(tagsFor('/api/newsroom/feeds/en.rss', '', null)).toContain('list:article');
  });
  it('a list filtered or sorted through a relation depends on every related kind (a rename there invalidates it)', () => {
    for (const qs of [
      'filters[neighbourhood][name][$eq]=x',
      'filters%5Bneighbourhood%5D%5Bname%5D=x',
      'sort=neighbourhood.name:asc',
      'sort[0]=relatedNews.headline',
    ]) {
      expect(tagsFor('/api/newsroom/articles', qs, { data: [] })).toEqual(expect.arrayContaining(['list:article', 'via:neighbourhood', 'via:news-item']));
    }
    expect(tagsFor('/api/newsroom/articles', 'locale=en', { data: [] })).toEqual(['list:article']);
    const tags = tagsFor('/api/newsroom/articles', 'filters[neighbourhood][name][$eq]=x', { data: [] });
    expect(tags.filter((t) => tagsForWrite('neighbourhood', 'h1').includes(t))).toEqual(['via:neighbourhood']);
  });
  it('never throws on odd query strings', () => {
    expect(() => tagsFor('/api/newsroom/articles', 'x=%', null)).not.toThrow();
  });
  it('a write invalidates its kind, lists, GraphQL and its document', () => {
    expect(tagsForWrite('article', 'd1')).toEqual(['list:article', 'via:article', 'graphql', 'doc:d1']);
  });
});

describe('TaggedLru', () => {
  it('evicts the least recently used entry past maxEntries', () => {
    const lru = new TaggedLru(2, 60_000);
    lru.set('a', entry('A'));
    lru.set('b', entry('B'));
    lru.get('a');
    lru.set('c', entry('C'));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
  });

  it('stays within its byte budget whatever is stored, and refuses an entry larger than the budget', () => {
    const budget = 10_000;
    const lru = new TaggedLru(1_000_000, 60_000, budget);
    for (let i = 0; i < 500; i += 1) {
      lru.set(`k${i}`, entry('x'.repeat(Math.floor(Math.random() * 3000))));
      expect(lru.totalBytes).toBeLessThanOrEqual(budget);
    }
    lru.set('huge', entry('y'.repeat(20_000)));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.totalBytes).toBeLessThanOrEqual(budget);
  });

  it('accounts for compressed variants added later (resize)', () => {
    const lru = new TaggedLru(100, 60_000, 5_000);
    const e = entry('z'.repeat(1000));
    lru.set('a', e);
    const before = lru.totalBytes;
    e.encoded.gzip = Buffer.alloc(500);
    lru.resize('a');
    expect(lru.totalBytes).toBe(before + 500);
    expect(lru.totalBytes).toBe(sizeOf('a', e));
  });

  it('expires entries after the TTL', () => {
    const lru = new TaggedLru(10, 1000);
    lru.set('a', entry('A', [], 0));
    expect(lru.get('a', 500)).toBeDefined();
    expect(lru.get('a', 1500)).toBeUndefined();
    expect(lru.totalBytes).toBe(0);
  });

  it('drops exactly the entries carrying an invalidated tag, and keeps its accounting', () => {
    const lru = new TaggedLru(10, 60_000);
    lru.set('a', entry('A', ['doc:1', 'list:article']));
    lru.set('b', entry('B', ['doc:2']));
    expect(lru.invalidate(['doc:1'])).toBe(1);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('b')).toBeDefined();
    lru.clear();
    expect(lru.size).toBe(0);
    expect(lru.totalBytes).toBe(0);
  });
});
