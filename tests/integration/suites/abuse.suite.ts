import { strapiInstance } from '../../helpers/strapi';
import { UID, apiToken, graphql, http, rest } from '../../helpers/http';

describe('abuse: limits on size, pages, queries and rates', () => {
  it('answers 413 to a body over the configured size, writing nothing', async () => {
    const before = await strapiInstance().db.query(UID.article).count();
    const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
      token: await apiToken(),
      body: { data: { title: '超大', standfirst: '字'.repeat(3 * 1024 * 1024) } },
    });
    expect(res.status).toBe(413);
    expect(await strapiInstance().db.query(UID.article).count()).toBe(before);
  });

  it('caps pagination[pageSize]=100000', async () => {
    const res = await http().get('/api/newsroom/news-items?locale=zh-Hans&pagination[pageSize]=100000');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.pageSize).toBeLessThanOrEqual(100);
    expect(res.body.data.length).toBeLessThanOrEqual(100);
  });

  it('keeps filter values that look like SQL inert', async () => {
    const before = await strapiInstance().db.query(UID.article).count();
    for (const value of ["' OR 1=1 --", '1; DROP TABLE newsroom_articles; --', '%']) {
      const res = await http().get('/api/newsroom/articles').query({ locale: 'zh-Hans', 'filters[title][$eq]': value });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    }
    expect(await strapiInstance().db.query(UID.article).count()).toBe(before);
  });

  it('refuses a GraphQL query 20 levels deep and one with 200 aliases, with a clear error', async () => {
    let deep = 'documentId';
    for (let i = 0; i < 10; i += 1) deep = `articles { neighbourhood { ${deep} } }`;
    const tooDeep = await graphql(`{ newsroomNeighbourhoods { ${deep} } }`);
    expect(tooDeep.body.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: newsroomArticles { title }`).join('\n');
    const tooWide = await graphql(`{ ${aliases} }`);
    expect(tooWide.body.errors?.[0]?.message).toMatch(/more than 50 aliases/);
  });

  it('rate-limits newsroom writes per client with 429 and Retry-After', async () => {
    const strapi = strapiInstance();
    const original = strapi.config.get('plugin::newsroom.rateLimit');
    strapi.config.set('plugin::newsroom.rateLimit', { enabled: true, writesPerWindow: 3, windowSeconds: 60 });
    try {
      const token = await apiToken();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await rest('post', '/api/newsroom/news-items?locale=zh-Hans', { token, body: { data: { headline: `限流 ${i}`, outlet: '中新网' } } });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      strapi.config.set('plugin::newsroom.rateLimit', original);
    }
  });

  it('rate-limits sign-in attempts (users-permissions, 10 a minute)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await http().post('/api/auth/local').send({ identifier: 'nobody@test.local', password: 'wrong' });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses[0]).toBe(400);
  });
});
