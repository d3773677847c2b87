/**
 * Story search over REST, GraphQL and the admin, on whichever database the run uses (SQLite FTS5
 * trigram, PostgreSQL pg_trgm + English full text): published only for the public, drafts for
 * editors, title matches first, snippets, filters, hostile input, the index kept by every write
 * path (Document Service, raw Query Engine inserts, the importer's bulk path) and its drift check.
 */
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, graphql, http, rest } from '../../helpers/http';

const RUN = Date.now().toString(36);
/** Words no other test writes: each search below finds exactly what this suite made. */
const WORD = { zh: `锦绣${RUN}`, en: `marigold${RUN}`, draft: `秘密草稿${RUN}`, body: `bodyonly${RUN}`, pending: `pendingedit${RUN}` };

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

async function create(locale: string, data: Record<string, unknown>, status?: 'draft') {
  const res = await rest('post', `/api/newsroom/articles?locale=${locale}${status ? '&status=draft' : ''}`, { token: await apiToken(), body: { data } });
  expect(res.status).toBe(201);
  return res.body.data as { documentId: string; slug: string };
}

const search = (query: string) => http().get(`/api/newsroom/search?${query}`);

describe('search: Chinese and English, published for the public, drafts for editors', () => {
  let titled: string;
  let inBody: string;
  let draftOnly: string;
  let english: string;
  let neighbourhoodId: string;

  beforeAll(async () => {
    const token = await apiToken();
    const n = await rest('post', '/api/newsroom/neighbourhoods?locale=zh-Hans', {
      token,
      body: { data: { name: `华和民祥园${RUN}`, district: `普陀区${RUN}`, households: 1644, occupiedHouseholds: 400 } },
    });
    expect(n.status).toBe(201);
    neighbourhoodId = n.body.data.documentId;
    titled = (await create('zh-Hans', { title: `${WORD.zh}社区的新议事厅`, standfirst: '居民家门口的事大家商量着办', neighbourhood: neighbourhoodId }))
      .documentId;
    inBody = (
      await create('zh-Hans', {
        title: `邻里中心开张${RUN}`,
        standfirst: '一周七天开放',
        body: paragraph(`走进小区,${WORD.zh}的居民说,这里的服务很周到。${WORD.body}`),
        firstPublishedAt: '2021-12-28T01:00:00.000Z',
      })
    ).documentId;
    draftOnly = (await create('zh-Hans', { title: `${WORD.draft}尚未发布`, standfirst: `${WORD.zh}草稿` }, 'draft')).documentId;
    english = (
      await create('en', {
        title: `Households of ${WORD.en} estate`,
        standfirst: 'A third of the households rent their flats',
        body: paragraph('The estate has 1,644 households, of which 400 are occupied.'),
      })
    ).documentId;
  });

  it('finds a Chinese word inside longer text, title matches first, with a highlighted snippet', async () => {
    const res = await search(`q=${encodeURIComponent(WORD.zh)}&locale=zh-Hans`);
    expect(res.status).toBe(200);
    const ids = res.body.data.map((h: { documentId: string }) => h.documentId);
    expect(ids).toEqual([titled, inBody]);
    expect(res.body.data[0].titleMatch).toBe(true);
    expect(res.body.data[1].titleMatch).toBe(false);
    expect(res.body.data[1].snippet).toContain(`<mark>${WORD.zh}</mark>`);
    expect(res.body.meta).toMatchObject({ total: 2, locale: 'zh-Hans', status: 'published' });
  });

  it('finds body text, two-character Chinese words and English words by their stem where the database stems', async () => {
    expect((await search(`q=${WORD.body}&locale=zh-Hans`)).body.data.map((h: { documentId: string }) => h.documentId)).toEqual([inBody]);
    // 商量 is two characters: below the trigram, matched as text among the other terms' hits.
    const two = await search(`q=${encodeURIComponent(`${WORD.zh} 商量`)}&locale=zh-Hans`);
    expect(two.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([titled]);
    const en = await search(`q=${encodeURIComponent(`${WORD.en} households`)}&locale=en`);
    expect(en.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([english]);
    expect(en.body.data[0].snippet).toMatch(/<mark>households<\/mark>/i);
  });

  it('never shows the public a draft, nor the draft text of a published story', async () => {
    expect((await search(`q=${encodeURIComponent(WORD.draft)}&locale=zh-Hans`)).body.data).toEqual([]);
    // A pending edit of a published story: its draft row has the new text, the public still the old.
    const edit = await http()
      .put(`/api/newsroom/articles/${titled}?locale=zh-Hans&status=draft`)
      .set('Authorization', `Bearer ${await apiToken()}`)
      .send({ data: { standfirst: `${WORD.pending} 尚未发布的改动` } });
    expect(edit.status).toBe(200);
    expect((await search(`q=${WORD.pending}&locale=zh-Hans`)).body.data).toEqual([]);
    // Drafts are refused on every public route, search included (the published-only policy).
    expect((await search(`q=${WORD.draft}&locale=zh-Hans&status=draft`)).status).toBe(403);
  });

  it('lets editors search drafts in the admin, and refuses the admin route without a session', async () => {
    const jwt = await adminLogin();
    const res = await http()
      .get(`/newsroom/search?q=${encodeURIComponent(WORD.draft)}&locale=zh-Hans&status=draft`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([draftOnly]);
    expect(res.body.data[0].status).toBe('draft');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pending = await http().get(`/newsroom/search?q=${WORD.pending}&locale=zh-Hans&status=draft`).set('Authorization', `Bearer ${jwt}`);
    expect(pending.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([titled]);
    expect((await http().get(`/newsroom/search?q=${WORD.draft}`)).status).toBe(401);
  });

  it('filters by locale, district, neighbourhood and date', async () => {
    expect((await search(`q=${WORD.zh}&locale=en`)).body.data).toEqual([]);
    const byDistrict = await search(`q=${encodeURIComponent(WORD.zh)}&district=${encodeURIComponent(`普陀区${RUN}`)}`);
    expect(byDistrict.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([titled]);
    const byNeighbourhood = await search(`q=${encodeURIComponent(WORD.zh)}&neighbourhood=${neighbourhoodId}`);
    expect(byNeighbourhood.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([titled]);
    const old = await search(`q=${encodeURIComponent(WORD.zh)}&to=2022-01-01`);
    expect(old.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([inBody]);
    const recent = await search(`q=${encodeURIComponent(WORD.zh)}&from=2022-01-01`);
    expect(recent.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([titled]);
  });

  it('pages with limit and page, and counts every hit', async () => {
    const first = await search(`q=${encodeURIComponent(WORD.zh)}&limit=1`);
    const second = await search(`q=${encodeURIComponent(WORD.zh)}&limit=1&page=2`);
    const third = await search(`q=${encodeURIComponent(WORD.zh)}&limit=1&page=3`);
    expect([first.body.data[0].documentId, second.body.data[0].documentId]).toEqual([titled, inBody]);
    expect(third.body.data).toEqual([]);
    expect([first.body.meta.total, third.body.meta.total]).toEqual([2, 2]);
  });

  it('answers in GraphQL with the same hits, and BAD_USER_INPUT for bad input', async () => {
    const q = `query ($q: String!) { newsroomSearch(q: $q, locale: "zh-Hans") { total hits { documentId title snippet titleMatch } } }`;
    const res = await graphql(q, { q: WORD.zh });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.newsroomSearch.hits.map((h: { documentId: string }) => h.documentId)).toEqual([titled, inBody]);
    const bad = await graphql(q, { q: 'x'.repeat(5000) });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('treats operators and metacharacters as text, and refuses what no search box sends', async () => {
    const hostile = [
      '%',
      '_',
      '%%%',
      '\\',
      '"',
      '""',
      "'",
      'a" OR "b',
      'NEAR(a b)',
      'title:x',
      '*',
      '^a',
      'a AND b OR NOT c',
      '.*',
      '(?:x)+',
      '[a-z]',
      '$1',
      '%_%',
      '\\%',
      '{"$ne":1}',
      '🏠',
      'ＡＢＣ１２３',
    ];
    for (const q of hostile) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect({ q, status: res.status }).toEqual({ q, status: res.status === 400 ? 400 : 200 });
      if (res.status === 200) expect(res.body.data.every((h: { status: string }) => h.status === 'published')).toBe(true);
    }
    // `%` and `_` are matched literally, never as LIKE wildcards: they match none of these stories.
    expect((await search('q=%25%25%25')).body.data).toEqual([]);
    for (const q of ['x'.repeat(10_000), 'a\u0000b', 'a\u0007b']) expect((await search(`q=${encodeURIComponent(q)}`)).status).toBe(400);
    for (const query of [
      '',
      'q=',
      'q=a&q=b',
      'q[$ne]=1',
      'q=ok&locale=fr',
      'q=ok&limit=0',
      'q=ok&limit=1000',
      'q=ok&page=-1',
      'q=ok&from=yesterday',
      'q=ok&neighbourhood=../x',
    ]) {
      const res = await search(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.name).toBe('ValidationError');
      expect(JSON.stringify(res.body)).not.toMatch(/select|sqlite|syntax/i);
    }
  });

  it('keeps the index current on every write path: an edit, an unpublish, a raw insert and a delete', async () => {
    const token = await apiToken();
    const renamed = `改名${RUN}后的标题`;
    const put = await http()
      .put(`/api/newsroom/articles/${inBody}?locale=zh-Hans`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: renamed } });
    expect(put.status).toBe(200);
    // The public search goes through the read cache: the edit invalidates it.
    expect((await search(`q=${encodeURIComponent(`改名${RUN}`)}`)).body.data.map((h: { documentId: string }) => h.documentId)).toEqual([inBody]);
    // A row written around the Document Service (raw Query Engine insert) is indexed by the database itself.
    const strapi = strapiInstance();
    const raw = await strapi.db.query(UID.article).create({
      data: { documentId: `raw${RUN}`.slice(0, 24), locale: 'zh-Hans', title: `直接写入${RUN}的稿件`, publishedAt: new Date(), slug: `raw-${RUN}` },
    });
    expect((await search(`q=${encodeURIComponent(`直接写入${RUN}`)}`)).body.data).toHaveLength(1);
    await strapi.db.query(UID.article).delete({ where: { id: raw.id } });
    strapi.plugin('newsroom').service('read-cache').invalidate('*');
    expect((await search(`q=${encodeURIComponent(`直接写入${RUN}`)}`)).body.data).toEqual([]);
    const drift = await strapi.plugin('newsroom').service('search').drift();
    expect(drift).toEqual({ missing: 0, stale: 0, detail: [] });
  });

  it('reports drift and rebuilds the index', async () => {
    const strapi = strapiInstance();
    const service = strapi.plugin('newsroom').service('search');
    if (service.client() === 'sqlite') {
      await strapi.db.connection.raw(`DELETE FROM newsroom_search WHERE rowid IN (SELECT id FROM newsroom_articles WHERE document_id = ?)`, [titled]);
    } else {
      await strapi.db.connection.raw('DROP INDEX newsroom_articles_search_trgm');
    }
    const drift = await service.drift();
    expect(drift.missing).toBeGreaterThan(0);
    expect(drift.detail.join('\n')).toMatch(/newsroom_search|newsroom_articles_search_trgm/);
    await service.rebuild();
    expect(await service.drift()).toEqual({ missing: 0, stale: 0, detail: [] });
    strapi.plugin('newsroom').service('read-cache').invalidate('*');
    expect((await search(`q=${encodeURIComponent(WORD.zh)}`)).body.data.map((h: { documentId: string }) => h.documentId)[0]).toBe(titled);
  });
});
