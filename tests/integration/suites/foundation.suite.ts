import fs from 'fs';
import path from 'path';
import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, graphql, http, rest, rowsOf } from '../../helpers/http';

const SEED = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../database/seed/newsroom.json'), 'utf8'));

describe('foundation: plugin, locales, seed, REST and GraphQL', () => {
  it('registers the newsroom content types and components (the plugin was built and loaded)', () => {
    const strapi = strapiInstance();
    for (const uid of Object.values(UID)) expect(strapi.contentType(uid)).toBeDefined();
    for (const c of ['newsroom.byline', 'newsroom.origin', 'newsroom.service', 'newsroom.partnership']) {
      expect(strapi.components[c]).toBeDefined();
    }
    const article = strapi.contentType(UID.article);
    expect(article.options.draftAndPublish).toBe(true);
    expect(article.pluginOptions.i18n.localized).toBe(true);
    expect(article.attributes.exclusive.pluginOptions.i18n.localized).toBe(false);
    expect(article.attributes.title.pluginOptions.i18n.localized).toBe(true);
  });

  it('creates zh-Hans (default) and en locales at boot', async () => {
    const locales = strapiInstance().plugin('i18n').service('locales');
    expect(await locales.getDefaultLocale()).toBe('zh-Hans');
    expect(await locales.findByCode('en')).toBeTruthy();
    expect(await locales.findByCode('zh-Hans')).toBeTruthy();
  });

  it('loads the seed idempotently', async () => {
    const seed = strapiInstance().plugin('newsroom').service('seed');
    const first = await seed.load(SEED);
    expect(first.created).toBe(SEED.articles.length + SEED.neighbourhoods.length + SEED.newsItems.length);
    const again = await seed.load(SEED);
    expect(again).toEqual({ created: 0, existing: first.created });
  });

  it('leaves every seeded row as published in the admin: drafts identical to published rows, nothing "Modified"', async () => {
    const token = await adminLogin();
    const keys = new Set([...SEED.articles, ...SEED.neighbourhoods, ...SEED.newsItems].map((item: any) => item.key));
    for (const uid of Object.values(UID)) {
      for (const locale of ['zh-Hans', 'en']) {
        const res = await rest('get', `${cm(uid)}?locale=${locale}&pageSize=100`, { token });
        expect(res.status).toBe(200);
        const seeded = res.body.results.filter((r: any) => keys.has(r.importKey));
        if (locale === 'zh-Hans') expect(seeded.length).toBeGreaterThan(0);
        expect(seeded.map((r: any) => ({ uid, locale, key: r.importKey, status: r.status }))).toEqual(
          seeded.map((r: any) => ({ uid, locale, key: r.importKey, status: 'published' })),
        );
      }
    }
  });

  it('ships a favicon: /favicon.ico answers an image, not a 500', async () => {
    const res = await http().get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\//);
  });

  it('serves the seed article over public REST with bylines, neighbourhood and related news', async () => {
    const res = await rest('get', '/api/newsroom/articles?locale=zh-Hans&populate[bylines]=true&populate[neighbourhood]=true&populate[relatedNews]=true');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const article = res.body.data[0];
    expect(article.title).toBe('用情融入基层治理,普陀这里让居民品出温暖“老味道”');
    expect(article.exclusive).toBe(true);
    expect(article.reprintNotice).toBe('文汇独家稿件,转载请注明出处。');
    expect(article.body).toHaveLength(7);
    expect(article.imageNote).toBe('资料图片仅供参考');
    expect(article.bylines.map((b: any) => [b.name, b.role])).toEqual([
      ['张晓鸣', 'reporter'],
      ['丁婉星', 'reporter'],
      ['王嘉旖', 'editor'],
      ['单颖文', 'responsible-editor'],
    ]);
    expect(article.neighbourhood).toMatchObject({ name: '华和民祥园', households: 1644, occupiedHouseholds: 400, yearBuilt: 2021 });
    const wuhan = article.relatedNews.find((n: any) => n.headline.startsWith('武汉协和医院'));
    expect(wuhan).toMatchObject({ outlet: '中新网', dateline: '武汉12月28日电', creditLine: '来源:中新网' });
    expect(article.relatedNews.length).toBe(SEED.newsItems.length);
    expect(JSON.stringify(article)).not.toContain('X 关闭');
  });

  it('serves the English version with its own notice', async () => {
    const res = await rest('get', '/api/newsroom/articles?locale=en&populate[relatedNews]=true');
    expect(res.status).toBe(200);
    const [article] = res.body.data;
    expect(article.title).toMatch(/grassroots governance/);
    expect(article.reprintNotice).toBe('Wenhui exclusive. Credit the source when republishing.');
    expect(article.relatedNews.find((n: any) => n.outlet === '中新网').creditLine).toBe('Source: China News Service');
  });

  it('answers GraphQL with the neighbourhood figures', async () => {
    const res = await graphql(`
      {
        newsroomNeighbourhoods(locale: "zh-Hans") {
          documentId
          name
          households
          occupiedHouseholds
          tenantShare
          elderlyShare
          yearBuilt
        }
      }
    `);
    expect(res.body.errors).toBeUndefined();
    const [n] = res.body.data.newsroomNeighbourhoods;
    expect(n).toMatchObject({ name: '华和民祥园', households: 1644, occupiedHouseholds: 400, elderlyShare: 0.25, yearBuilt: 2021 });
    expect(n.tenantShare).toBeCloseTo(1 / 3, 6);
  });

  it('computes neighbourhood figures in REST (also when populated) and GraphQL, never storing them', async () => {
    const expected = { occupancyRate: 0.243, estimatedTenantHouseholds: 133, estimatedElderlyHouseholds: 100, vacantHouseholds: 1244 };
    const list = await rest('get', '/api/newsroom/neighbourhoods?locale=zh-Hans');
    expect(list.body.data[0].figures).toEqual(expected);
    const article = await rest('get', '/api/newsroom/articles?locale=zh-Hans&populate[neighbourhood]=true');
    expect(article.body.data[0].neighbourhood.figures).toEqual(expected);
    const g = await graphql(`
      {
        newsroomNeighbourhoods(locale: "zh-Hans") {
          figures {
            occupancyRate
            estimatedTenantHouseholds
            estimatedElderlyHouseholds
            vacantHouseholds
          }
        }
      }
    `);
    expect(g.body.data.newsroomNeighbourhoods[0].figures).toEqual(expected);
    const bare = await rest('post', '/api/newsroom/neighbourhoods?locale=zh-Hans', {
      token: await apiToken(),
      body: { data: { name: '数据不全小区', households: 10 } },
    });
    expect(bare.body.data).toBeDefined();
    const one = await rest('get', `/api/newsroom/neighbourhoods/${bare.body.data.documentId}?locale=zh-Hans`);
    expect(one.body.data.figures).toEqual({ occupancyRate: null, estimatedTenantHouseholds: null, estimatedElderlyHouseholds: null, vacantHouseholds: null });
    expect(strapiInstance().contentType(UID.neighbourhood).attributes.figures).toBeUndefined();
  });

  describe('figures no stored record may violate', () => {
    let documentId: string;
    beforeAll(async () => {
      const res = await rest('get', '/api/newsroom/neighbourhoods?locale=zh-Hans');
      documentId = res.body.data[0].documentId;
    });

    it('refuses occupied households above households with a 400 naming the field, and changes nothing', async () => {
      const before = await rowsOf(UID.neighbourhood, documentId);
      const res = await rest('put', `/api/newsroom/neighbourhoods/${documentId}?locale=zh-Hans`, {
        token: await apiToken(),
        body: { data: { occupiedHouseholds: 2000 } },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('occupiedHouseholds');
      expect(res.body.error.message).toMatch(/occupiedHouseholds/);
      expect(await rowsOf(UID.neighbourhood, documentId)).toEqual(before);
    });

    it.each([
      [{ households: -1 }, 'households'],
      [{ households: 12.5 }, 'households'],
      [{ tenantShare: 1.5 }, 'tenantShare'],
      [{ elderlyShare: -0.1 }, 'elderlyShare'],
      [{ name: '' }, 'name'],
    ])('refuses %j naming %s', async (data, field) => {
      const before = await rowsOf(UID.neighbourhood, documentId);
      const res = await rest('put', `/api/newsroom/neighbourhoods/${documentId}?locale=zh-Hans`, {
        token: await apiToken(),
        body: { data },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(field);
      expect(await rowsOf(UID.neighbourhood, documentId)).toEqual(before);
    });

    it('refuses the same over GraphQL with BAD_USER_INPUT', async () => {
      const res = await graphql(
        `
          mutation ($id: ID!) {
            updateNewsroomNeighbourhood(documentId: $id, locale: "zh-Hans", data: { occupiedHouseholds: 2000 }) {
              documentId
            }
          }
        `,
        { id: documentId },
        await apiToken(),
      );
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.body.errors[0])).toContain('occupiedHouseholds');
    });

    it('refuses an article with an empty title, even as a draft', async () => {
      const res = await rest('post', '/api/newsroom/articles?status=draft', { token: await apiToken(), body: { data: { title: '  ' } } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain('title');
    });
  });

  describe('public access', () => {
    it('cannot write', async () => {
      const res = await rest('post', '/api/newsroom/articles', { body: { data: { title: 'x' } } });
      expect([401, 403]).toContain(res.status);
    });
    it('cannot read drafts', async () => {
      const res = await rest('get', '/api/newsroom/articles?status=draft');
      expect(res.status).toBe(403);
    });
  });
});
