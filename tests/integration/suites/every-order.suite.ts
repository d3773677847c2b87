/**
 * One rule for every row (issue 12): documents created in every order — en first, zh-Hans first,
 * both, one locale deleted — on every write path (REST, GraphQL, Content Manager admin API,
 * Document Service, the importer's service) carry the translationStatus the check expects, and
 * `newsroom:check` (the rules service's audit) then finds 0 violations.
 */
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, graphql, rest, rowsOf } from '../../helpers/http';

type Path = 'rest' | 'graphql' | 'content-manager' | 'document-service' | 'importer';
type Order = 'en only' | 'en first' | 'zh first' | 'both at once' | 'zh deleted' | 'en deleted';

const PATHS: Path[] = ['rest', 'graphql', 'content-manager', 'document-service', 'importer'];
const ORDERS: Order[] = ['en only', 'en first', 'zh first', 'both at once', 'zh deleted', 'en deleted'];

let serial = 0;
const unique = () => `${Date.now().toString(36)}-${(serial += 1)}`;

/** Writes one locale of an article (creating the document when documentId is null); returns its documentId. */
async function write(path: Path, locale: string, documentId: string | null, title: string): Promise<string> {
  const data = { title, standfirst: `${title} standfirst` };
  switch (path) {
    case 'rest': {
      const token = await apiToken();
      const res = documentId
        ? await rest('put', `/api/newsroom/articles/${documentId}?locale=${locale}`, { token, body: { data } })
        : await rest('post', `/api/newsroom/articles?locale=${locale}`, { token, body: { data } });
      if (res.status >= 300) throw new Error(`REST ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.documentId;
    }
    case 'graphql': {
      const token = await apiToken();
      const res = documentId
        ? await graphql(
            `
              mutation ($id: ID!, $locale: I18NLocaleCode, $data: NewsroomArticleInput!) {
                updateNewsroomArticle(documentId: $id, locale: $locale, data: $data) {
                  documentId
                }
              }
            `,
            { id: documentId, locale, data },
            token,
          )
        : await graphql(
            `
              mutation ($locale: I18NLocaleCode, $data: NewsroomArticleInput!) {
                createNewsroomArticle(locale: $locale, data: $data) {
                  documentId
                }
              }
            `,
            { locale, data },
            token,
          );
      if (res.body.errors) throw new Error(`GraphQL ${JSON.stringify(res.body.errors)}`);
      return (res.body.data.updateNewsroomArticle ?? res.body.data.createNewsroomArticle).documentId;
    }
    case 'content-manager': {
      const token = await adminLogin();
      const res = documentId
        ? await rest('put', `${cm(UID.article)}/${documentId}?locale=${locale}`, { token, body: data })
        : await rest('post', `${cm(UID.article)}?locale=${locale}`, { token, body: data });
      if (res.status >= 300) throw new Error(`Content Manager ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.documentId;
    }
    case 'document-service': {
      const docs = strapiInstance().documents(UID.article);
      const doc = documentId ? await docs.update({ documentId, locale, data }) : await docs.create({ locale, data });
      return doc.documentId;
    }
    case 'importer': {
      // The importer writes a plan keyed by import key; the second locale of a document is added
      // the way an editor would, since an import creates one locale per page.
      if (documentId) return write('document-service', locale, documentId, title);
      const plan = { locale, article: { key: `article:every-order-${unique()}`, data: { ...data, exclusive: false } }, neighbourhood: null, newsItems: [] };
      const out = await strapiInstance().plugin('newsroom').service('importer').importPlan(plan, { publish: false });
      return out.article.documentId;
    }
  }
}

async function remove(path: Path, documentId: string, locale: string) {
  if (path === 'graphql' && locale === 'zh-Hans') {
    // Strapi 5.54's GraphQL delete mutation passes no locale on (it always deletes the default
    // locale), so only the default locale is deleted over GraphQL; another goes through REST.
    const res = await graphql(
      `
        mutation ($id: ID!) {
          deleteNewsroomArticle(documentId: $id) {
            documentId
          }
        }
      `,
      { id: documentId },
      await apiToken(),
    );
    expect(res.body.errors).toBeUndefined();
  } else if (path === 'rest' || path === 'graphql') {
    const res = await rest('delete', `/api/newsroom/articles/${documentId}?locale=${locale}`, { token: await apiToken() });
    expect(res.status).toBeLessThan(300);
  } else if (path === 'content-manager') {
    const res = await rest('delete', `${cm(UID.article)}/${documentId}?locale=${locale}`, { token: await adminLogin() });
    expect(res.status).toBeLessThan(300);
  } else {
    await strapiInstance().documents(UID.article).delete({ documentId, locale });
  }
}

/** Builds one document in the given order; returns it with the statuses each remaining locale must carry. */
async function build(path: Path, order: Order): Promise<{ documentId: string; expected: Record<string, string> }> {
  const tag = unique();
  const zh = `各种顺序 ${path} ${order} ${tag}`;
  const en = `Every order ${path} ${order} ${tag}`;
  switch (order) {
    case 'en only':
      return { documentId: await write(path, 'en', null, en), expected: { en: 'source' } };
    case 'en first': {
      // An English original translated into Chinese later: both are sources, nothing is stale.
      const id = await write(path, 'en', null, en);
      await write(path, 'zh-Hans', id, zh);
      return { documentId: id, expected: { en: 'source', 'zh-Hans': 'source' } };
    }
    case 'zh first': {
      const id = await write(path, 'zh-Hans', null, zh);
      await write(path, 'en', id, en);
      return { documentId: id, expected: { 'zh-Hans': 'source', en: 'current' } };
    }
    case 'both at once': {
      const id = await write(path, 'zh-Hans', null, zh);
      await write(path, 'en', id, en);
      // The Chinese text changes after the translation: the English version is stale.
      await write(path, 'zh-Hans', id, `${zh}(修改)`);
      return { documentId: id, expected: { 'zh-Hans': 'source', en: 'stale' } };
    }
    case 'zh deleted': {
      const id = await write(path, 'zh-Hans', null, zh);
      await write(path, 'en', id, en);
      await write(path, 'zh-Hans', id, `${zh}(修改)`);
      await remove(path, id, 'zh-Hans');
      // The translation lost its source: nothing newer to be stale against.
      return { documentId: id, expected: { en: 'current' } };
    }
    case 'en deleted': {
      const id = await write(path, 'en', null, en);
      await write(path, 'zh-Hans', id, zh);
      await remove(path, id, 'en');
      return { documentId: id, expected: { 'zh-Hans': 'source' } };
    }
  }
}

describe('one rule for every row: every order on every write path, then the check', () => {
  const built: string[] = [];

  for (const path of PATHS) {
    for (const order of ORDERS) {
      it(`${path}: ${order}`, async () => {
        const { documentId, expected } = await build(path, order);
        built.push(documentId);
        const rows = await rowsOf(UID.article, documentId);
        const statuses = Object.fromEntries(rows.filter((r: any) => !r.publishedAt).map((r: any) => [r.locale, r.translationStatus]));
        expect(statuses).toEqual(expected);
        // Published rows (REST publishes at once) follow the same rule.
        for (const r of rows.filter((r: any) => r.publishedAt))
          expect({ locale: r.locale, status: r.translationStatus }).toEqual({ locale: r.locale, status: expected[r.locale] });
      });
    }
  }

  it('the check then finds 0 violations, and none among these documents', async () => {
    expect(built).toHaveLength(PATHS.length * ORDERS.length);
    const { checked, violations } = await strapiInstance().plugin('newsroom').service('reconcile').audit({ fix: false });
    expect(checked).toBeGreaterThan(built.length);
    expect(violations.filter((v: any) => built.includes(v.documentId))).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('the translation summary counts an English original as a source, not as missing a translation', async () => {
    const res = await rest('get', '/api/newsroom/translations/status', { token: await apiToken() });
    expect(res.status).toBe(200);
    expect(res.body.data.types.article.en.source).toBeGreaterThanOrEqual(PATHS.length * 2);
  });
});
