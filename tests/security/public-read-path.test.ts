/**
 * The public read path against a hostile anonymous client: no draft ever leaks (REST, GraphQL,
 * syndication), the shared cache cannot be poisoned, malformed input is a 400 (never a 5xx),
 * GraphQL cost is bounded, JSON-LD is safe to inline. Ends with a generated run of ≥ 2,000 mixed
 * requests, each checked for draft text, server errors and its effect on the next plain client.
 */
import fs from 'fs';
import nodeHttp from 'http';
import path from 'path';
import zlib from 'zlib';
import { strapiInstance } from '../helpers/strapi';
import { apiToken, asText, createVia, graphql, http, rest, useStrapi } from '../helpers/http';

/** Every draft-only text contains this; no anonymous answer may. */
const SECRET = 'DRAFTSECRET';

interface Fixture {
  published: { id: string; slug: string };
  draftOnly: { id: string; slug: string };
  editedDraft: { id: string; slug: string };
  neighbourhoodId: string;
}
let fx: Fixture;

const setCache = (enabled: boolean) => strapiInstance().config.set('plugin::newsroom.readCache.enabled', enabled);

useStrapi();

beforeAll(async () => {
  const token = await apiToken();
  const hood = await createVia('/api/newsroom/neighbourhoods?locale=zh-Hans', {
    name: '安全测试小区',
    district: '普陀区',
    households: 100,
    occupiedHouseholds: 40,
  });
  const news = await createVia('/api/newsroom/news-items?locale=zh-Hans', { headline: '安全测试相关新闻', outlet: '中新网' });
  const draftNews = await createVia('/api/newsroom/news-items?locale=zh-Hans&status=draft', { headline: `${SECRET} 未发布的相关新闻`, outlet: '中新网' });
  // Published in zh-Hans, with an en version that exists only as a draft.
  const published = await createVia('/api/newsroom/articles?locale=zh-Hans', {
    title: '公开的安全测试文章',
    exclusive: true,
    neighbourhood: hood.documentId,
    relatedNews: [news.documentId, draftNews.documentId],
  });
  const en = await rest('put', `/api/newsroom/articles/${published.documentId}?locale=en&status=draft`, {
    token,
    body: { data: { title: `${SECRET} English draft` } },
  });
  if (en.status !== 200) throw new Error(`en draft: ${en.status} ${JSON.stringify(en.body)}`);
  // Never published: an embargoed story.
  const draftOnly = await createVia('/api/newsroom/articles?locale=zh-Hans&status=draft', {
    title: `${SECRET} 禁发独家`,
    exclusive: true,
    neighbourhood: hood.documentId,
    relatedNews: [news.documentId],
  });
  // Published, then edited without publishing: the draft holds text not yet public.
  const edited = await createVia('/api/newsroom/articles?locale=zh-Hans', { title: '已发布但草稿有改动', relatedNews: [news.documentId] });
  const editRes = await rest('put', `/api/newsroom/articles/${edited.documentId}?locale=zh-Hans&status=draft`, {
    token,
    body: { data: { standfirst: `${SECRET} 未发布的改动` } },
  });
  if (editRes.status !== 200) throw new Error(`draft edit: ${editRes.status}`);
  fx = {
    published: { id: published.documentId, slug: published.slug },
    draftOnly: { id: draftOnly.documentId, slug: draftOnly.slug },
    editedDraft: { id: edited.documentId, slug: edited.slug },
    neighbourhoodId: hood.documentId,
  };
}, 240_000);

const STATUS_SPELLINGS = [
  'status=DRAFT',
  'status=Draft',
  'status=drafts',
  'status',
  'status=',
  'status[0]=draft',
  'status[]=draft',
  'status[a]=draft',
  '%73tatus=draft',
  'status=draft',
  'status=dRaFt',
  'status=published&status=draft',
  'status=%20draft',
  'status=null',
];

describe('drafts never reach an anonymous client', () => {
  const paths = () => [
    '/api/newsroom/articles?locale=zh-Hans',
    '/api/newsroom/articles?locale=en',
    `/api/newsroom/articles/${fx.draftOnly.id}?locale=zh-Hans`,
    `/api/newsroom/articles/${fx.editedDraft.id}?locale=zh-Hans`,
    `/api/newsroom/articles/${fx.published.id}?locale=en`,
    `/api/newsroom/articles/by-slug/${fx.draftOnly.slug}?locale=zh-Hans`,
    `/api/newsroom/articles/${fx.draftOnly.id}/jsonld?locale=zh-Hans`,
    `/api/newsroom/articles/${fx.editedDraft.id}/ninjs?locale=zh-Hans`,
    '/api/newsroom/feeds/zh-Hans.rss',
    '/api/newsroom/feeds/en.json',
    '/api/newsroom/sitemap.xml',
    '/api/newsroom/news-items?locale=zh-Hans',
    '/api/newsroom/facts',
  ];

  it('refuses every spelling of a draft status with 403, on lists, detail, by-slug and syndication', async () => {
    for (const path of paths()) {
      for (const spelling of STATUS_SPELLINGS) {
        const url = `${path}${path.includes('?') ? '&' : '?'}${spelling}`;
        const res = await http().get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 403 });
        expect(res.text).not.toContain(SECRET);
        expect(res.headers['x-newsroom-cache']).toBeUndefined();
      }
    }
  });

  it('accepts status=published, and without status shows only published rows', async () => {
    const list = await http().get('/api/newsroom/articles?locale=zh-Hans&status=published&populate=*');
    expect(list.status).toBe(200);
    for (const path of paths()) {
      const res = await http().get(path);
      expect(res.status).toBeLessThan(500);
      expect({ path, leaked: res.text.includes(SECRET) }).toEqual({ path, leaked: false });
    }
    const populated = await http().get(`/api/newsroom/articles/${fx.published.id}?locale=zh-Hans&populate[localizations]=true&populate[relatedNews]=true`);
    expect(populated.status).toBe(200);
    expect(populated.text).not.toContain(SECRET);
    expect(populated.body.data.relatedNews.map((n: any) => n.headline)).toEqual(['安全测试相关新闻']);
  });

  it('refuses drafts over GraphQL: literal, variable, default value, fragment, connection and relation', async () => {
    const anonymous = [
      ['{ newsroomArticles(status: DRAFT, locale: "zh-Hans") { title } }', {}],
      ['query($s: PublicationStatus) { newsroomArticles(status: $s, locale: "zh-Hans") { title } }', { s: 'DRAFT' }],
      ['query($s: PublicationStatus = DRAFT) { newsroomArticles(status: $s, locale: "zh-Hans") { title } }', {}],
      ['query { ...F } fragment F on Query { newsroomArticles(status: DRAFT) { title } }', {}],
      ['{ newsroomArticles_connection(status: DRAFT) { nodes { title } } }', {}],
      [`{ newsroomArticle(documentId: "${'X'}", status: DRAFT) { title } }`, {}],
      ['query($s: PublicationStatus) { newsroomArticles(status: $s) { title } }', { s: null }],
    ] as const;
    for (const [query, variables] of anonymous) {
      const res = await graphql(query, variables as Record<string, unknown>);
      expect({ query, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ query, code: 'FORBIDDEN' });
      expect(res.text).not.toContain(SECRET);
    }
    // Published documents' relations and localizations stay published.
    const nested = await graphql(`
      {
        newsroomArticles(locale: "zh-Hans", pagination: { limit: 10 }) {
          title
          localizations {
            title
          }
          relatedNews(pagination: { limit: 5 }) {
            headline
            articles(pagination: { limit: 5 }) {
              title
              standfirst
            }
          }
          neighbourhood {
            articles(pagination: { limit: 5 }) {
              title
            }
          }
        }
      }
    `);
    expect(nested.body.errors).toBeUndefined();
    expect(nested.text).not.toContain(SECRET);
  });

  it('keeps full draft access for API tokens (REST and GraphQL)', async () => {
    const token = await apiToken();
    const res = await rest('get', `/api/newsroom/articles/${fx.draftOnly.id}?locale=zh-Hans&status=draft`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data.title).toContain(SECRET);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const gql = await graphql('{ newsroomArticles(status: DRAFT, locale: "zh-Hans", pagination: { limit: 100 }) { title } }', {}, token);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.newsroomArticles.map((a: any) => a.title)).toContain(`${SECRET} 禁发独家`);
  });
});

describe('the shared cache cannot be poisoned', () => {
  it('a Strapi-Response-Format: v4 request does not change what plain clients get', async () => {
    const url = `/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=3&poison=${Date.now()}`;
    const v4 = await http().get(url).set('Strapi-Response-Format', 'v4');
    expect(v4.status).toBe(200);
    expect(v4.body.data[0].attributes).toBeDefined();
    const plain = await http().get(url);
    expect(plain.body.data[0].attributes).toBeUndefined();
    expect(plain.body.data[0].documentId).toBeDefined();
    const v4again = await http().get(url).set('Strapi-Response-Format', 'v4');
    expect(v4again.headers['x-newsroom-cache']).toBe('hit');
    expect(v4again.body.data[0].attributes).toBeDefined();
    expect(plain.headers.vary).toMatch(/Strapi-Response-Format/);
  });

  it('keys CORS answers per Origin', async () => {
    const url = `/api/newsroom/news-items?locale=zh-Hans&cors=${Date.now()}`;
    const a = await http().get(url).set('Origin', 'https://a.example');
    const b = await http().get(url).set('Origin', 'https://b.example');
    const none = await http().get(url);
    expect(a.headers['access-control-allow-origin']).toBeDefined();
    expect(b.headers['access-control-allow-origin']).toBe(a.headers['access-control-allow-origin'] === '*' ? '*' : 'https://b.example');
    expect(none.headers['access-control-allow-origin'] ?? '').not.toBe('https://a.example');
    expect(none.headers['access-control-allow-origin'] ?? '').not.toBe('https://b.example');
  });

  it('never stores a GraphQL answer carrying errors', async () => {
    const q = `/graphql?query=${encodeURIComponent('{ newsroomArticles(locale: "xx-NOPE") { title nonexistentField } }')}`;
    await http().get(q).set('apollo-require-preflight', 'true');
    const again = await http().get(q).set('apollo-require-preflight', 'true');
    expect(again.headers['x-newsroom-cache']).not.toBe('hit');
  });
});

describe('malformed input is a 400, never a 5xx', () => {
  it.each([
    '/api/newsroom/articles?locale=en&x=%',
    '/api/newsroom/articles?locale=en&x=%E0%A4%A',
    '/api/newsroom/articles?%=1',
    '/api/newsroom/articles/by-slug/%ZZ?locale=en',
    '/api/newsroom/articles/%E0%A4%A/jsonld',
    '/api/newsroom/feeds/%?x=1',
    '/graphql?query=%',
    '/api/users-permissions/roles?x=%',
    '/admin/users/me?x=%FF',
  ])('%s', async (url) => {
    const res = await http().get(url);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/Malformed URL/);
  });

  it('answers 400 for a locale given as a list or an object', async () => {
    for (const q of ['locale[]=en', 'locale[0]=en&locale[1]=zh-Hans', 'locale[a]=en']) {
      const res = await http().get(`/api/newsroom/articles?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['locale']);
    }
  });
});

describe('GraphQL cost is bounded', () => {
  /** Four aliases per level inside fragments, relatedNews → articles → relatedNews: fields in fragments count once per spread. */
  const fanOut = () => {
    const level = (name: string, inner: string) => [0, 1, 2, 3].map((i) => `${name}${i}: ${inner}`).join(' ');
    return `
      query Fan { newsroomArticles(pagination: { limit: 100 }) { ...A } }
      fragment A on NewsroomArticle { ${level('r', 'relatedNews(pagination: { limit: 100 }) { ...N }')} }
      fragment N on NewsroomNewsItem { headline ${level('a', 'articles(pagination: { limit: 100 }) { ...B }')} }
      fragment B on NewsroomArticle { title ${level('s', 'relatedNews(pagination: { limit: 100 }) { headline outlet dateline }')} }`;
  };

  it('refuses the fan-out query before it runs, naming cost and budget', async () => {
    const started = Date.now();
    const res = await graphql(fanOut());
    const ms = Date.now() - started;
    expect(res.status).toBe(400);
    const error = res.body.errors[0];
    // Its 4×4×4 aliases through fragments expand past graphqlLimits.maxSelections, counted before the
    // cost estimate runs: either refusal names what was exceeded.
    expect(['QUERY_TOO_COSTLY', 'GRAPHQL_VALIDATION_FAILED']).toContain(error.extensions.code);
    if (error.extensions.code === 'QUERY_TOO_COSTLY') {
      expect(error.message).toMatch(/Query cost \d+ exceeds the budget of \d+ for anonymous requests/);
      expect(error.extensions.cost).toBeGreaterThan(error.extensions.budget);
    } else expect(error.message).toMatch(/exceed|too many|maximum|more than/i);
    console.info(`[security] fan-out query refused in ${ms} ms (${error.extensions.code}: ${error.message})`);
  });

  it('gives API tokens a larger budget than anonymous clients', async () => {
    const q = '{ newsroomArticles(pagination: { limit: 100 }) { title relatedNews(pagination: { limit: 30 }) { headline outlet } } }';
    const anonymous = await graphql(q);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    const token = await graphql(q, {}, await apiToken());
    expect(token.body.errors).toBeUndefined();
  });

  it("keeps the plugin README's example queries within the anonymous budget", async () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../src/plugins/newsroom/README.md'), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).filter((q) => !/^\s*mutation/.test(q));
    expect(examples.length).toBeGreaterThan(0);
    for (const query of examples) {
      const res = await graphql(query);
      expect({ query, errors: res.body.errors }).toEqual({ query, errors: undefined });
    }
  });

  it("still enforces Strapi's depth limit next to ours", async () => {
    let deep = 'documentId';
    for (let i = 0; i < 10; i += 1) deep = `articles { neighbourhood { ${deep} } }`;
    const res = await graphql(`{ newsroomNeighbourhoods(pagination: { limit: 1 }) { ${deep} } }`);
    expect(res.body.errors?.[0]?.message).toMatch(/depth/i);
  });
});

describe('JSON-LD is safe to inline', () => {
  it('escapes <, >, &, U+2028 and U+2029 and still parses to the same values', async () => {
    const token = await apiToken();
    const title = '</script><script>alert(1)</script> & \u2028\u2029';
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title } } });
    expect(created.status).toBe(201);
    const res = await http().get(`/api/newsroom/articles/${created.body.data.documentId}/jsonld?locale=zh-Hans`).buffer(true).parse(asText);
    expect(res.status).toBe(200);
    const raw = res.body as string;
    expect(raw).not.toMatch(/[<>&\u2028\u2029]/);
    expect(raw).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(raw).headline).toBe(title);
  });
});

describe('compression', () => {
  it('sends br and gzip to clients that accept them, identity otherwise, and the bytes decode to the same body', async () => {
    const url = '/api/newsroom/articles?locale=zh-Hans&populate=*&compress=1';
    const raw = (enc: string) => rawGet(url, { 'Accept-Encoding': enc });
    const identity = await http().get(url).set('Accept-Encoding', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    const text = JSON.stringify(identity.body);
    const br = await raw('br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.stringify(JSON.parse(zlib.brotliDecompressSync(br.body).toString('utf8')))).toBe(text);
    const again = await raw('gzip, deflate, br;q=0');
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(again.headers['x-newsroom-cache']).toBe('hit');
    expect(JSON.stringify(JSON.parse(zlib.gunzipSync(again.body).toString('utf8')))).toBe(text);
    expect(again.headers.vary).toMatch(/Accept-Encoding/);
  });
});

/** The bytes on the wire, undecoded (supertest would inflate them). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, any>; body: Buffer }> {
  const server = strapiInstance().server.httpServer;
  const listening = server.listening ? Promise.resolve() : new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return listening.then(
    () =>
      new Promise((resolve, reject) => {
        const { port } = server.address();
        const req = nodeHttp.get({ host: '127.0.0.1', port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
      }),
  );
}

/** A small deterministic PRNG, so a failing run can be replayed from its seed. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('generated hostile traffic', () => {
  const COUNT = Number(process.env.SECURITY_FUZZ_COUNT ?? 2000);
  const seed = Number(process.env.SECURITY_FUZZ_SEED ?? Date.now() % 1_000_000);

  it(`${COUNT} anonymous requests: no draft text, no 5xx, and the next plain client gets what an uncached server says`, async () => {
    const rnd = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const ids = [fx.published.id, fx.draftOnly.id, fx.editedDraft.id];
    const slugs = [fx.published.slug, fx.draftOnly.slug, fx.editedDraft.slug];
    const paths = [
      () => '/api/newsroom/articles',
      () => `/api/newsroom/articles/${pick(ids)}`,
      () => `/api/newsroom/articles/by-slug/${pick(slugs)}`,
      () => `/api/newsroom/articles/${pick(ids)}/${pick(['jsonld', 'ninjs'])}`,
      () => `/api/newsroom/articles/by-slug/${pick(slugs)}/${pick(['jsonld', 'ninjs'])}`,
      () => `/api/newsroom/feeds/${pick(['zh-Hans', 'en'])}.${pick(['rss', 'json'])}`,
      () => pick(['/api/newsroom/sitemap.xml', '/api/newsroom/news-sitemap.xml']),
      () => `/api/newsroom/${pick(['news-items', 'neighbourhoods'])}`,
      () => `/api/newsroom/neighbourhoods/${fx.neighbourhoodId}`,
      () => '/api/newsroom/facts',
      () => `/API/newsroom/articles/${pick(ids)}`,
      () => {
        const status = pick([
          '',
          '(status: DRAFT)',
          '(status: PUBLISHED)',
          '(status: $s)',
          '(locale: "en", status: DRAFT)',
          '(publicationFilter: NEVER_PUBLISHED_DOCUMENT)',
        ]);
        const vars = status.includes('$s') ? `&variables=${encodeURIComponent(JSON.stringify({ s: pick(['DRAFT', 'PUBLISHED', null]) }))}` : '';
        const q = `query${status.includes('$s') ? '($s: PublicationStatus)' : ''} { newsroomArticles${status} { title standfirst localizations { title } relatedNews { headline } } }`;
        return `/graphql?query=${encodeURIComponent(q)}${vars}`;
      },
    ];
    const values = ['draft', 'DRAFT', 'Draft', 'drafts', '', 'published', 'PUBLISHED', '0', 'null', 'true', '%20draft', 'dr%61ft'];
    const params = [
      () => `status=${pick(values)}`,
      () => 'status',
      () => `status[]=${pick(values)}`,
      () => `status[0]=${pick(values)}`,
      () => `${pick(['%73tatus', 'st%61tus', 'Status', 'STATUS'])}=${pick(values)}`,
      () => `populate=${pick(['*', 'localizations', 'relatedNews', 'neighbourhood', 'bylines', ''])}`,
      () => `populate[${pick(['relatedNews', 'localizations', 'neighbourhood', 'articles'])}]=${pick(['true', '*', 'false'])}`,
      () => `populate[relatedNews][populate]=${pick(['*', 'articles'])}`,
      () => `populate[relatedNews][filters][publishedAt][$null]=true`,
      () => `filters[publishedAt][$null]=${pick(['true', 'false'])}`,
      () => `filters[title][$contains]=${pick(['SECRET', 'DRAFT', '禁发'])}`,
      () => `filters[$or][0][publishedAt][$null]=true`,
      () => `filters[documentId][$eq]=${pick(ids)}`,
      () => `pagination[${pick(['page', 'pageSize', 'start', 'limit'])}]=${pick(['-1', '0', '1', '100000', 'abc', ''])}`,
      () => `locale=${pick(['zh-Hans', 'en', 'all', '*', 'ZH-HANS', '', 'xx'])}`,
      () => `locale[]=${pick(['en', 'zh-Hans'])}`,
      () => `fields[${pick(['0', '1', ''])}]=${pick(['title', 'publishedAt', 'standfirst', 'importKey'])}`,
      () => `fields=${pick(['title', 'publishedAt,title'])}`,
      () => `sort=${pick(['publishedAt:asc', 'title:desc', 'createdAt', 'nonexistent:asc'])}`,
      () => `sort[${pick(['0', '1'])}]=${pick(['title', 'id:desc'])}`,
      () => `hasPublishedVersion=${pick(['true', 'false'])}`,
      () => `x=${pick(['1', '%25', 'a%20b'])}`,
    ];
    const headerSets = [
      () => ({ 'Strapi-Response-Format': pick(['v4', 'V4', 'v5', '']) }),
      () => ({ 'strapi-encode-source-maps': pick(['true', 'false']) }),
      () => ({ Origin: pick(['https://evil.example', 'null', 'http://localhost:3000']) }),
      () => ({ 'Accept-Encoding': pick(['gzip', 'identity', 'gzip;q=0', '*']) }),
      () => ({ 'If-None-Match': pick(['*', 'W/"x"']) }),
      () => ({ 'X-Forwarded-For': '10.0.0.1' }),
      () => ({}),
    ];

    const counts: Record<number, number> = {};
    for (let i = 0; i < COUNT; i += 1) {
      const path = pick(paths)();
      const query = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(params)()).join('&');
      const url = query ? `${path}?${query}` : path;
      const headers = Object.assign(
        path.startsWith('/graphql') ? { 'apollo-require-preflight': 'true' } : {},
        ...Array.from({ length: Math.floor(rnd() * 3) }, () => pick(headerSets)()),
      );
      const res = await http().get(url).set(headers);
      counts[res.status] = (counts[res.status] ?? 0) + 1;
      const context = { seed, i, url, headers, status: res.status };
      expect({ ...context, serverError: res.status >= 500 }).toEqual({ ...context, serverError: false });
      expect({ ...context, leaked: (res.text ?? JSON.stringify(res.body ?? '')).includes(SECRET) }).toEqual({ ...context, leaked: false });

      // The next plain client of this URL gets exactly what the server says with no cache at all.
      const plain = { 'Accept-Encoding': 'identity', ...(path.startsWith('/graphql') ? { 'apollo-require-preflight': 'true' } : {}) };
      const cached = await http().get(url).set(plain);
      setCache(false);
      let truth;
      try {
        truth = await http().get(url).set(plain);
      } finally {
        setCache(true);
      }
      const same = { status: cached.status === truth.status, body: (cached.text ?? '') === (truth.text ?? '') };
      expect({ ...context, same }).toEqual({ ...context, same: { status: true, body: true } });
    }
    console.info(`[security] ${COUNT} generated requests (seed ${seed}): ${JSON.stringify(counts)}`);
  }, 900_000);
});
