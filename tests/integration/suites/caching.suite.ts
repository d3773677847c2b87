import { strapiInstance } from '../../helpers/strapi';
import { apiToken, endUserJwt, http, rest } from '../../helpers/http';

const get = (path: string, headers: Record<string, string> = {}) => http().get(path).set(headers);

describe('HTTP caching and the read cache', () => {
  let articleId: string;
  let neighbourhoodId: string;
  beforeAll(async () => {
    const token = await apiToken();
    const a = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: '缓存测试文章', exclusive: true } } });
    articleId = a.body.data.documentId;
    await rest('put', `/api/newsroom/articles/${articleId}?locale=en`, { token, body: { data: { title: 'Cache test article' } } });
    const n = await rest('post', '/api/newsroom/neighbourhoods?locale=zh-Hans', {
      token,
      body: { data: { name: '缓存小区', households: 10, occupiedHouseholds: 1 } },
    });
    neighbourhoodId = n.body.data.documentId;
  });

  it('sends ETag, a short browser and long edge Cache-Control and the edge tags, then serves from the cache', async () => {
    const path = `/api/newsroom/articles/${articleId}?locale=zh-Hans`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^W\/"/);
    // No purge driver is configured here: the edge gets the short lifetime (edge.suite.ts has the long one).
    expect(first.headers['cache-control']).toBe('public, max-age=5, s-maxage=60');
    expect(first.headers['surrogate-control']).toBe('max-age=60');
    expect(first.headers['surrogate-key'].split(' ')).toEqual(expect.arrayContaining(['newsroom', `doc:${articleId}`]));
    expect(first.headers['cache-tag'].split(',')).toEqual(expect.arrayContaining(['newsroom', `doc:${articleId}`]));
    expect(first.headers['x-newsroom-cache']).toBe('miss');
    const second = await get(path);
    expect(second.headers['x-newsroom-cache']).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it('answers a hit in front of Strapi with the same headers and body as the miss that filled it, plus Age', async () => {
    const path = `/api/newsroom/articles/${articleId}?locale=zh-Hans&populate=*&same=headers`;
    const headers = { Origin: 'https://reader.example', 'Accept-Encoding': 'identity' };
    const miss = await get(path, headers);
    const hit = await get(path, headers);
    expect(miss.headers['x-newsroom-cache']).toBe('miss');
    expect(hit.headers['x-newsroom-cache']).toBe('hit');
    expect(Number(hit.headers.age)).toBeGreaterThanOrEqual(0);
    const comparable = (h: Record<string, string>) => {
      const { date, age, 'x-newsroom-cache': _c, connection, 'keep-alive': _k, ...rest } = h;
      return rest;
    };
    expect(comparable(hit.headers)).toEqual(comparable(miss.headers));
    // Strapi's security headers were set on the miss and are replayed on the hit.
    expect(hit.headers['content-security-policy']).toBeDefined();
    expect(hit.headers['x-frame-options']).toBeDefined();
    expect(hit.text).toBe(miss.text);
    // HEAD: the same headers, no body.
    const head = await http().head(path).set(headers);
    expect(head.headers['x-newsroom-cache']).toBe('hit');
    expect(head.headers['content-length']).toBe(hit.headers['content-length']);
  });

  it('keeps the cache within its byte budget under a flood of distinct URLs', async () => {
    const strapi = strapiInstance();
    const budget = 256 * 1024;
    const original = strapi.config.get('plugin::newsroom.readCache.maxBytes');
    strapi.config.set('plugin::newsroom.readCache.maxBytes', budget);
    try {
      const fresh = strapi.plugin('newsroom').service('read-cache').store;
      for (let i = 0; i < 150; i += 1) await get(`/api/newsroom/articles?locale=zh-Hans&populate=*&flood=${i}`);
      expect(fresh.totalBytes).toBeLessThanOrEqual(budget);
      expect(fresh.size).toBeGreaterThan(0);
      expect(fresh.size).toBeLessThan(150);
    } finally {
      strapi.config.set('plugin::newsroom.readCache.maxBytes', original);
    }
  });

  it('answers If-None-Match with 304', async () => {
    const path = `/api/newsroom/articles?locale=zh-Hans&filters[documentId][$eq]=${articleId}`;
    const first = await get(path);
    const again = await get(path, { 'If-None-Match': first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
  });

  it('a write changes the ETags of the detail, the lists and the other locale', async () => {
    const paths = [
      `/api/newsroom/articles/${articleId}?locale=zh-Hans`,
      `/api/newsroom/articles/${articleId}?locale=en`,
      '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=100',
      '/api/newsroom/articles?locale=en&pagination[pageSize]=100',
    ];
    const before = await Promise.all(paths.map((p) => get(p)));
    await Promise.all(paths.map((p) => get(p))); // now cached
    const upd = await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token: await apiToken(), body: { data: { exclusive: false } } });
    expect(upd.status).toBe(200);
    // Publishing en makes its published version follow the un-flagging.
    await rest('put', `/api/newsroom/articles/${articleId}?locale=en`, { token: await apiToken(), body: { data: {} } });
    const after = await Promise.all(paths.map((p) => get(p)));
    for (let i = 0; i < paths.length; i += 1) {
      expect({ path: paths[i], changed: after[i].headers.etag !== before[i].headers.etag }).toEqual({ path: paths[i], changed: true });
    }
    expect(after[0].body.data.reprintNotice).toBeNull();
    expect(after[1].body.data.reprintNotice).toBeNull();
  });

  it('keeps entries a write does not affect', async () => {
    const path = `/api/newsroom/neighbourhoods/${neighbourhoodId}?locale=zh-Hans`;
    await get(path);
    expect((await get(path)).headers['x-newsroom-cache']).toBe('hit');
    await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token: await apiToken(), body: { data: { standfirst: '无关的修改' } } });
    expect((await get(path)).headers['x-newsroom-cache']).toBe('hit');
    await rest('put', `/api/newsroom/neighbourhoods/${neighbourhoodId}?locale=zh-Hans`, { token: await apiToken(), body: { data: { households: 12 } } });
    const after = await get(path);
    expect(after.headers['x-newsroom-cache']).toBe('miss');
    expect(after.body.data.households).toBe(12);
  });

  it('drops a deleted document from cached lists', async () => {
    const token = await apiToken();
    const a = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: '将被删除' } } });
    const list = `/api/newsroom/articles?locale=zh-Hans&filters[title][$eq]=将被删除`;
    expect((await get(encodeURI(list))).body.data).toHaveLength(1);
    await rest('delete', `/api/newsroom/articles/${a.body.data.documentId}?locale=zh-Hans`, { token });
    expect((await get(encodeURI(list))).body.data).toHaveLength(0);
  });

  it('marks drafts and authenticated responses private, no-store, and never caches them', async () => {
    const draft = await get(`/api/newsroom/articles/${articleId}?locale=zh-Hans&status=draft`, { Authorization: `Bearer ${await apiToken()}` });
    expect(draft.status).toBe(200);
    expect(draft.headers['cache-control']).toBe('private, no-store');
    expect(draft.headers['x-newsroom-cache']).toBeUndefined();
    const user = await get(`/api/newsroom/articles/${articleId}?locale=zh-Hans`, { Authorization: `Bearer ${await endUserJwt('cache-reader')}` });
    expect(user.status).toBe(200);
    expect(user.headers['cache-control']).toBe('private, no-store');
  });

  it('can be switched off by config (ETags and 304 still work)', async () => {
    const strapi = strapiInstance();
    const path = `/api/newsroom/neighbourhoods/${neighbourhoodId}?locale=zh-Hans`;
    strapi.config.set('plugin::newsroom.readCache.enabled', false);
    try {
      const a = await get(path);
      expect(a.headers['x-newsroom-cache']).toBeUndefined();
      expect((await get(path, { 'If-None-Match': a.headers.etag })).status).toBe(304);
    } finally {
      strapi.config.set('plugin::newsroom.readCache.enabled', true);
    }
  });

  it('caches GraphQL queries sent with GET and drops them on any newsroom write', async () => {
    const q = `/graphql?query=${encodeURIComponent(`{ newsroomArticle(documentId: "${articleId}", locale: "zh-Hans") { title } }`)}`;
    const first = await get(q, { 'apollo-require-preflight': 'true' });
    expect(first.status).toBe(200);
    expect((await get(q, { 'apollo-require-preflight': 'true' })).headers['x-newsroom-cache']).toBe('hit');
    await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token: await apiToken(), body: { data: { title: '缓存测试文章(改)' } } });
    const after = await get(q, { 'apollo-require-preflight': 'true' });
    expect(after.headers['x-newsroom-cache']).toBe('miss');
    expect(after.body.data.newsroomArticle.title).toBe('缓存测试文章(改)');
  });
});
