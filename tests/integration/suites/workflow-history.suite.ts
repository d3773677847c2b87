import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, endUserJwt, graphql, http, rest } from '../../helpers/http';

let n = 0;
const title = (label: string) => `历史测试 ${label} ${++n}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HISTORY = 'plugin::newsroom.history-entry';

async function history(documentId: string, query = '') {
  const res = await rest('get', `/api/newsroom/articles/${documentId}/history${query}`, { token: await apiToken() });
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

describe('workflow: rights history', () => {
  it('shows the admin user who flipped exclusive, and the API token that published', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', { token, body: { data: { title: title('flip') } } });
    const id = created.body.data.documentId;
    const admin = await adminLogin();
    const flipped = await rest('put', `${cm(UID.article)}/${id}?locale=zh-Hans`, { token: admin, body: { exclusive: true } });
    expect(flipped.status).toBe(200);
    expect((await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: {} } })).status).toBe(200);

    const entries = await history(id);
    const flip = entries.find((e) => e.change === 'exclusive');
    expect(flip).toMatchObject({
      locale: null,
      before: false,
      after: true,
      actor: { type: 'admin', name: expect.stringContaining('strapi-super-admin@test.local') },
    });
    expect(Date.parse(flip.at)).not.toBeNaN();
    const publish = entries.find((e) => e.change === 'publish');
    expect(publish).toMatchObject({ locale: 'zh-Hans', before: null, actor: { type: 'api-token', name: expect.stringMatching(/^API token "tests-/) } });
    // Oldest first.
    expect(entries.indexOf(flip)).toBeLessThan(entries.indexOf(publish));
  });

  it('records origin, embargo, slug, corrections, publish and unpublish with before and after, per locale', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', { token, body: { data: { title: title('all') } } });
    const id = created.body.data.documentId;
    const oldSlug = created.body.data.slug;
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const put = (locale: string, data: object, status = 'draft') =>
      rest('put', `/api/newsroom/articles/${id}?locale=${locale}&status=${status}`, { token, body: { data } });
    expect((await put('zh-Hans', { origin: { outlet: '中新网' } })).status).toBe(200);
    expect((await put('zh-Hans', { embargoUntil: until })).status).toBe(200);
    expect((await put('zh-Hans', { embargoUntil: null })).status).toBe(200);
    expect((await put('zh-Hans', { slug: 'history-renamed-story' })).status).toBe(200);
    expect((await put('zh-Hans', { corrections: [{ text: '更正一处笔误。' }] }, 'published')).status).toBe(200);
    expect((await put('en', { title: 'History test' }, 'published')).status).toBe(200);
    const admin = await adminLogin();
    expect((await rest('post', `${cm(UID.article)}/${id}/actions/unpublish?locale=en`, { token: admin, body: {} })).status).toBe(200);

    const entries = await history(id);
    const pick = (change: string) => entries.filter((e) => e.change === change).map(({ change: _c, at: _a, actor: _w, ...rest }) => rest);
    expect(pick('origin')).toEqual([{ locale: null, before: null, after: { outlet: '中新网', url: null, originalDateline: null, originalDate: null } }]);
    expect(pick('embargoUntil')).toEqual([
      { locale: null, before: null, after: new Date(until).toISOString() },
      { locale: null, before: new Date(until).toISOString(), after: null },
    ]);
    expect(pick('slug')).toEqual([{ locale: 'zh-Hans', before: oldSlug, after: 'history-renamed-story' }]);
    expect(pick('correction')).toEqual([{ locale: 'zh-Hans', before: null, after: { date: expect.any(String), kind: 'correction', text: '更正一处笔误。' } }]);
    expect(pick('publish').map((e) => e.locale)).toEqual(['zh-Hans', 'en']);
    expect(pick('unpublish')).toEqual([{ locale: 'en', before: expect.any(String), after: null }]);
    // ?locale narrows to that locale plus the document-wide changes.
    const en = await history(id, '?locale=en');
    expect(en.every((e) => e.locale === 'en' || e.locale === null)).toBe(true);
    expect(en.some((e) => e.change === 'unpublish')).toBe(true);
  });

  it('names the embargo scheduler as the one who published at the time', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
      token,
      body: { data: { title: title('scheduler'), embargoUntil: new Date(Date.now() + 1500).toISOString(), autoPublish: true } },
    });
    const id = created.body.data.documentId;
    const deadline = Date.now() + 15_000;
    let entries: any[] = [];
    while (Date.now() < deadline) {
      entries = await history(id);
      if (entries.some((e) => e.change === 'publish')) break;
      await sleep(300);
    }
    expect(entries.filter((e) => e.change === 'publish')).toEqual([
      expect.objectContaining({ locale: 'zh-Hans', actor: { type: 'system', id: null, name: 'embargo scheduler' } }),
    ]);
    // Set by the editor when the story was created; the scheduler consumed it in its claim.
    expect(entries.find((e) => e.change === 'autoPublish')).toMatchObject({ before: null, after: true, actor: { type: 'api-token' } });
  }, 60_000);

  it('records nothing for a refused write', async () => {
    const token = await apiToken();
    const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
      token,
      body: { data: { title: title('refused'), embargoUntil: new Date(Date.now() + 3_600_000).toISOString() } },
    });
    const id = created.body.data.documentId;
    const before = await history(id);
    expect((await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { exclusive: true } } })).status).toBe(400);
    expect(await history(id)).toEqual(before);
  });

  it('is readable by API tokens and editors only', async () => {
    const token = await apiToken();
    const id = (await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('access'), exclusive: true } } })).body.data
      .documentId;
    expect((await rest('get', `/api/newsroom/articles/${id}/history`)).status).toBe(403);
    expect((await rest('get', `/api/newsroom/articles/${id}/history`, { token: await endUserJwt() })).status).toBe(403);
    const admin = await adminLogin();
    const viaAdmin = await rest('get', `/newsroom/history/${id}`, { token: admin });
    expect(viaAdmin.status).toBe(200);
    expect(viaAdmin.body.data.map((e: any) => e.change)).toEqual(['exclusive', 'publish']);
    expect((await rest('get', `/newsroom/history/${id}`)).status).toBe(401);
    expect((await rest('get', '/api/newsroom/articles/nosuchdocument000000000/history', { token })).status).toBe(404);
    for (const hostile of ['..%2F..%2Fetc', 'x'.repeat(300), '%00', "a'or'1'='1"]) {
      const res = await rest('get', `/api/newsroom/articles/${hostile}/history`, { token });
      expect([400, 404]).toContain(res.status);
    }
    expect((await rest('get', `/api/newsroom/articles/${id}/history?locale=xx`, { token })).status).toBe(400);
  });

  it('is refused to an admin whose role may not read articles, on every newsroom admin route that shows them', async () => {
    const token = await apiToken();
    const id = (await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('no-read'), exclusive: true } } })).body.data
      .documentId;
    // A role that reads neighbourhoods only: a real admin, just not one who may see articles.
    const code = 'newsroom-test-neighbourhoods-only';
    const strapi = strapiInstance();
    if (!(await strapi.db.query('admin::role').findOne({ where: { code } }))) {
      const role = await strapi.db.query('admin::role').create({ data: { name: 'Neighbourhoods only', code, description: 'test' } });
      await strapi.admin.services.permission.createMany([
        {
          action: 'plugin::content-manager.explorer.read',
          subject: UID.neighbourhood,
          properties: { locales: ['zh-Hans', 'en'] },
          conditions: [],
          role: role.id,
        },
      ]);
    }
    const limited = await adminLogin(code);
    expect((await rest('get', `/content-manager/collection-types/${UID.article}?locale=zh-Hans`, { token: limited })).status).toBe(403);
    for (const path of [
      `/newsroom/history/${id}`,
      '/newsroom/deliveries',
      `/newsroom/deliveries?documentId=${id}`,
      `/newsroom/search?q=${encodeURIComponent('历史测试')}`,
      `/newsroom/xliff/article/${id}?locale=en`,
      `/newsroom/translations/article/${id}`,
    ]) {
      const res = await rest('get', path, { token: limited });
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect((await rest('get', `/newsroom/xliff/neighbourhood/nosuchdocument000000000?locale=en`, { token: limited })).status).not.toBe(403);
    // Roles that may read articles still may: the translator reads everything, the editor too.
    for (const role of ['newsroom-translator-en', 'newsroom-editor']) {
      const jwt = await adminLogin(role);
      expect((await rest('get', `/newsroom/history/${id}`, { token: jwt })).status).toBe(200);
      expect((await rest('get', '/newsroom/deliveries', { token: jwt })).status).toBe(200);
    }
  });

  it('cannot be written or deleted through any API', async () => {
    const token = await apiToken();
    const id = (await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('immutable') } } })).body.data.documentId;
    const count = () => strapiInstance().db.query(HISTORY).count();
    const before = await count();
    for (const [method, path] of [
      ['post', '/api/newsroom/history-entries'],
      ['put', '/api/newsroom/history-entries/1'],
      ['delete', '/api/newsroom/history-entries/1'],
      ['post', `/api/newsroom/articles/${id}/history`],
      ['delete', `/api/newsroom/articles/${id}/history`],
    ] as const) {
      const res = await http()
        [method](path)
        .set({ Authorization: `Bearer ${token}` })
        .send({ data: { change: 'exclusive', articleDocumentId: id } });
      expect([404, 405]).toContain(res.status);
    }
    const admin = await adminLogin();
    const viaCm = await rest('post', `${cm(HISTORY)}`, { token: admin, body: { change: 'publish', articleDocumentId: id, at: new Date().toISOString() } });
    expect(viaCm.status).toBeGreaterThanOrEqual(400);
    const mutation = await graphql(
      `
        mutation {
          createNewsroomHistoryEntry(data: { change: "publish" }) {
            documentId
          }
        }
      `,
      {},
      token,
    );
    expect(mutation.body.errors?.length).toBeGreaterThan(0);
    const query = await graphql(
      `
        {
          newsroomHistoryEntries {
            change
          }
        }
      `,
      {},
      token,
    );
    expect(query.body.errors?.length).toBeGreaterThan(0);
    const docs = strapiInstance().documents(HISTORY);
    await expect(docs.create({ data: { change: 'publish', articleDocumentId: id, at: new Date() } })).rejects.toThrow(/append-only/);
    const one = await strapiInstance()
      .db.query(HISTORY)
      .findOne({ where: { articleDocumentId: id } });
    await expect(docs.delete({ documentId: one.documentId })).rejects.toThrow(/append-only/);
    await expect(docs.update({ documentId: one.documentId, data: { change: 'unpublish' } })).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });
});
