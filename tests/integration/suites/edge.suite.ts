/**
 * Breaking news on one instance: collapsed misses, soft and hard invalidation, and the edge purge
 * drivers (Varnish, Fastly, Cloudflare) against a local HTTP server standing in for their APIs
 * (nothing here reaches the internet): the exact requests are asserted.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { IncomingMessage, Server } from 'http';
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, http, rest } from '../../helpers/http';

const get = (path: string, headers: Record<string, string> = {}) => http().get(path).set(headers);
const readCache = () => strapiInstance().plugin('newsroom').service('read-cache');
const edgePurge = () => strapiInstance().plugin('newsroom').service('edge-purge');
const run = `${process.pid}-${Date.now()}`;

/** A stand-in for the purge APIs: records every request; answers with `status` (and Cloudflare's JSON). */
function purgeApi() {
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string; at: number }> = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: status === 200, id: 'purge' }));
    });
  });
  return {
    seen,
    server,
    setStatus: (s: number) => (status = s),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('breaking news: collapsed misses, soft and hard invalidation, edge purge', () => {
  let token: string;
  let articleId: string;
  const detail = () => `/api/newsroom/articles/${articleId}?locale=zh-Hans&edge=${run}`;

  beforeAll(async () => {
    token = await apiToken();
    const a = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: `突发新闻 ${run}`, exclusive: true } } });
    expect(a.status).toBe(201);
    articleId = a.body.data.documentId;
  });

  it('concurrent misses for one key cause one Strapi render; the others get its answer', async () => {
    const path = `/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=50&collapse=${run}`;
    const before = { ...readCache().stats };
    const answers = await Promise.all(Array.from({ length: 24 }, () => get(path)));
    const after = readCache().stats;
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const labels = answers.map((a) => a.headers['x-newsroom-cache']);
    expect(labels.filter((l) => l === 'miss')).toHaveLength(1);
    expect(labels.every((l) => ['miss', 'collapsed', 'hit'].includes(l))).toBe(true);
    expect(after.misses - before.misses).toBe(1);
    expect(after.collapsed - before.collapsed).toBe(labels.filter((l) => l === 'collapsed').length);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('a failed render is neither shared nor stored: every waiter asks again and gets its own answer', async () => {
    const path = `/api/newsroom/articles/no-such-document-${run}?locale=zh-Hans`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(path)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 404));
    expect(answers.every((a) => a.headers['x-newsroom-cache'] === undefined)).toBe(true);
    expect(readCache().store.lookup(path)).toBeUndefined();
    expect(readCache().renders.inFlight).toBe(0);
  });

  it('soft: an edit to published text serves the old answer, marked stale, only while one refresh runs and never past its window', async () => {
    const strapi = strapiInstance();
    const window = strapi.config.get('plugin::newsroom.readCache.softStaleSeconds');
    strapi.config.set('plugin::newsroom.readCache.softStaleSeconds', 1);
    try {
      await get(detail());
      expect((await get(detail())).headers['x-newsroom-cache']).toBe('hit');
      const edited = await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token, body: { data: { title: `突发新闻(更新) ${run}` } } });
      expect(edited.status).toBe(200);
      const before = { ...readCache().stats };
      const answers = await Promise.all(Array.from({ length: 10 }, () => get(detail())));
      const byLabel = (label: string) => answers.filter((a) => a.headers['x-newsroom-cache'] === label);
      // One refresh: exactly one render, with the new title; the stale ones carry the old title.
      expect(byLabel('miss')).toHaveLength(1);
      expect(readCache().stats.misses - before.misses).toBe(1);
      expect(byLabel('miss')[0].body.data.title).toBe(`突发新闻(更新) ${run}`);
      for (const s of byLabel('stale')) {
        expect(s.body.data.title).toBe(`突发新闻 ${run}`);
        expect(s.headers['cache-control']).toBe('public, max-age=0, s-maxage=1');
      }
      for (const h of byLabel('hit')) expect(h.body.data.title).toBe(`突发新闻(更新) ${run}`);
      // The window: with no reader to refresh it, a stale answer is not served once it has passed.
      await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token, body: { data: { title: `突发新闻(再更新) ${run}` } } });
      await new Promise((r) => setTimeout(r, 1100));
      const late = await get(detail());
      expect(late.headers['x-newsroom-cache']).toBe('miss');
      expect(late.body.data.title).toBe(`突发新闻(再更新) ${run}`);
    } finally {
      strapi.config.set('plugin::newsroom.readCache.softStaleSeconds', window);
    }
  });

  it('hard: from the moment a rights change answers, no reader gets the old answer — not even concurrent ones', async () => {
    const list = `/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=100&hard=${run}`;
    await Promise.all([get(detail()), get(list)]);
    expect((await get(detail())).body.data.reprintNotice).toBeTruthy();
    const changed = await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token, body: { data: { exclusive: false } } });
    expect(changed.status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => get(i % 2 ? list : detail())));
    for (const a of answers) {
      expect(a.headers['x-newsroom-cache']).not.toBe('stale');
      const row = Array.isArray(a.body.data) ? a.body.data.find((r: { documentId: string }) => r.documentId === articleId) : a.body.data;
      expect(row.reprintNotice).toBeNull();
    }
  });

  it('hard: after an unpublish answers, the story is gone from the detail and every list', async () => {
    const admin = await adminLogin();
    const list = `/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=100&unpublish=${run}`;
    await Promise.all([get(detail()), get(list)]);
    expect((await get(detail())).headers['x-newsroom-cache']).toBe('hit');
    const unpublished = await rest('post', `${cm(UID.article)}/${articleId}/actions/unpublish?locale=zh-Hans`, { token: admin, body: {} });
    expect(unpublished.status).toBe(200);
    const [d, l] = await Promise.all([get(detail()), get(list)]);
    expect(d.status).toBe(404);
    expect(l.body.data.some((r: { documentId: string }) => r.documentId === articleId)).toBe(false);
    // Publish it again for the purge tests.
    expect((await rest('post', `${cm(UID.article)}/${articleId}/actions/publish?locale=zh-Hans`, { token: admin, body: {} })).status).toBe(200);
  });

  describe('purge drivers (a local server stands in for Varnish, Fastly and Cloudflare)', () => {
    const api = purgeApi();
    const saved: Record<string, string | undefined> = {};
    const ENV = [
      'NEWSROOM_PURGE_VARNISH',
      'FASTLY_API_TOKEN',
      'FASTLY_SERVICE_ID',
      'NEWSROOM_PURGE_FASTLY_API',
      'CLOUDFLARE_API_TOKEN',
      'CLOUDFLARE_ZONE_ID',
      'NEWSROOM_PURGE_CLOUDFLARE_API',
    ];

    beforeAll(async () => {
      const base = await api.listen();
      for (const k of ENV) saved[k] = process.env[k];
      Object.assign(process.env, {
        NEWSROOM_PURGE_VARNISH: `${base}/varnish`,
        FASTLY_API_TOKEN: 'fastly-test-token',
        FASTLY_SERVICE_ID: 'svc-test',
        NEWSROOM_PURGE_FASTLY_API: `${base}/fastly`,
        CLOUDFLARE_API_TOKEN: 'cf-test-token',
        CLOUDFLARE_ZONE_ID: 'zone-test',
        NEWSROOM_PURGE_CLOUDFLARE_API: `${base}/cloudflare/client/v4`,
      });
      edgePurge().start();
      expect(edgePurge().drivers).toEqual(['varnish', 'fastly', 'cloudflare']);
    });

    afterAll(async () => {
      for (const k of ENV) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      edgePurge().stop();
      edgePurge().start();
      await api.close();
    });

    it('with a purge driver configured, the edge gets the long lifetime', async () => {
      const answer = await get(`/api/newsroom/articles/${articleId}?locale=zh-Hans&purged=${run}`);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=5, s-maxage=86400');
      expect(answer.headers['surrogate-control']).toBe('max-age=86400');
    });

    it('a hard invalidation has purged every edge by tag when the write answers', async () => {
      api.seen.length = 0;
      const changed = await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token, body: { data: { exclusive: true } } });
      expect(changed.status).toBe(200);
      const answeredAt = Date.now();
      const tag = `doc:${articleId}`;
      const varnish = api.seen.find((r) => r.url === '/varnish/');
      const fastly = api.seen.find((r) => r.url === '/fastly/service/svc-test/purge');
      const cloudflare = api.seen.find((r) => r.url === '/cloudflare/client/v4/zones/zone-test/purge_cache');
      expect(varnish).toMatchObject({ method: 'PURGE' });
      expect(String(varnish!.headers['xkey-purge']).split(' ')).toEqual(expect.arrayContaining([tag, 'list:article', 'via:article', 'graphql']));
      expect(varnish!.headers['xkey-softpurge']).toBeUndefined();
      expect(fastly).toMatchObject({ method: 'POST' });
      expect(fastly!.headers['fastly-key']).toBe('fastly-test-token');
      expect(fastly!.headers['fastly-soft-purge']).toBeUndefined();
      expect(JSON.parse(fastly!.body).surrogate_keys).toEqual(expect.arrayContaining([tag, 'list:article']));
      expect(cloudflare).toMatchObject({ method: 'POST' });
      expect(cloudflare!.headers.authorization).toBe('Bearer cf-test-token');
      expect(JSON.parse(cloudflare!.body).tags).toEqual(expect.arrayContaining([tag, 'list:article']));
      for (const r of [varnish!, fastly!, cloudflare!]) expect(r.at).toBeLessThanOrEqual(answeredAt);
      const log = edgePurge().log(10);
      expect(log.filter((e: { status: string }) => e.status === 'delivered').length).toBeGreaterThanOrEqual(3);
    });

    it('a Content Manager action (committed by its own outer transaction) has purged the edge when it answers', async () => {
      const admin = await adminLogin();
      api.seen.length = 0;
      const answered = await rest('post', `${cm(UID.article)}/${articleId}/actions/unpublish?locale=zh-Hans`, { token: admin, body: {} });
      expect(answered.status).toBe(200);
      const answeredAt = Date.now();
      const hard = api.seen.filter((r) => r.url === '/varnish/' && String(r.headers['xkey-purge'] ?? '').includes(`doc:${articleId}`));
      expect(hard.length).toBeGreaterThanOrEqual(1);
      for (const r of hard) expect(r.at).toBeLessThanOrEqual(answeredAt);
      // Published again for the tests below. A publish only adds: its purge is soft and not awaited —
      // wait for it here, so it is not counted by the next test.
      api.seen.length = 0;
      expect((await rest('post', `${cm(UID.article)}/${articleId}/actions/publish?locale=zh-Hans`, { token: admin, body: {} })).status).toBe(200);
      const deadline = Date.now() + 5000;
      while (
        api.seen.filter((r) => r.url.startsWith('/cloudflare/') || r.url.startsWith('/fastly/') || r.url === '/varnish/').length < 3 &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
    });

    it('a soft invalidation purges softly, without holding the write', async () => {
      api.seen.length = 0;
      const edited = await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token, body: { data: { standfirst: `导语 ${run}` } } });
      expect(edited.status).toBe(200);
      const deadline = Date.now() + 5000;
      while (api.seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const varnish = api.seen.find((r) => r.url === '/varnish/');
      expect(varnish!.headers['xkey-softpurge']).toContain(`doc:${articleId}`);
      expect(varnish!.headers['xkey-purge']).toBeUndefined();
      const fastly = api.seen.find((r) => r.url.startsWith('/fastly/'));
      expect(fastly!.headers['fastly-soft-purge']).toBe('1');
      // Cloudflare has no soft purge: a plain purge by tag.
      expect(api.seen.some((r) => r.url.startsWith('/cloudflare/'))).toBe(true);
    });

    it('invalidations within a burst go out as one purge per driver, with every tag, hard if any was', async () => {
      api.seen.length = 0;
      await Promise.all([
        edgePurge().purge(['doc:burst-1'], 'soft'),
        edgePurge().purge(['doc:burst-2', 'list:article'], 'soft'),
        edgePurge().purge(['doc:burst-3'], 'hard'),
      ]);
      const varnish = api.seen.filter((r) => r.url === '/varnish/');
      expect(varnish).toHaveLength(1);
      expect(String(varnish[0].headers['xkey-purge']).split(' ')).toEqual(['doc:burst-1', 'doc:burst-2', 'doc:burst-3', 'list:article']);
      expect(api.seen.filter((r) => r.url.startsWith('/fastly/'))).toHaveLength(1);
      expect(api.seen.filter((r) => r.url.startsWith('/cloudflare/'))).toHaveLength(1);
    });

    it('a failing edge never fails or blocks the write: the purge is retried and the log shows it', async () => {
      const strapi = strapiInstance();
      const edge = strapi.config.get('plugin::newsroom.edge');
      strapi.config.set('plugin::newsroom.edge', { ...edge, maxAttempts: 2, retryBaseMs: 50 });
      api.setStatus(503);
      try {
        api.seen.length = 0;
        const changed = await rest('put', `/api/newsroom/articles/${articleId}?locale=zh-Hans`, { token, body: { data: { exclusive: false } } });
        expect(changed.status).toBe(200);
        const deadline = Date.now() + 5000;
        while (
          edgePurge()
            .log(3)
            .some((e: { status: string }) => e.status !== 'failed') &&
          Date.now() < deadline
        )
          await new Promise((r) => setTimeout(r, 20));
        const recent = edgePurge().log(3);
        expect(recent.map((e: { status: string; attempts: number; lastStatusCode: number }) => [e.status, e.attempts, e.lastStatusCode])).toEqual([
          ['failed', 2, 503],
          ['failed', 2, 503],
          ['failed', 2, 503],
        ]);
        expect(edgePurge().stats.failed).toBeGreaterThanOrEqual(3);
        // Operators read it over HTTP too.
        const listed = await rest('get', '/api/newsroom/edge-purges?limit=3', { token });
        expect(listed.status).toBe(200);
        expect(listed.body.data[0]).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 503 });
        expect(JSON.stringify(listed.body)).not.toContain('fastly-test-token');
      } finally {
        api.setStatus(200);
        strapi.config.set('plugin::newsroom.edge', edge);
      }
    });
  });
});
