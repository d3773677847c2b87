import { UID, adminLogin, apiToken, cm, rest, rowsOf } from '../../helpers/http';

/**
 * Cloning an article in the Content Manager sends back what the edit view holds: every field of
 * the source as the admin reads it (booleans the document never set included). Editors clone in
 * any locale; translators in their own.
 */
describe('clone: the Content Manager duplicates an article', () => {
  const a = UID.article;
  let documentId: string;

  beforeAll(async () => {
    const token = await apiToken();
    const zh = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
      token,
      body: { data: { title: '克隆回归测试', exclusive: true, embargoUntil: null } },
    });
    if (zh.status !== 201) throw new Error(`source: ${zh.status} ${JSON.stringify(zh.body)}`);
    documentId = zh.body.data.documentId;
    const en = await rest('put', `/api/newsroom/articles/${documentId}?locale=en&status=draft`, { token, body: { data: { title: 'Clone regression' } } });
    if (en.status !== 200) throw new Error(`en: ${en.status} ${JSON.stringify(en.body)}`);
  });

  /** What the edit view posts on "Save" of a duplicate: the source's fields, minus identity and system fields. */
  async function editViewBody(token: string, locale: string, title: string) {
    const res = await rest('get', `${cm(a)}/${documentId}?locale=${locale}`, { token });
    expect(res.status).toBe(200);
    const {
      id: _id,
      documentId: _doc,
      createdAt: _c,
      updatedAt: _u,
      publishedAt: _p,
      createdBy: _cb,
      updatedBy: _ub,
      localizations: _l,
      ...fields
    } = res.body.data;
    for (const [k, v] of Object.entries(fields)) if (v && typeof v === 'object' && 'count' in (v as object)) delete fields[k]; // relation counts
    return { ...fields, title };
  }

  it.each([
    ['an editor, zh-Hans', 'newsroom-editor', 'zh-Hans'],
    ['an editor, en', 'newsroom-editor', 'en'],
    ['a translator, in their locale (en)', 'newsroom-translator-en', 'en'],
  ])('%s: the clone is created with the source fields', async (_who, role, locale) => {
    const token = await adminLogin(role);
    const title = `Clone ${role} ${locale} ${Date.now()}`;
    const body = await editViewBody(token, locale, title);
    const res = await rest('post', `${cm(a)}/clone/${documentId}?locale=${locale}`, { token, body });
    expect({ status: res.status, error: res.body?.error }).toEqual({ status: 200, error: undefined });
    const rows = await rowsOf(a, res.body.data.documentId);
    const own = rows.find((r: any) => r.locale === locale && !r.publishedAt);
    expect(own).toMatchObject({ title, autoPublish: false });
  });

  it('a boolean the edit view sends as null is stored as false; any other non-boolean is still a 400', async () => {
    const token = await adminLogin('newsroom-editor');
    const ok = await rest('post', `${cm(a)}/clone/${documentId}?locale=zh-Hans`, { token, body: { title: `克隆 null ${Date.now()}`, autoPublish: null } });
    expect(ok.status).toBe(200);
    expect((await rowsOf(a, ok.body.data.documentId)).every((r: any) => r.autoPublish === false)).toBe(true);
    const bad = await rest('post', `${cm(a)}/clone/${documentId}?locale=zh-Hans`, { token, body: { title: `克隆 bad ${Date.now()}`, autoPublish: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['autoPublish']);
  });
});
