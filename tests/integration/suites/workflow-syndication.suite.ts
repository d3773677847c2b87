import http from 'http';
import net from 'net';
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, rest } from '../../helpers/http';
import { verifySignature } from '../../../src/plugins/newsroom/server/src/syndication/signature';

const SECRET_ALL = 'partner-all-secret-0123456789abcdef';
const SECRET_EN = 'partner-en-exclusives-secret-0123456789';
const SECRET_FLAKY = 'partner-flaky-secret-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const title = (label: string) => `分发测试 ${label} ${++n}`;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  at: number;
}

/** A real partner endpoint on 127.0.0.1: records every POST; /flaky fails each delivery's first two attempts. */
function receiver() {
  const received: Received[] = [];
  const attemptsByDelivery = new Map<string, number>();
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() });
      if (req.url === '/hang') return void hanging.push(res);
      if (req.url === '/flaky') {
        const id = String(req.headers['x-newsroom-delivery']);
        const seen = (attemptsByDelivery.get(id) ?? 0) + 1;
        attemptsByDelivery.set(id, seen);
        if (seen <= 2) return void res.writeHead(500).end('not yet');
      }
      res.writeHead(204).end();
    });
  });
  return { server, received, hanging };
}

const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('workflow: signed syndication to partners', () => {
  const partner = receiver();
  let base = '';
  let original: any;
  const setPartners = (partners: object[], extra: object = {}) => {
    const cfg = strapiInstance().config.get('plugin::newsroom');
    strapiInstance().config.set('plugin::newsroom', { ...cfg, syndication: { partners, maxAttempts: 3, retryBaseMs: 200, timeoutMs: 30_000, ...extra } });
  };
  const PARTNERS = () => [
    { name: 'all', url: `${base}/all`, secret: SECRET_ALL },
    { name: 'en-exclusives', url: `${base}/en`, secret: SECRET_EN, locales: ['en'], exclusivesOnly: true },
    { name: 'flaky', url: `${base}/flaky`, secret: SECRET_FLAKY, locales: ['zh-Hans'] },
  ];
  const deliveries = async (documentId: string) => {
    const res = await rest('get', `/api/newsroom/deliveries?documentId=${documentId}`, { token: await apiToken() });
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };
  const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(200);
    }
  };
  const receivedFor = (documentId: string, path?: string) => partner.received.filter((r) => r.body.documentId === documentId && (!path || r.path === path));

  beforeAll(async () => {
    await new Promise<void>((resolve) => partner.server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(partner.server.address() as net.AddressInfo).port}`;
    original = strapiInstance().config.get('plugin::newsroom').syndication;
    setPartners(PARTNERS());
  });

  afterAll(async () => {
    const cfg = strapiInstance().config.get('plugin::newsroom');
    strapiInstance().config.set('plugin::newsroom', { ...cfg, syndication: original });
    for (const res of partner.hanging) res.destroy();
    partner.server.closeAllConnections();
    await new Promise((resolve) => partner.server.close(resolve));
  });

  it('POSTs a signed ninjs document on publish that the partner verifies, and logs the delivery', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
      token,
      body: { data: { title: title('publish'), exclusive: true, standfirst: '导语' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const got = await waitFor(async () => receivedFor(id, '/all')[0]);
    const header = String(got.headers['x-newsroom-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET_ALL, got.raw, header, Math.floor(Date.now() / 1000))).toEqual({ ok: true, timestamp: Number(/t=(\d+)/.exec(header)![1]) });
    // Wrong secret, altered body, replay an hour later: all refused.
    expect(verifySignature(SECRET_EN, got.raw, header, Math.floor(Date.now() / 1000)).ok).toBe(false);
    expect(verifySignature(SECRET_ALL, got.raw.replace('导语', '导言'), header, Math.floor(Date.now() / 1000))).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(SECRET_ALL, got.raw, header, Math.floor(Date.now() / 1000) + 3600)).toEqual({ ok: false, reason: 'stale' });
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(got.body).toMatchObject({
      event: 'publish',
      documentId: id,
      locale: 'zh-Hans',
      item: { copyrightNotice: '文汇独家稿件,转载请注明出处。', language: 'zh-Hans' },
    });
    expect(got.body.item.headlines[0].value).toBe(created.body.data.title);
    // Not for the en-only partner (zh-Hans).
    expect(receivedFor(id, '/en')).toEqual([]);
    const log = await waitFor(async () => (await deliveries(id)).find((d) => d.partner === 'all' && d.status === 'delivered'));
    expect(log).toMatchObject({ event: 'publish', locale: 'zh-Hans', attempts: 1, lastStatusCode: 204, lastError: null });
    // Editors see it in the admin too.
    const viaAdmin = await rest('get', `/newsroom/deliveries?documentId=${id}`, { token: await adminLogin() });
    expect(viaAdmin.status).toBe(200);
    expect(viaAdmin.body.data.length).toBeGreaterThan(0);
    expect((await rest('get', `/api/newsroom/deliveries?documentId=${id}`)).status).toBe(403);
  });

  it('sends exclusives only to an exclusives-only partner, in its locales only', async () => {
    const token = await apiToken();
    const plain = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('plain') } } });
    await rest('put', `/api/newsroom/articles/${plain.body.data.documentId}?locale=en`, { token, body: { data: { title: 'Plain story' } } });
    const excl = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('exclusive'), exclusive: true } } });
    await rest('put', `/api/newsroom/articles/${excl.body.data.documentId}?locale=en`, { token, body: { data: { title: 'Exclusive story' } } });
    const got = await waitFor(async () => receivedFor(excl.body.data.documentId, '/en')[0]);
    expect(got.body).toMatchObject({ event: 'publish', locale: 'en', item: { copyrightNotice: 'Wenhui exclusive. Credit the source when republishing.' } });
    expect(verifySignature(SECRET_EN, got.raw, String(got.headers['x-newsroom-signature']), Math.floor(Date.now() / 1000)).ok).toBe(true);
    await waitFor(async () => receivedFor(plain.body.data.documentId, '/all').length === 2);
    expect(receivedFor(plain.body.data.documentId, '/en')).toEqual([]);
  });

  it('sends the correction and the unpublication as their own events', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('events') } } });
    const id = created.body.data.documentId;
    await waitFor(async () => receivedFor(id, '/all').length === 1);
    expect(
      (await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { corrections: [{ text: '更正:人数有误。' }] } } })).status,
    ).toBe(200);
    const correction = await waitFor(async () => receivedFor(id, '/all').find((r) => r.body.event === 'correct'));
    expect(correction.body.item.descriptions.some((d: any) => d.role === 'correction' && d.value.includes('人数有误'))).toBe(true);
    expect((await rest('post', `${cm(UID.article)}/${id}/actions/unpublish?locale=zh-Hans`, { token: await adminLogin(), body: {} })).status).toBe(200);
    const gone = await waitFor(async () => receivedFor(id, '/all').find((r) => r.body.event === 'unpublish'));
    expect(gone.body.item).toBeNull();
    expect(verifySignature(SECRET_ALL, gone.raw, String(gone.headers['x-newsroom-signature']), Math.floor(Date.now() / 1000)).ok).toBe(true);
  });

  it('retries a failing partner with backoff until it accepts, each attempt signed', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('flaky') } } });
    const id = created.body.data.documentId;
    const log = await waitFor(async () => (await deliveries(id)).find((d) => d.partner === 'flaky' && d.status === 'delivered'), 20_000);
    expect(log.attempts).toBe(3);
    const attempts = receivedFor(id, '/flaky');
    expect(attempts).toHaveLength(3);
    for (const a of attempts)
      expect(verifySignature(SECRET_FLAKY, a.raw, String(a.headers['x-newsroom-signature']), Math.floor(Date.now() / 1000)).ok).toBe(true);
    // The same body every time (the partner can de-duplicate on X-Newsroom-Delivery).
    expect(new Set(attempts.map((a) => a.raw)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['x-newsroom-delivery'])).size).toBe(1);
    // Never before the backoff allowed it (200 ms, then 400 ms; the schedule itself is unit-tested).
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(200);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(400);
  }, 40_000);

  it('never delays the save for an unreachable or silent partner; the unreachable one is retried and logged as failed', async () => {
    const port = await closedPort();
    setPartners([
      { name: 'unreachable', url: `http://127.0.0.1:${port}/hook`, secret: 'unreachable-secret-0123456789' },
      { name: 'silent', url: `${base}/hang`, secret: 'silent-partner-secret-0123456789' },
    ]);
    try {
      const token = await apiToken();
      // The silent partner never answers (the request timeout is 30 s): a save that waited would time this test out.
      const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('unreachable') } } });
      expect(created.status).toBe(201);
      const id = created.body.data.documentId;
      const again = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { standfirst: '再次保存' } } });
      expect(again.status).toBe(200);
      const failed = await waitFor(async () => (await deliveries(id)).find((d) => d.partner === 'unreachable' && d.status === 'failed'), 20_000);
      expect(failed.attempts).toBe(3);
      expect(failed.lastError).toMatch(/ECONNREFUSED/);
      // The silent partner got the request and is still holding it.
      expect(receivedFor(id, '/hang').length).toBeGreaterThan(0);
      expect((await deliveries(id)).find((d) => d.partner === 'silent')?.status).toBe('pending');
    } finally {
      setPartners(PARTNERS());
    }
  }, 40_000);
});
