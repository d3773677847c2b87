import { parse } from 'graphql';
import { WindowCounter, bearerToken, hasGraphqlMutation, isNewsroomWritePath, routerPath } from '../../../src/plugins/newsroom/server/src/read-path/rate-limit';

describe('rate limit: who the client is', () => {
  it.each([
    ['Bearer T', 'T'],
    ['bearer T', 'T'],
    ['BEARER T', 'T'],
    ['Bearer  T', 'T'],
    ['Bearer\tT', 'T'],
    ['  Bearer T  ', 'T'],
  ])('reads %j as token %j, as Strapi would', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([[undefined], [''], ['T'], ['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer T extra'], ['Token T']])(
    'treats %j as no credential (Strapi authenticates nothing: the address is the client)',
    (header) => {
      expect(bearerToken(header as any)).toBeNull();
    },
  );

  it('never throws on generated hostile headers', () => {
    const pieces = ['Bearer', 'bearer', ' ', '\t', 'T', '', '\u00a0', 'é', '%20', '\u0000'];
    for (let i = 0; i < 2000; i += 1) {
      const h = Array.from({ length: 1 + (i % 5) }, (_, j) => pieces[(i * 7 + j * 3) % pieces.length]).join('');
      const t = bearerToken(h);
      if (t !== null) expect(t).toMatch(/^\S+$/);
    }
  });
});

describe('rate limit: which requests are writes', () => {
  it.each([
    ['POST', '/api/newsroom/news-items'],
    ['post', '/API/newsroom/news-items'],
    ['PUT', '/Api/NewsRoom/articles/abc'],
    ['DELETE', '/api/newsroom/articles/abc/'],
    ['POST', '/api/%6Eewsroom/news-items'],
    ['POST', '/content-manager/collection-types/plugin::newsroom.article'],
    ['POST', '/content-manager/collection-types/plugin%3A%3Anewsroom.article/actions/bulkPublish'],
  ])('%s %s is a newsroom write', (method, path) => {
    expect(isNewsroomWritePath(method, path)).toBe(true);
  });

  it.each([
    ['GET', '/api/newsroom/news-items'],
    ['HEAD', '/API/NEWSROOM/news-items'],
    ['OPTIONS', '/api/newsroom/news-items'],
    ['POST', '/api/newsroomx/items'],
    ['POST', '/api/other/things'],
    ['POST', '/content-manager/collection-types/api::page.page'],
  ])('%s %s is not', (method, path) => {
    expect(isNewsroomWritePath(method, path)).toBe(false);
  });

  it('lower-cases and decodes like the router; malformed escapes stay as sent', () => {
    expect(routerPath('/API/%6Eewsroom')).toBe('/api/newsroom');
    expect(routerPath('/api/%E0%A4%A')).toBe('/api/%e0%a4%a');
  });

  it('finds mutations in single and batched GraphQL bodies, including named and aliased ones', () => {
    expect(hasGraphqlMutation({ query: 'mutation { createNewsroomNewsItem(data: {}) { documentId } }' }, parse)).toBe(true);
    expect(hasGraphqlMutation({ query: 'query A { a } mutation B { b }', operationName: 'A' }, parse)).toBe(true);
    expect(hasGraphqlMutation([{ query: '{ a }' }, { query: 'mutation{x:b}' }], parse)).toBe(true);
    expect(hasGraphqlMutation({ query: '{ newsroomArticles(filters: { title: { eq: "mutation" } }) { title } }' }, parse)).toBe(false);
    expect(hasGraphqlMutation({ query: 'mutation {' }, parse)).toBe(false);
    expect(hasGraphqlMutation(undefined, parse)).toBe(false);
    expect(hasGraphqlMutation('mutation { x }', parse)).toBe(false);
  });
});

describe('rate limit: bounded LRU of fixed windows', () => {
  it('allows max hits per window, then says how long to wait, and resets after the window', () => {
    const c = new WindowCounter(3, 60_000);
    expect([0, 1, 2].map(() => c.hit('a', 0))).toEqual([0, 0, 0]);
    expect(c.hit('a', 1000)).toBe(59);
    expect(c.blocked('a', 1000)).toBe(59);
    expect(c.blocked('b', 1000)).toBe(0);
    expect(c.hit('a', 60_000)).toBe(0);
  });

  it('never holds more than maxClients keys, however many clients appear', () => {
    const c = new WindowCounter(5, 60_000, 100);
    for (let i = 0; i < 10_000; i += 1) c.hit(`client-${i}`, i);
    expect(c.size).toBe(100);
  });

  it('drops expired windows as new hits arrive (no full scan)', () => {
    const c = new WindowCounter(5, 1000, 1_000_000);
    for (let i = 0; i < 1000; i += 1) c.hit(`old-${i}`, 0);
    for (let i = 0; i < 1000; i += 1) c.hit(`new-${i}`, 5000);
    expect(c.size).toBeLessThanOrEqual(1000 + 1);
  });

  it('keeps a busy client counted while idle ones are evicted first', () => {
    const c = new WindowCounter(3, 60_000, 10);
    c.hit('busy', 0);
    c.hit('busy', 0);
    for (let i = 0; i < 50; i += 1) {
      c.hit(`idle-${i}`, 1);
      if (i % 5 === 0) c.hit('busy', 1);
    }
    expect(c.blocked('busy', 2)).toBeGreaterThan(0);
  });
});
