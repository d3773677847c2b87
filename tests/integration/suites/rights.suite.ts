import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, graphql, rest, rowsOf } from '../../helpers/http';
import { NOTICE, credit, expectArticleRows, paragraphs } from '../../helpers/expectations';

let n = 0;
const title = (label: string) => `权利测试 ${label} ${++n}`;

async function create(data: Record<string, unknown>, query = 'locale=zh-Hans') {
  const res = await rest('post', `/api/newsroom/articles?${query}`, { token: await apiToken(), body: { data } });
  expect(res.status).toBe(201);
  return res.body.data;
}

const countArticles = () => strapiInstance().db.query(UID.article).count();

describe('rights: exclusive notice and source credit on every write path', () => {
  describe('REST', () => {
    it('gives a published exclusive its notice in draft and published rows, and shows it in the response', async () => {
      const doc = await create({ title: title('rest'), exclusive: true, body: paragraphs('正文') });
      expect(doc.reprintNotice).toBe(NOTICE['zh-Hans']);
      const rows = await expectArticleRows(doc.documentId, { exclusive: true }, 2);
      expect(rows.map((r: any) => !!r.publishedAt).sort()).toEqual([false, true]);
    });

    it('creates a draft, adds the en locale through update, and gives en its own notice', async () => {
      const doc = await create({ title: title('draft'), exclusive: true }, 'locale=zh-Hans&status=draft');
      const en = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en&status=draft`, {
        token: await apiToken(),
        body: { data: { title: 'Rights test in English' } },
      });
      expect(en.status).toBe(200);
      expect(en.body.data.reprintNotice).toBe(NOTICE.en);
      const rows = await expectArticleRows(doc.documentId, { exclusive: true }, 2);
      expect(rows.map((r: any) => r.locale).sort()).toEqual(['en', 'zh-Hans']);
    });

    it('un-flagging in zh-Hans clears every locale draft; each published version follows when that locale is published', async () => {
      const doc = await create({ title: title('toggle'), exclusive: true });
      await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en`, { token: await apiToken(), body: { data: { title: 'Toggle' } } });
      await expectArticleRows(doc.documentId, { exclusive: true }, 4);

      const off = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans&status=draft`, {
        token: await apiToken(),
        body: { data: { exclusive: false } },
      });
      expect(off.status).toBe(200);
      expect(off.body.data.reprintNotice).toBeNull();
      const rows = await rowsOf(UID.article, doc.documentId);
      const enDraft = rows.find((r: any) => r.locale === 'en' && !r.publishedAt);
      const enPublished = rows.find((r: any) => r.locale === 'en' && r.publishedAt);
      expect(enDraft).toMatchObject({ exclusive: false, reprintNotice: null });
      // Still the story as it was published in en: consistent with its own flag until en is republished.
      expect(enPublished).toMatchObject({ exclusive: true, reprintNotice: NOTICE.en });

      await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, { token: await apiToken(), body: { data: {} } });
      await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en`, { token: await apiToken(), body: { data: {} } });
      await expectArticleRows(doc.documentId, { exclusive: false }, 4);
    });

    it.each([
      ['empty', ''],
      ['altered', '转载随意'],
      ['oversized', '长'.repeat(5000)],
    ])('ignores a %s notice or credit sent by a client', async (_label, tampered) => {
      const doc = await create({ title: title('tamper'), exclusive: true, reprintNotice: tampered, creditLine: tampered });
      expect(doc.reprintNotice).toBe(NOTICE['zh-Hans']);
      expect(doc.creditLine).toBeNull();
      const upd = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, {
        token: await apiToken(),
        body: { data: { reprintNotice: tampered, creditLine: tampered } },
      });
      expect(upd.status).toBe(200);
      expect(upd.body.data.reprintNotice).toBe(NOTICE['zh-Hans']);
      await expectArticleRows(doc.documentId, { exclusive: true }, 2);
    });

    it('credits a reprint in every locale through the outlet map', async () => {
      const doc = await create({ title: title('reprint'), exclusive: false, origin: { outlet: '中新网', originalDateline: '武汉12月28日电' } });
      expect(doc.creditLine).toBe('来源:中新网');
      expect(doc.reprintNotice).toBeNull();
      const en = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en`, { token: await apiToken(), body: { data: { title: 'Reprint' } } });
      expect(en.body.data.creditLine).toBe(credit('中新网', 'en'));
      await expectArticleRows(doc.documentId, { exclusive: false, outlet: '中新网' }, 4);
    });

    it('falls back to the name as given for an outlet the map does not know', async () => {
      const doc = await create({ title: title('unknown-outlet'), origin: { outlet: '某某晚报' } });
      const en = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en`, { token: await apiToken(), body: { data: { title: 'Unknown' } } });
      expect(en.body.data.creditLine).toBe('Source: 某某晚报');
    });

    it('treats an origin naming the publisher itself as not a reprint', async () => {
      const doc = await create({ title: title('own'), exclusive: true, origin: { outlet: '文汇报' } });
      expect(doc).toMatchObject({ reprintNotice: NOTICE['zh-Hans'], creditLine: null });
    });

    it('credits every news item from its outlet', async () => {
      const res = await rest('post', '/api/newsroom/news-items?locale=zh-Hans', {
        token: await apiToken(),
        body: { data: { headline: '测试快讯', outlet: '央视网', creditLine: '伪造' } },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.creditLine).toBe('来源:央视网');
    });
  });

  describe('contradictions are refused, nothing written', () => {
    it.each([
      ['exclusive and reprinted', { exclusive: true, origin: { outlet: '中新网' } }, ['exclusive', 'origin.outlet']],
      ['reprint without an outlet', { origin: { url: 'https://example.com/a' } }, ['origin.outlet']],
    ])('REST: %s', async (_label, data, fields) => {
      const before = await countArticles();
      const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token: await apiToken(), body: { data: { title: title('bad'), ...data } } });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      const paths = res.body.error.details.errors.map((e: any) => e.path.join('.'));
      for (const f of fields) expect(paths).toContain(f);
      expect(await countArticles()).toBe(before);
    });

    it('REST: flagging an existing reprint as exclusive is refused and leaves it as it was', async () => {
      const doc = await create({ title: title('reprint-then-exclusive'), origin: { outlet: '中新网' } });
      const before = await rowsOf(UID.article, doc.documentId);
      const res = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, {
        token: await apiToken(),
        body: { data: { exclusive: true } },
      });
      expect(res.status).toBe(400);
      expect(await rowsOf(UID.article, doc.documentId)).toEqual(before);
    });

    it('REST: a news item with no outlet', async () => {
      const before = await strapiInstance().db.query(UID.newsItem).count();
      const res = await rest('post', '/api/newsroom/news-items?locale=zh-Hans', { token: await apiToken(), body: { data: { headline: '无来源' } } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('outlet');
      expect(await strapiInstance().db.query(UID.newsItem).count()).toBe(before);
    });

    it('GraphQL: exclusive and reprinted gives BAD_USER_INPUT', async () => {
      const before = await countArticles();
      const res = await graphql(
        `
          mutation {
            createNewsroomArticle(locale: "zh-Hans", data: { title: "GraphQL 矛盾", exclusive: true, origin: { outlet: "中新网" } }) {
              documentId
            }
          }
        `,
        {},
        await apiToken(),
      );
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.body.errors[0])).toContain('exclusive');
      expect(await countArticles()).toBe(before);
    });

    it('GraphQL: a news item with no outlet gives BAD_USER_INPUT', async () => {
      const res = await graphql(
        `
          mutation {
            createNewsroomNewsItem(locale: "zh-Hans", data: { headline: "无来源" }) {
              documentId
            }
          }
        `,
        {},
        await apiToken(),
      );
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('GraphQL mutations', () => {
    it('create and update apply the rules', async () => {
      const token = await apiToken();
      const created = await graphql(
        `
          mutation {
            createNewsroomArticle(locale: "zh-Hans", data: { title: "GraphQL 独家", exclusive: true, reprintNotice: "假" }) {
              documentId
              reprintNotice
            }
          }
        `,
        {},
        token,
      );
      expect(created.body.errors).toBeUndefined();
      const { documentId, reprintNotice } = created.body.data.createNewsroomArticle;
      expect(reprintNotice).toBe(NOTICE['zh-Hans']);
      const en = await graphql(
        `
          mutation ($id: ID!) {
            updateNewsroomArticle(documentId: $id, locale: "en", data: { title: "GraphQL exclusive" }) {
              reprintNotice
            }
          }
        `,
        { id: documentId },
        token,
      );
      expect(en.body.data.updateNewsroomArticle.reprintNotice).toBe(NOTICE.en);
      await expectArticleRows(documentId, { exclusive: true }, 4);
      const off = await graphql(
        `
          mutation ($id: ID!) {
            updateNewsroomArticle(documentId: $id, locale: "zh-Hans", data: { exclusive: false, origin: { outlet: "央视网" } }) {
              reprintNotice
              creditLine
            }
          }
        `,
        { id: documentId },
        token,
      );
      expect(off.body.data.updateNewsroomArticle).toEqual({ reprintNotice: null, creditLine: '来源:央视网' });
    });
  });

  describe('admin Content Manager endpoints, as a logged-in editor', () => {
    const uid = UID.article;
    let token: string;
    beforeAll(async () => {
      token = await adminLogin();
    });

    it('create, update, publish, unpublish, discard draft, clone and bulk publish keep every row canonical', async () => {
      const created = await rest('post', `${cm(uid)}?locale=zh-Hans`, { token, body: { title: title('cm'), exclusive: true, reprintNotice: '伪造' } });
      expect(created.status).toBe(201);
      const id = created.body.data.documentId;
      expect(created.body.data.reprintNotice).toBe(NOTICE['zh-Hans']);
      await expectArticleRows(id, { exclusive: true }, 1);

      const enCreated = await rest('put', `${cm(uid)}/${id}?locale=en`, { token, body: { title: 'CM in English' } });
      expect(enCreated.status).toBe(200);
      expect(enCreated.body.data.reprintNotice).toBe(NOTICE.en);

      const published = await rest('post', `${cm(uid)}/${id}/actions/publish?locale=zh-Hans`, { token, body: {} });
      expect(published.status).toBe(200);
      await expectArticleRows(id, { exclusive: true }, 3);

      const updated = await rest('put', `${cm(uid)}/${id}?locale=zh-Hans`, { token, body: { exclusive: false } });
      expect(updated.status).toBe(200);
      expect(updated.body.data.reprintNotice).toBeNull();
      let rows = await rowsOf(uid, id);
      for (const r of rows.filter((r: any) => !r.publishedAt)) expect(r).toMatchObject({ exclusive: false, reprintNotice: null });

      const discarded = await rest('post', `${cm(uid)}/${id}/actions/discard?locale=zh-Hans`, { token, body: {} });
      expect(discarded.status).toBe(200);
      rows = await rowsOf(uid, id);
      const zhDraft = rows.find((r: any) => r.locale === 'zh-Hans' && !r.publishedAt);
      expect(zhDraft).toMatchObject({ exclusive: true, reprintNotice: NOTICE['zh-Hans'] });

      const unpublished = await rest('post', `${cm(uid)}/${id}/actions/unpublish?locale=zh-Hans`, { token, body: {} });
      expect(unpublished.status).toBe(200);

      const cloned = await rest('post', `${cm(uid)}/clone/${id}?locale=zh-Hans`, { token, body: { title: title('clone'), reprintNotice: '伪造' } });
      expect([200, 201]).toContain(cloned.status);
      const cloneId = cloned.body.data.documentId;
      const cloneRows = await rowsOf(uid, cloneId);
      for (const r of cloneRows) expect(r.reprintNotice).toBe(r.exclusive ? NOTICE[r.locale] : null);
      expect(new Set(cloneRows.map((r: any) => r.slug)).size).toBeGreaterThan(0);

      const bulk = await rest('post', `${cm(uid)}/actions/bulkPublish?locale=zh-Hans`, { token, body: { documentIds: [id, cloneId] } });
      expect(bulk.status).toBe(200);
      for (const doc of [id, cloneId]) {
        const all = await rowsOf(uid, doc);
        for (const r of all) expect(r.reprintNotice).toBe(r.exclusive ? NOTICE[r.locale] : null);
        expect(all.some((r: any) => r.locale === 'zh-Hans' && r.publishedAt)).toBe(true);
      }
    });

    it('refuses a contradiction from the admin with a 400 naming the fields', async () => {
      const res = await rest('post', `${cm(uid)}?locale=zh-Hans`, { token, body: { title: title('cm-bad'), exclusive: true, origin: { outlet: '中新网' } } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('origin.outlet');
    });
  });

  describe('Document Service and raw database writes', () => {
    it('create, update, publish and clone through the Document Service', async () => {
      const docs = strapiInstance().documents(UID.article);
      const doc = await docs.create({ locale: 'zh-Hans', data: { title: title('ds'), exclusive: true, reprintNotice: 'x' } });
      expect(doc.reprintNotice).toBe(NOTICE['zh-Hans']);
      await docs.update({ documentId: doc.documentId, locale: 'en', data: { title: 'DS en' } });
      await docs.publish({ documentId: doc.documentId, locale: '*' });
      await expectArticleRows(doc.documentId, { exclusive: true }, 4);
      const clone = await docs.clone({ documentId: doc.documentId, locale: 'zh-Hans', data: { title: title('ds-clone') } });
      const cloneId = clone.documentId ?? clone.entries?.[0]?.documentId;
      await expectArticleRows(cloneId, { exclusive: true }, 1);
    });

    it('the safety net repairs a raw db.query write that bypasses the Document Service', async () => {
      const doc = await create({ title: title('raw'), exclusive: true });
      const rows = await rowsOf(UID.article, doc.documentId);
      await strapiInstance()
        .db.query(UID.article)
        .update({ where: { id: rows[0].id }, data: { exclusive: false } });
      const after = await rowsOf(UID.article, doc.documentId);
      const changed = after.find((r: any) => r.id === rows[0].id);
      expect(changed).toMatchObject({ exclusive: false, reprintNotice: null });
      await strapiInstance()
        .db.query(UID.article)
        .update({ where: { id: rows[0].id }, data: { reprintNotice: 'tampered', exclusive: true } });
      expect((await rowsOf(UID.article, doc.documentId)).find((r: any) => r.id === rows[0].id).reprintNotice).toBe(NOTICE['zh-Hans']);
    });

    it('the safety net refuses raw figures that break a rule', async () => {
      const [row] = await strapiInstance().db.query(UID.neighbourhood).findMany({ limit: 1 });
      await expect(
        strapiInstance()
          .db.query(UID.neighbourhood)
          .update({ where: { id: row.id }, data: { occupiedHouseholds: row.households + 1 } }),
      ).rejects.toThrow(/occupiedHouseholds/);
    });
  });

  describe('reconciliation and the check', () => {
    it('brings rows in line when the configured notice changes, and the audit then finds nothing', async () => {
      const strapi = strapiInstance();
      const rules = strapi.plugin('newsroom').service('reconcile');
      const original = strapi.config.get('plugin::newsroom.reprintNotice');
      try {
        strapi.config.set('plugin::newsroom.reprintNotice', { ...original, en: 'Wenhui exclusive. Please credit Wenhui.' });
        const found = await rules.audit({ fix: false });
        expect(found.violations.length).toBeGreaterThan(0);
        expect(found.violations.every((v: any) => v.locale === 'en')).toBe(true);
        const fixed = await rules.audit({ fix: true });
        expect(fixed.fixed).toBe(found.violations.length);
      } finally {
        strapi.config.set('plugin::newsroom.reprintNotice', original);
        await rules.audit({ fix: true });
      }
      expect((await rules.audit({ fix: false })).violations).toEqual([]);
    });
  });
});
