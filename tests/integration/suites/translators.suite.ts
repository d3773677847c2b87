import { strapiInstance } from '../../helpers/strapi';
import { UID, adminLogin, apiToken, cm, endUserJwt, graphql, rest, rowsOf } from '../../helpers/http';
import { paragraphs } from '../../helpers/expectations';

const createArticle = async (data: Record<string, unknown>, locale = 'zh-Hans', status = 'published') => {
  const res = await rest('post', `/api/newsroom/articles?locale=${locale}&status=${status}`, { token: await apiToken(), body: { data } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};

describe('translators: slugs, stale translations, roles', () => {
  describe('slugs generated server-side from each locale title', () => {
    const table: Array<[string, string]> = [
      ['用情融入基层治理', 'yong-qing-rong-ru-ji-ceng-zhi-li'],
      ['普陀区1644户居民', 'pu-tuo-qu-1644-hu-ju-min'],
      ['iPhone 15 在上海发布', 'iphone-15-zai-shang-hai-fa-bu'],
      ['COVID-19 疫苗接种', 'covid-19-yi-miao-jie-zhong'],
      ['2021,比个心吧!', '2021-bi-ge-xin-ba'],
      ['西安3个区域12月28日起', 'xi-an-3-ge-qu-yu-12-yue-28-ri-qi'],
      ['Ａｂｃ全角字符', 'abc-quan-jiao-zi-fu'],
      ['Café au lait in Shanghai', 'cafe-au-lait-in-shanghai'],
      ['重庆曝光4起典型问题', 'chong-qing-bao-guang-4-qi-dian-xing-wen-ti'],
      ['A股 B轮融资', 'a-gu-b-lun-rong-zi'],
      [
        'A very long English headline about a resettlement neighbourhood in Putuo district that keeps going well past the limit',
        'a-very-long-english-headline-about-a-resettlement-neighbourhood-in-putuo',
      ],
    ];

    it.each(table)('%s → %s', async (title, expected) => {
      const doc = await createArticle({ title: `${title}` });
      expect(doc.slug.startsWith(expected)).toBe(true);
      expect(doc.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(doc.slug.length).toBeLessThanOrEqual(80);
    });

    it('gave the seed article a readable pinyin slug, capped at a syllable boundary', async () => {
      const res = await rest('get', '/api/newsroom/articles?locale=zh-Hans&filters[title][$startsWith]=用情融入&fields[0]=slug');
      expect(res.body.data[0].slug).toBe('yong-qing-rong-ru-ji-ceng-zhi-li-pu-tuo-zhe-li-rang-ju-min-pin-chu-wen-nuan-lao');
    });

    it.each([['！？。，'], ['🎉🎊✨']])('a title with nothing readable (%s) still gets a routable slug', async (title) => {
      const doc = await createArticle({ title });
      expect(doc.slug).toMatch(/^article-[a-z0-9]+$/);
    });

    it('numbers duplicates within a locale and allows the same slug in another locale', async () => {
      const a = await createArticle({ title: '重复的标题测试' });
      const b = await createArticle({ title: '重复的标题测试' });
      const c = await createArticle({ title: '重复的标题测试' });
      expect([a.slug, b.slug, c.slug]).toEqual(['chong-fu-de-biao-ti-ce-shi', 'chong-fu-de-biao-ti-ce-shi-2', 'chong-fu-de-biao-ti-ce-shi-3']);
      const en = await rest('put', `/api/newsroom/articles/${a.documentId}?locale=en`, {
        token: await apiToken(),
        body: { data: { title: 'Chong fu de biao ti ce shi' } },
      });
      expect(en.body.data.slug).toBe('chong-fu-de-biao-ti-ce-shi');
    });

    it('gives 20 concurrent creates of one title 20 distinct slugs', async () => {
      const token = await apiToken();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: '并发创建同一标题' } } })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      const slugs = results.map((r) => r.body.data.slug);
      expect(new Set(slugs).size).toBe(20);
    });

    it('keeps the slug when a published title is edited, and an explicit rename keeps the old slug resolving', async () => {
      const doc = await createArticle({ title: '稳定的网址' });
      const edited = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, {
        token: await apiToken(),
        body: { data: { title: '稳定的网址(更新)' } },
      });
      expect(edited.body.data.slug).toBe(doc.slug);
      const renamed = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, {
        token: await apiToken(),
        body: { data: { slug: 'Stable URL Renamed' } },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data.slug).toBe('stable-url-renamed');
      const byNew = await rest('get', '/api/newsroom/articles/by-slug/stable-url-renamed?locale=zh-Hans');
      expect(byNew.status).toBe(200);
      const byOld = await rest('get', `/api/newsroom/articles/by-slug/${doc.slug}?locale=zh-Hans`);
      expect(byOld.status).toBe(200);
      expect(byOld.body.data.documentId).toBe(doc.documentId);
      const missing = await rest('get', '/api/newsroom/articles/by-slug/no-such-slug?locale=zh-Hans');
      expect(missing.status).toBe(404);
    });

    it('normalises client slugs (spaces, case, CJK, ../) and refuses ones with nothing left or too long', async () => {
      const token = await apiToken();
      const cases: Array<[string, number, string | null]> = [
        ['Hello World', 201, 'hello-world'],
        ['上海新闻', 201, 'shang-hai-xin-wen'],
        ['../../etc/passwd', 201, 'etc-passwd'],
        ['!!!', 400, null],
        ['x'.repeat(200), 400, null],
      ];
      for (const [slug, status, expected] of cases) {
        const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: `客户端网址 ${slug.slice(0, 10)}`, slug } } });
        expect({ slug, status: res.status }).toEqual({ slug, status });
        if (expected) expect(res.body.data.slug).toBe(expected);
        else expect(res.body.error.details.errors[0].path).toEqual(['slug']);
      }
    });

    it('refuses a slug another document already uses in the locale', async () => {
      const a = await createArticle({ title: '占用网址', slug: 'taken-slug' });
      expect(a.slug).toBe('taken-slug');
      const res = await rest('post', '/api/newsroom/articles?locale=zh-Hans', {
        token: await apiToken(),
        body: { data: { title: '另一篇', slug: 'taken-slug' } },
      });
      expect(res.status).toBe(400);
    });

    it('finds neighbourhoods by slug and filters by slug in GraphQL', async () => {
      const n = await rest('get', '/api/newsroom/neighbourhoods/by-slug/hua-he-min-xiang-yuan?locale=zh-Hans');
      expect(n.status).toBe(200);
      expect(n.body.data.name).toBe('华和民祥园');
      const g = await graphql(`
        {
          newsroomArticles(locale: "zh-Hans", filters: { slug: { eq: "stable-url-renamed" } }) {
            title
          }
        }
      `);
      expect(g.body.data.newsroomArticles).toEqual([{ title: '稳定的网址(更新)' }]);
    });
  });

  describe('stale translations', () => {
    it('translate → edit the Chinese body → en stale → save en → current; figures and flags never make it stale', async () => {
      const token = await apiToken();
      const doc = await createArticle({ title: '翻译周期', body: paragraphs('原文第一段') });
      const en = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en`, {
        token,
        body: { data: { title: 'Translation cycle', body: paragraphs('First paragraph') } },
      });
      expect(en.body.data.translationStatus).toBe('current');

      await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, { token, body: { data: { body: paragraphs('原文第一段(修改)') } } });
      const stale = await rest('get', `/api/newsroom/articles/${doc.documentId}?locale=en&status=draft`, { token });
      expect(stale.body.data.translationStatus).toBe('stale');

      const todo = await rest('get', '/api/newsroom/articles?locale=en&status=draft&filters[translationStatus][$eq]=stale&fields[0]=title', { token });
      expect(todo.body.data.map((a: any) => a.documentId)).toContain(doc.documentId);

      const summary = await rest('get', '/api/newsroom/translations/status', { token });
      expect(summary.status).toBe(200);
      expect(summary.body.data.types.article.en.stale).toBeGreaterThanOrEqual(1);
      expect(summary.body.data.types.article.en.missing).toBeGreaterThanOrEqual(1);

      const saved = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en`, {
        token,
        body: { data: { body: paragraphs('First paragraph (revised)') } },
      });
      expect(saved.body.data.translationStatus).toBe('current');

      await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=zh-Hans`, { token, body: { data: { exclusive: true } } });
      const rows = await rowsOf(UID.article, doc.documentId);
      for (const r of rows.filter((r: any) => r.locale === 'en')) expect(r.translationStatus).toBe('current');
    });

    it('a neighbourhood translation stays current when households change', async () => {
      const token = await apiToken();
      const res = await rest('post', '/api/newsroom/neighbourhoods?locale=zh-Hans', {
        token,
        body: { data: { name: '测试小区', households: 100, occupiedHouseholds: 50 } },
      });
      const id = res.body.data.documentId;
      const en = await rest('put', `/api/newsroom/neighbourhoods/${id}?locale=en`, { token, body: { data: { name: 'Test estate' } } });
      expect(en.body.data.translationStatus).toBe('current');
      await rest('put', `/api/newsroom/neighbourhoods/${id}?locale=zh-Hans`, { token, body: { data: { households: 120 } } });
      const after = await rest('get', `/api/newsroom/neighbourhoods/${id}?locale=en&status=draft`, { token });
      expect(after.body.data).toMatchObject({ households: 120, translationStatus: 'current' });
    });
  });

  describe('permission matrix over HTTP with real credentials', () => {
    type Who = 'public' | 'authenticated' | 'translator' | 'editor';
    type Action = 'read published' | 'read draft' | 'create' | 'update zh' | 'update en text' | 'update exclusive/figures' | 'publish' | 'delete';
    /** Readers, anonymous or signed in (users-permissions), may read what is published and nothing more. */
    const reader: Record<Action, boolean> = {
      'read published': true,
      'read draft': false,
      create: false,
      'update zh': false,
      'update en text': false,
      'update exclusive/figures': false,
      publish: false,
      delete: false,
    };
    const expected: Record<Who, Record<Action, boolean>> = {
      public: reader,
      authenticated: reader,
      translator: {
        'read published': true,
        'read draft': true,
        create: false,
        'update zh': false,
        'update en text': true,
        'update exclusive/figures': false,
        publish: false,
        delete: false,
      },
      editor: {
        'read published': true,
        'read draft': true,
        create: true,
        'update zh': true,
        'update en text': true,
        'update exclusive/figures': true,
        publish: true,
        delete: true,
      },
    };

    let documentId: string;
    let neighbourhoodId: string;
    const tokens: Partial<Record<Who, string>> = {};
    beforeAll(async () => {
      const doc = await createArticle({ title: '权限矩阵' });
      documentId = doc.documentId;
      await rest('put', `/api/newsroom/articles/${documentId}?locale=en`, { token: await apiToken(), body: { data: { title: 'Permission matrix' } } });
      const n = await rest('post', '/api/newsroom/neighbourhoods?locale=zh-Hans', {
        token: await apiToken(),
        body: { data: { name: '权限小区', households: 10, occupiedHouseholds: 5 } },
      });
      neighbourhoodId = n.body.data.documentId;
      await rest('put', `/api/newsroom/neighbourhoods/${neighbourhoodId}?locale=en`, {
        token: await apiToken(),
        body: { data: { name: 'Permission estate' } },
      });
      tokens.authenticated = await endUserJwt('matrix-reader');
      tokens.translator = await adminLogin('newsroom-translator-en');
      tokens.editor = await adminLogin('newsroom-editor');
    });

    const isAdmin = (who: Who) => who === 'translator' || who === 'editor';

    async function attempt(who: Who, action: Action) {
      const token = tokens[who];
      const a = UID.article;
      if (!isAdmin(who)) {
        const api = '/api/newsroom/articles';
        switch (action) {
          case 'read published':
            return rest('get', `${api}/${documentId}?locale=zh-Hans`, { token });
          case 'read draft':
            return rest('get', `${api}/${documentId}?locale=zh-Hans&status=draft`, { token });
          case 'create':
            return rest('post', `${api}?locale=zh-Hans`, { token, body: { data: { title: '越权' } } });
          case 'update zh':
            return rest('put', `${api}/${documentId}?locale=zh-Hans`, { token, body: { data: { title: '越权' } } });
          case 'update en text':
            return rest('put', `${api}/${documentId}?locale=en`, { token, body: { data: { title: 'Hijacked' } } });
          case 'update exclusive/figures':
            return rest('put', `${api}/${documentId}?locale=en`, { token, body: { data: { exclusive: true } } });
          case 'publish':
            return rest('put', `${api}/${documentId}?locale=zh-Hans&status=published`, { token, body: { data: {} } });
          case 'delete':
            return rest('delete', `${api}/${documentId}?locale=en`, { token });
        }
      }
      switch (action) {
        case 'read published':
          return rest('get', `${cm(a)}/${documentId}?locale=zh-Hans&status=published`, { token });
        case 'read draft':
          return rest('get', `${cm(a)}/${documentId}?locale=zh-Hans&status=draft`, { token });
        case 'create':
          return rest('post', `${cm(a)}?locale=zh-Hans`, { token, body: { title: `矩阵新建 ${who}` } });
        case 'update zh':
          return rest('put', `${cm(a)}/${documentId}?locale=zh-Hans`, { token, body: { title: `权限矩阵 ${who}` } });
        case 'update en text':
          return rest('put', `${cm(a)}/${documentId}?locale=en`, { token, body: { title: `Permission matrix (${who})` } });
        case 'update exclusive/figures': {
          const flag = await rest('put', `${cm(a)}/${documentId}?locale=en`, { token, body: { exclusive: true } });
          if (flag.status >= 400) return flag;
          return rest('put', `${cm(UID.neighbourhood)}/${neighbourhoodId}?locale=en`, { token, body: { households: 11 } });
        }
        case 'publish':
          return rest('post', `${cm(a)}/${documentId}/actions/publish?locale=zh-Hans`, { token, body: {} });
        case 'delete':
          return rest('delete', `${cm(a)}/${documentId}?locale=en`, { token });
      }
    }

    const actions: Action[] = ['read published', 'read draft', 'create', 'update zh', 'update en text', 'update exclusive/figures', 'publish', 'delete'];
    const order: Who[] = ['public', 'authenticated', 'translator', 'editor'];
    for (const who of order) {
      for (const action of actions) {
        it(`${who} × ${action} → ${expected[who][action] ? 'allow' : 'deny'}`, async () => {
          const snapshot = async () => ({
            article: await rowsOf(UID.article, documentId),
            neighbourhood: await rowsOf(UID.neighbourhood, neighbourhoodId),
            count: await strapiInstance().db.query(UID.article).count(),
          });
          const before = await snapshot();
          const res = await attempt(who, action);
          if (expected[who][action]) {
            expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toEqual({ status: expect.any(Number), body: undefined });
            expect(res.status).toBeLessThan(300);
          } else {
            expect([401, 403]).toContain(res.status);
            expect(await snapshot()).toEqual(before);
          }
        });
      }
    }
  });
});

describe('translators: the locale comes from where i18n takes it; creating elsewhere is a 403 naming it', () => {
  let translator: string;
  let documentId: string;
  const a = UID.article;
  const snapshot = async () => ({
    rows: await strapiInstance().db.query(a).count(),
    published: await strapiInstance()
      .db.query(a)
      .count({ where: { publishedAt: { $notNull: true } } }),
    own: await rowsOf(a, documentId),
  });

  beforeAll(async () => {
    translator = await adminLogin('newsroom-translator-en');
    const doc = await createArticle({ title: '译者克隆测试', origin: { outlet: '中新网' } }, 'zh-Hans', 'draft');
    documentId = doc.documentId;
    await rest('put', `/api/newsroom/articles/${documentId}?locale=en&status=draft`, {
      token: await apiToken(),
      body: { data: { title: 'Translator clone test' } },
    });
  });

  const refusedFor = (res: any, locale: string) => {
    expect({ status: res.status, name: res.body?.error?.name }).toEqual({ status: 403, name: 'PolicyError' });
    expect(res.body.error.message).toContain(locale);
    expect(res.body.error.details).toMatchObject({ locale });
  };

  it.each([
    ['clone into zh-Hans (query locale)', `/clone/{id}?locale=zh-Hans`, {}],
    ['clone into zh-Hans (body locale)', `/clone/{id}`, { locale: 'zh-Hans' }],
    ['clone into zh-Hans (no locale: i18n takes the default)', `/clone/{id}`, {}],
    ['clone into zh-Hans (auto-clone)', `/auto-clone/{id}?locale=zh-Hans`, {}],
    ['create in zh-Hans (query locale)', '?locale=zh-Hans', { title: '译者新建' }],
    ['create in zh-Hans (body locale)', '', { title: '译者新建', locale: 'zh-Hans' }],
    ['create in zh-Hans (query wins over body, as in i18n)', '?locale=zh-Hans', { title: '译者新建', locale: 'en' }],
    ['create in zh-Hans (no locale: i18n takes the default)', '', { title: '译者新建' }],
  ])('%s → 403 naming zh-Hans, nothing created', async (_how, path, body) => {
    const before = await snapshot();
    const res = await rest('post', `${cm(a)}${path.replace('{id}', documentId)}`, { token: translator, body });
    refusedFor(res, 'zh-Hans');
    expect(await snapshot()).toEqual(before);
  });

  it.each(['bulkPublish', 'bulkDelete'])('%s by a translator → 403 in either locale, nothing changed', async (action) => {
    const before = await snapshot();
    for (const locale of ['en', 'zh-Hans']) {
      const res = await rest('post', `${cm(a)}/actions/${action}?locale=${locale}`, { token: translator, body: { documentIds: [documentId] } });
      expect({ locale, status: res.status }).toEqual({ locale, status: 403 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('still lets the translator save the en text (the guard does not refuse its own locale)', async () => {
    const res = await rest('put', `${cm(a)}/${documentId}?locale=en`, { token: translator, body: { title: 'Translator clone test (revised)' } });
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Translator clone test (revised)');
  });
});
