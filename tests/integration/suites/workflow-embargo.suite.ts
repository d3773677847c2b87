import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, graphql, rest, rowsOf } from '../../helpers/http';

let n = 0;
const title = (label: string) => `禁发测试 ${label} ${++n}`;
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function draft(data: Record<string, unknown>, locale = 'zh-Hans') {
  const res = await rest('post', `/api/newsroom/articles?locale=${locale}&status=draft`, { token: await apiToken(), body: { data } });
  expect(res.status).toBe(201);
  return res.body.data;
}

const publishedRows = async (documentId: string) => (await rowsOf(UID.article, documentId)).filter((r: any) => r.publishedAt);

/** The error names embargoUntil as a field, the way Strapi's ValidationError does. */
function expectEmbargoError(body: any) {
  expect(body.error.status).toBe(400);
  expect(body.error.name).toBe('ValidationError');
  expect(body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('embargoUntil');
}

describe('workflow: embargo', () => {
  it('refuses a REST create that publishes at once before the embargo, and writes nothing', async () => {
    const before = await strapiInstance().db.query(UID.article).count();
    const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
      token: await apiToken(),
      body: { data: { title: title('rest-create'), embargoUntil: inMinutes(60) } },
    });
    expect(res.status).toBe(400);
    expectEmbargoError(res.body);
    expect(await strapiInstance().db.query(UID.article).count()).toBe(before);
  });

  it('keeps an embargoed draft, and refuses publishing it through REST, GraphQL, the Content Manager (single and bulk) and the Document Service', async () => {
    const doc = await draft({ title: title('paths'), embargoUntil: inMinutes(60), exclusive: true });
    expect(new Date(doc.embargoUntil).getTime()).toBeGreaterThan(Date.now());
    const token = await apiToken();
    const id = doc.documentId;

    // REST: PUT publishes unless ?status=draft.
    const put = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { standfirst: '提前发布' } } });
    expect(put.status).toBe(400);
    expectEmbargoError(put.body);
    // A new locale created and published at once: refused too.
    const en = await rest('put', `/api/newsroom/articles/${id}?locale=en`, { token, body: { data: { title: 'Embargoed in English' } } });
    expect(en.status).toBe(400);
    expectEmbargoError(en.body);

    const gql = await graphql(
      `
        mutation ($id: ID!) {
          updateNewsroomArticle(documentId: $id, locale: "zh-Hans", status: PUBLISHED, data: { standfirst: "GraphQL" }) {
            documentId
          }
        }
      `,
      { id },
      token,
    );
    expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(gql.body.errors[0])).toContain('embargoUntil');

    const admin = await adminLogin();
    const single = await rest('post', `${cm(UID.article)}/${id}/actions/publish?locale=zh-Hans`, { token: admin, body: {} });
    expect(single.status).toBe(400);
    expectEmbargoError(single.body);
    const other = await draft({ title: title('bulk-free') });
    const bulk = await rest('post', `${cm(UID.article)}/actions/bulkPublish?locale=zh-Hans`, { token: admin, body: { documentIds: [other.documentId, id] } });
    expect(bulk.status).toBe(400);
    expectEmbargoError(bulk.body);
    // The bulk action is one transaction: the free story in it was not published either.
    expect(await publishedRows(other.documentId)).toHaveLength(0);

    const docs = strapiInstance().documents(UID.article);
    await expect(docs.publish({ documentId: id, locale: 'zh-Hans' })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['embargoUntil'] })] },
    });
    await expect(docs.publish({ documentId: id, locale: '*' })).rejects.toMatchObject({ name: 'ValidationError' });

    expect(await publishedRows(id)).toHaveLength(0);
  });

  it('keeps an embargoed story out of every public answer', async () => {
    const doc = await draft({ title: title('public'), embargoUntil: inMinutes(60) });
    const id = doc.documentId;
    const list = await rest('get', `/api/newsroom/articles?locale=zh-Hans&filters[documentId][$eq]=${id}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    expect((await rest('get', `/api/newsroom/articles/${id}?locale=zh-Hans`)).status).toBe(404);
    expect((await rest('get', `/api/newsroom/articles/by-slug/${doc.slug}?locale=zh-Hans`)).status).toBe(404);
    expect((await rest('get', `/api/newsroom/articles/${id}/jsonld?locale=zh-Hans`)).status).toBe(404);
    // Drafts are refused to anonymous readers (hostile spellings of status are issue 11's read-path work).
    const asDraft = await rest('get', `/api/newsroom/articles/${id}?locale=zh-Hans&status=draft`);
    expect(asDraft.status).toBe(403);
    expect(JSON.stringify(asDraft.body)).not.toContain(doc.title);
    for (const path of [
      '/api/newsroom/feeds/zh-Hans.rss',
      '/api/newsroom/feeds/zh-Hans.json',
      '/api/newsroom/sitemaps/zh-Hans-1.xml',
      '/api/newsroom/news-sitemap.xml',
    ]) {
      const res = await rest('get', path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(doc.slug);
    }
    const gql = await graphql(
      `
        query ($id: ID!) {
          newsroomArticle(documentId: $id, locale: "zh-Hans") {
            title
          }
        }
      `,
      { id },
    );
    expect(gql.body.data.newsroomArticle).toBeNull();
  });

  it('refuses a future embargo on a story already published; a past one or lifting it is allowed', async () => {
    const token = await apiToken();
    const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: title('published') } } });
    expect(res.status).toBe(201);
    const id = res.body.data.documentId;
    const late = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans&status=draft`, { token, body: { data: { embargoUntil: inMinutes(30) } } });
    expect(late.status).toBe(400);
    expectEmbargoError(late.body);
    expect((await rowsOf(UID.article, id)).every((r: any) => r.embargoUntil === null)).toBe(true);
    const past = await rest('put', `/api/newsroom/articles/${id}?locale=zh-Hans`, { token, body: { data: { embargoUntil: inMinutes(-30) } } });
    expect(past.status).toBe(200);

    const held = await draft({ title: title('lifted'), embargoUntil: inMinutes(30) });
    const lifted = await rest('put', `/api/newsroom/articles/${held.documentId}?locale=zh-Hans`, { token, body: { data: { embargoUntil: null } } });
    expect(lifted.status).toBe(200);
    expect(await publishedRows(held.documentId)).toHaveLength(1);
  });

  it.each([['not a date'], ['2026-13-45T99:00:00Z'], [12.5e300], [{ $gt: 1 }], [['2030-01-01']]])(
    'refuses a malformed embargoUntil %p with a 400',
    async (value) => {
      const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
        token: await apiToken(),
        body: { data: { title: title('malformed'), embargoUntil: value } },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('embargoUntil');
    },
  );

  it('auto-publishes every ready locale within 10 s of the embargo, once, and leaves autoPublish off after', async () => {
    const token = await apiToken();
    const until = new Date(Date.now() + 3000).toISOString();
    const doc = await draft({ title: title('auto'), embargoUntil: until, autoPublish: true, exclusive: true });
    const en = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en&status=draft`, {
      token,
      body: { data: { title: 'Auto-published in English' } },
    });
    expect(en.status).toBe(200);
    const manual = await draft({ title: title('not-auto'), embargoUntil: until, autoPublish: false });

    const deadline = Date.now() + 15_000;
    let published: any[] = [];
    while (Date.now() < deadline) {
      published = await publishedRows(doc.documentId);
      if (published.length === 2) break;
      await sleep(250);
    }
    expect(published.map((r) => r.locale).sort()).toEqual(['en', 'zh-Hans']);
    for (const row of published) {
      const lag = new Date(row.publishedAt).getTime() - new Date(until).getTime();
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(10_000);
      expect(row.autoPublish).toBe(false);
    }
    // Public now; the story without autoPublish waits for an editor.
    expect((await rest('get', `/api/newsroom/articles/${doc.documentId}?locale=en`)).status).toBe(200);
    expect(await publishedRows(manual.documentId)).toHaveLength(0);
    // Another pass finds nothing left to do.
    const again = await strapiInstance().plugin('newsroom').service('scheduler').runOnce();
    expect(again.map((r: any) => r.documentId)).not.toContain(doc.documentId);
    const ids = (await publishedRows(doc.documentId)).map((r: any) => r.id).sort();
    expect(ids).toEqual(published.map((r) => r.id).sort());
  }, 60_000);

  it('leaves a stale translation unpublished at the embargo', async () => {
    const token = await apiToken();
    const until = new Date(Date.now() + 1500).toISOString();
    const doc = await draft({ title: title('stale'), embargoUntil: until, autoPublish: true });
    await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en&status=draft`, { token, body: { data: { title: 'Soon stale' } } });
    // The source text changes after the translation: en becomes stale.
    await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans&status=draft`, { token, body: { data: { title: `${doc.title} 改` } } });
    const rows = await rowsOf(UID.article, doc.documentId);
    expect(rows.find((r: any) => r.locale === 'en')?.translationStatus).toBe('stale');
    const deadline = Date.now() + 12_000;
    while (Date.now() < deadline && (await publishedRows(doc.documentId)).length === 0) await sleep(250);
    expect((await publishedRows(doc.documentId)).map((r: any) => r.locale)).toEqual(['zh-Hans']);
  }, 60_000);
});
