/**
 * Write limits that anonymous traffic cannot spend: anonymous requests and refused credentials
 * count per address in a budget of their own; editors and API tokens count per credential. Also
 * behind a reverse proxy (IS_PROXIED → `server.proxy.koa`), through a small Node proxy that
 * appends the client's address to X-Forwarded-For as nginx does.
 */
import nodeHttp from 'http';
import type { AddressInfo } from 'net';
import { strapiInstance } from '../helpers/strapi';
import { adminLogin, apiToken, cm, http, rest, UID, useStrapi } from '../helpers/http';

useStrapi({ IS_PROXIED: 'true' });

const ALLOWANCE = 20;
let table = 0;
beforeEach(() => {
  // A fresh counter table per test (changed limits start a new one), with a small allowance.
  table += 1;
  strapiInstance().config.set('plugin::newsroom.rateLimit', { enabled: true, writesPerWindow: ALLOWANCE, windowSeconds: 60, maxClients: 1000 + table });
});

const newsItem = (i: number | string) => ({ data: { headline: `限额 ${i} ${Date.now()}`, outlet: '中新网' } });
let articleId: string;

beforeAll(async () => {
  const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', { token: await apiToken(), body: { data: { title: '限额测试文章' } } });
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  articleId = res.body.data.documentId;
});

const editorSave = async (title: string) =>
  rest('put', `${cm(UID.article)}/${articleId}?locale=zh-Hans`, { token: await adminLogin('newsroom-editor'), body: { title } });

describe('an anonymous flood cannot lock writers out', () => {
  it('anonymous and invented-token writes spend the address budget; the editor and the token from that address still write', async () => {
    const anonymous: number[] = [];
    for (let i = 0; i < ALLOWANCE + 10; i += 1)
      anonymous.push(
        (
          await http()
            .post('/api/newsroom/articles')
            .send({ data: { title: `匿名 ${i}` } })
        ).status,
      );
    expect(anonymous.slice(0, ALLOWANCE).every((s) => s === 401 || s === 403)).toBe(true);
    expect(new Set(anonymous.slice(ALLOWANCE))).toEqual(new Set([429]));
    // Refused credentials are the address's too: inventing tokens buys nothing.
    for (let i = 0; i < 3; i += 1) {
      const res = await http().post('/api/newsroom/news-items').set('Authorization', `Bearer invented-${i}-${Math.random()}`).send(newsItem(i));
      expect(res.status).toBe(429);
    }
    const save = await editorSave('限额测试文章(编辑保存)');
    expect({ status: save.status, title: save.body.data?.title }).toEqual({ status: 200, title: '限额测试文章(编辑保存)' });
    const write = await rest('post', '/api/newsroom/news-items?locale=zh-Hans', { token: await apiToken(), body: newsItem('token') });
    expect(write.status).toBe(201);
  });

  it('writers are limited per credential: one token spending its allowance leaves the next token and the editor theirs', async () => {
    const first = await apiToken();
    const statuses: number[] = [];
    for (let i = 0; i < ALLOWANCE + 2; i += 1)
      statuses.push((await rest('post', '/api/newsroom/news-items?locale=zh-Hans', { token: first, body: newsItem(i) })).status);
    expect(statuses.slice(ALLOWANCE)).toEqual([429, 429]);
    const second = await strapiInstance()
      .service('admin::api-token')
      .create({ name: `second-${Date.now()}`, type: 'full-access', lifespan: null });
    expect((await rest('post', '/api/newsroom/news-items?locale=zh-Hans', { token: second.accessKey, body: newsItem('second') })).status).toBe(201);
    expect((await editorSave('限额测试文章(另一个写者)')).status).toBe(200);
  });
});

describe('behind a reverse proxy (IS_PROXIED=true, X-Forwarded-For)', () => {
  let strapiPort = 0;
  const proxies: nodeHttp.Server[] = [];
  const ports: Record<string, number> = {};

  /** A reverse proxy that forwards to Strapi and appends `client` to X-Forwarded-For, as if it saw that client. */
  const startProxy = (client: string) =>
    new Promise<number>((resolve) => {
      const proxy = nodeHttp.createServer((req, res) => {
        const seen = req.headers['x-forwarded-for'];
        const headers = { ...req.headers, 'x-forwarded-for': seen ? `${seen}, ${client}` : client };
        const upstream = nodeHttp.request({ host: '127.0.0.1', port: strapiPort, method: req.method, path: req.url, headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.writeHead(502).end());
        req.pipe(upstream);
      });
      proxies.push(proxy);
      proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as AddressInfo).port));
    });

  beforeAll(async () => {
    const server = strapiInstance().server.httpServer as nodeHttp.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    strapiPort = (server.address() as AddressInfo).port;
    ports.a = await startProxy('203.0.113.7');
    ports.b = await startProxy('198.51.100.9');
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => new Promise((resolve) => p.close(resolve))));
  });

  const post = (via: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${ports[via]}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('counts each client behind the proxy by its own address, ignores addresses the client invents, and lets writers through', async () => {
    const flood: number[] = [];
    for (let i = 0; i < ALLOWANCE + 5; i += 1) flood.push((await post('a', '/api/newsroom/articles', { data: { title: `代理 ${i}` } })).status);
    expect(flood.slice(0, ALLOWANCE).every((s) => s === 401 || s === 403)).toBe(true);
    expect(new Set(flood.slice(ALLOWANCE))).toEqual(new Set([429]));
    // Another client behind the same proxy has its own anonymous budget.
    const other = await post('b', '/api/newsroom/articles', { data: { title: '另一个客户' } });
    expect([401, 403]).toContain(other.status);
    // The flooding client cannot claim another address: only the entry the proxy appended counts.
    const spoofed = await post('a', '/api/newsroom/articles', { data: { title: '伪造地址' } }, { 'X-Forwarded-For': '198.51.100.77' });
    expect(spoofed.status).toBe(429);
    // A token write and an editor's save through the same proxy, from the flooding client's address.
    const token = await post('a', '/api/newsroom/news-items?locale=zh-Hans', newsItem('proxy'), { Authorization: `Bearer ${await apiToken()}` });
    expect(token.status).toBe(201);
    const save = await fetch(`http://127.0.0.1:${ports.a}${cm(UID.article)}/${articleId}?locale=zh-Hans`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${await adminLogin('newsroom-editor')}` },
      body: JSON.stringify({ title: '限额测试文章(代理后保存)' }),
    });
    expect(save.status).toBe(200);
  });
});
