import { strapiInstance } from '../../helpers/strapi';
import { UID, apiToken, graphql, http, rest } from '../../helpers/http';

describe('abuse: limits on size, pages, queries and rates', () => {
  it('answers 413 to a body over the configured size, writing nothing', async () => {
    const strapi = strapiInstance();
    const before = await strapi.db.query(UID.article).count();
    // Strapi logs the refused body as an error with a stack: expected here, so kept out of the test output.
    const logged: string[] = [];
    const mute = jest.spyOn(strapi.log, 'error').mockImplementation((m: any) => {
      logged.push(String(m?.message ?? m));
      return strapi.log;
    });
    let res;
    try {
      res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
        token: await apiToken(),
        body: { data: { title: '超大', standfirst: '字'.repeat(3 * 1024 * 1024) } },
      });
    } finally {
      mute.mockRestore();
    }
    expect(res.status).toBe(413);
    expect(logged.every((m) => /too large/i.test(m))).toBe(true);
    expect(await strapi.db.query(UID.article).count()).toBe(before);
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

  describe('write rate limit: the dodges now get 429', () => {
    let table = 0;
    let original: any;
    beforeAll(() => {
      original = strapiInstance().config.get('plugin::newsroom.rateLimit');
    });
    afterAll(() => {
      strapiInstance().config.set('plugin::newsroom.rateLimit', original);
    });
    /** Each test gets a fresh table (changed limits start a new one) with an allowance of 3 writes a minute. */
    beforeEach(() => {
      table += 1;
      strapiInstance().config.set('plugin::newsroom.rateLimit', { enabled: true, writesPerWindow: 3, windowSeconds: 60, maxClients: 1000 + table });
    });
    const newsItem = (i: number | string) => ({ data: { headline: `限流 ${i} ${Date.now()}`, outlet: '中新网' } });
    const count = () =>
      strapiInstance()
        .db.query(UID.newsItem)
        .count({ where: { publishedAt: null } });

    it('allows the allowance, then answers 429 with Retry-After, writing nothing more', async () => {
      const token = await apiToken();
      const before = await count();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await rest('post', '/api/newsroom/news-items?locale=zh-Hans', { token, body: newsItem(i) });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          expect(res.body.error.name).toBe('RateLimitError');
        }
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(await count()).toBe(before + 3);
    });

    it('one token however its scheme is spelled or spaced is one client', async () => {
      const token = await apiToken();
      const spellings = [`Bearer ${token}`, `bearer ${token}`, `Bearer  ${token}`, `BEARER\t${token}`, `  bearer   ${token} `];
      const statuses: number[] = [];
      for (const header of spellings) {
        const res = await http().post('/api/newsroom/news-items?locale=zh-Hans').set('Authorization', header).send(newsItem(header.length));
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    });

    it('paths are matched as the router matches them (case, trailing slash, escapes)', async () => {
      const token = await apiToken();
      const paths = [
        '/API/newsroom/news-items',
        '/api/NEWSROOM/News-Items',
        '/api/newsroom/news-items/',
        '/api/%6Eewsroom/news-items',
        '/Api/Newsroom/news-items',
      ];
      const statuses: number[] = [];
      for (const p of paths) {
        const res = await http().post(`${p}?locale=zh-Hans`).set('Authorization', `Bearer ${token}`).send(newsItem(p));
        statuses.push(res.status);
      }
      // Whatever the router made of the first three, the allowance is spent: the rest are refused.
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    });

    it('GraphQL mutations count as writes; queries do not', async () => {
      const token = await apiToken();
      for (let i = 0; i < 5; i += 1) {
        const q = await graphql('{ newsroomNewsItems(locale: "zh-Hans", pagination: { pageSize: 1 }) { documentId } }', {}, token);
        expect(q.status).toBe(200);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await graphql(
          'mutation($data: NewsroomNewsItemInput!) { createNewsroomNewsItem(locale: "zh-Hans", data: $data) { documentId } }',
          newsItem(`gql ${i}`),
          token,
        );
        statuses.push(res.status);
        if (res.status === 200) expect(res.body.errors).toBeUndefined();
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    });

    it('a GraphQL mutation sent as multipart (the upload form) is a write too', async () => {
      const token = await apiToken();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const operations = JSON.stringify({
          query: 'mutation($d: NewsroomNewsItemInput!) { createNewsroomNewsItem(locale: "zh-Hans", data: $d) { documentId } }',
          variables: { d: newsItem(`multipart ${i}`).data },
        });
        const res = await http()
          .post('/graphql')
          .set('Authorization', `Bearer ${token}`)
          .set('apollo-require-preflight', 'true')
          .field('operations', operations)
          .field('map', '{}');
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(3)).toEqual([429, 429]);
    });

    it('inventing a new token per request buys no fresh allowance: refused credentials are charged to the address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await http()
          .post('/api/newsroom/news-items?locale=zh-Hans')
          .set('Authorization', `Bearer invented-${i}-${Math.random()}`)
          .send(newsItem(i));
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3).every((s) => s === 401 || s === 403)).toBe(true);
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
    });

    it('anonymous writes are counted per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await http().post('/api/newsroom/news-items').send(newsItem(i))).status);
      expect(statuses.slice(0, 3).every((s) => s === 401 || s === 403)).toBe(true);
      expect(statuses.slice(3)).toEqual([429, 429]);
    });
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

describe('database probe: a flood of anonymous 401s cannot trip it, and it recovers', () => {
  const health = () => strapiInstance().plugin('newsroom').service('database-health');

  it('32 connections of anonymous 401s: one probe at a time, reads keep answering 200', async () => {
    const probesBefore = health().probes;
    const started = Date.now();
    let flooding = true;
    const floodStatuses: number[] = [];
    const readStatuses: number[] = [];
    const flood = Array.from({ length: 32 }, async () => {
      for (let i = 0; i < 12; i += 1) floodStatuses.push((await http().get('/admin/users/me')).status);
    });
    const reader = (async () => {
      while (flooding) {
        readStatuses.push((await http().get('/api/newsroom/articles?locale=zh-Hans&fields[0]=title')).status);
      }
    })();
    await Promise.all(flood);
    flooding = false;
    await reader;
    const seconds = (Date.now() - started) / 1000;
    expect(floodStatuses).toHaveLength(32 * 12);
    expect(new Set(floodStatuses)).toEqual(new Set([401]));
    expect(readStatuses.length).toBeGreaterThan(0);
    expect(new Set(readStatuses)).toEqual(new Set([200]));
    expect(health().down).toBe(false);
    // 384 anonymous 401s: probes are shared (single flight) and reused for a second, plus the 1 s watch.
    const probes = health().probes - probesBefore;
    expect(probes).toBeLessThanOrEqual(2 * Math.ceil(seconds) + 2);
  });

  it('a database marked down on SQLite or PostgreSQL comes back by itself, no restart', async () => {
    health().markDown();
    const during = await http().get('/api/newsroom/articles?locale=zh-Hans');
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    const deadline = Date.now() + 10_000;
    let status = 503;
    while (status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await http().get('/api/newsroom/articles?locale=zh-Hans')).status;
    }
    expect(status).toBe(200);
    expect(health().down).toBe(false);
  });
});
