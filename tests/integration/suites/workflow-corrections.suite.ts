import { UID, adminLogin, apiToken, cm, graphql, rest, rowsOf } from '../../helpers/http';

let n = 0;
const title = (label: string) => `更正测试 ${label} ${++n}`;
const FIRST = { text: '原文将户数误作1466户,应为1644户。', kind: 'correction' };
const SECOND = { text: '“双独居”指独居或仅与配偶同住的老人。', kind: 'clarification' };

async function publishedWithCorrection() {
  const token = await apiToken();
  const created = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('base'), standfirst: '导语' } } });
  expect(created.status).toBe(201);
  const id = created.body.data.documentId;
  const corrected = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans&populate=corrections`, { token, body: { data: { corrections: [FIRST] } } });
  expect(corrected.status).toBe(200);
  return { id, token, stored: corrected.body.data.corrections };
}

type StoredCorrections = { locale: string; published: boolean; texts: string[] };
const storedCorrections = async (id: string): Promise<StoredCorrections[]> =>
  (await rowsOf(UID.article, id, ['corrections'])).map((r: any) => ({
    locale: r.locale,
    published: !!r.publishedAt,
    texts: r.corrections.map((c: any) => c.text),
  }));

function expectCorrectionsError(res: any) {
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors.some((e: any) => e.path[0] === 'corrections')).toBe(true);
}

describe('workflow: corrections', () => {
  it('appends a correction dated by the server and shows it in JSON-LD, ninjs and the feeds', async () => {
    const before = Date.now();
    const { id, stored } = await publishedWithCorrection();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject(FIRST);
    expect(Date.parse(stored[0].date)).toBeGreaterThanOrEqual(before - 1000);

    const ld = JSON.parse((await rest('get', `/api/newsroom/articles/${id}/jsonld?locale=zh-Hans`)).text);
    expect(ld.correction).toEqual([{ '@type': 'CorrectionComment', datePublished: expect.stringMatching(/\+08:00$/), text: FIRST.text }]);
    expect(Date.parse(ld.dateModified)).toBeGreaterThanOrEqual(Date.parse(ld.correction[0].datePublished));
    const ninjs = JSON.parse((await rest('get', `/api/newsroom/articles/${id}/ninjs?locale=zh-Hans`)).text);
    expect(ninjs.descriptions.find((d: any) => d.role === 'correction').value).toContain(FIRST.text);
    const feed = JSON.parse((await rest('get', '/api/newsroom/feeds/zh-Hans.json')).text);
    const item = feed.items.find((i: any) => i.id === `${id}:zh-Hans`);
    expect(item._newsroom.corrections).toEqual([expect.objectContaining({ text: FIRST.text, kind: 'correction' })]);
    expect(item.date_modified).toBe(ld.dateModified);
    expect((await rest('get', '/api/newsroom/feeds/zh-Hans.rss')).text).toContain(FIRST.text);
  });

  it('refuses editing or removing a correction through REST, and changes nothing', async () => {
    const { id, token, stored } = await publishedWithCorrection();
    for (const corrections of [
      [],
      [{ ...FIRST, text: '悄悄改掉' }],
      [{ ...stored[0], date: '2020-01-01T00:00:00.000Z' }],
      [{ ...FIRST, kind: 'clarification' }],
      null,
    ]) {
      const res = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { corrections, standfirst: '不应写入' } } });
      expectCorrectionsError(res);
    }
    const rows = await rowsOf(UID.article, id, ['corrections']);
    for (const r of rows) {
      expect(r.corrections.map((c: any) => c.text)).toEqual([FIRST.text]);
      expect(r.standfirst).toBe('导语');
    }
    // Sending the list back with one more item appends it; the first keeps its date.
    const ok = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans&populate=corrections`, {
      token,
      body: { data: { corrections: [...stored, SECOND] } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.corrections.map((c: any) => [c.text, c.kind])).toEqual([
      [FIRST.text, 'correction'],
      [SECOND.text, 'clarification'],
    ]);
    expect(ok.body.data.corrections[0].date).toBe(stored[0].date);
    // A write that does not mention corrections keeps them.
    expect((await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { standfirst: '新导语' } } })).status).toBe(200);
    expect((await storedCorrections(id)).every((r) => r.texts.length === 2)).toBe(true);
  });

  it('refuses editing or removing a correction through GraphQL', async () => {
    const { id, token } = await publishedWithCorrection();
    const mutation = `mutation($id: ID!, $data: NewsroomArticleInput!) { updateNewsroomArticle(documentId: $id, locale: "zh-Hans", data: $data) { documentId } }`;
    for (const corrections of [[], [{ text: '改写', kind: 'correction' }]]) {
      const res = await graphql(mutation, { id, data: { corrections } }, token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.body.errors[0])).toContain('corrections');
    }
    const appended = await graphql(mutation, { id, data: { corrections: [FIRST, SECOND] } }, token);
    expect(appended.body.errors).toBeUndefined();
    expect((await storedCorrections(id)).find((r) => r.published)?.texts).toEqual([FIRST.text, SECOND.text]);
  });

  it('refuses editing or removing a correction through the Content Manager, which appends like the others', async () => {
    const { id } = await publishedWithCorrection();
    const admin = await adminLogin();
    const current = await rest('get', `${cm(UID.article)}/${id}?locale=zh-Hans`, { token: admin });
    expect(current.status).toBe(200);
    const items = current.body.data.corrections;
    expect(items).toHaveLength(1);
    const edited = await rest('put', `${cm(UID.article)}/${id}?locale=zh-Hans`, { token: admin, body: { corrections: [{ ...items[0], text: '编辑改写' }] } });
    expectCorrectionsError(edited);
    const removed = await rest('put', `${cm(UID.article)}/${id}?locale=zh-Hans`, { token: admin, body: { corrections: [] } });
    expectCorrectionsError(removed);
    const added = await rest('put', `${cm(UID.article)}/${id}?locale=zh-Hans`, {
      token: admin,
      body: { corrections: [...items, { text: SECOND.text, kind: 'clarification' }] },
    });
    expect(added.status).toBe(200);
    expect((await storedCorrections(id)).find((r) => !r.published)?.texts).toEqual([FIRST.text, SECOND.text]);
    expect((await rest('post', `${cm(UID.article)}/${id}/actions/publish?locale=zh-Hans`, { token: admin, body: {} })).status).toBe(200);
    expect((await storedCorrections(id)).find((r) => r.published)?.texts).toEqual([FIRST.text, SECOND.text]);
  });

  it('keeps corrections per locale', async () => {
    const { id, token } = await publishedWithCorrection();
    const en = await rest('put', `/api/newsroom/articles/${id}?locale=en&populate=corrections`, {
      token,
      body: { data: { title: 'Correction test', corrections: [{ text: 'An earlier version gave 1,466 households; the figure is 1,644.' }] } },
    });
    expect(en.status).toBe(200);
    expect(en.body.data.corrections).toHaveLength(1);
    const byLocale = await storedCorrections(id);
    expect(byLocale.find((r) => r.locale === 'zh-Hans')?.texts).toEqual([FIRST.text]);
    expect(byLocale.find((r) => r.locale === 'en')?.texts[0]).toMatch(/1,644/);
  });
});
