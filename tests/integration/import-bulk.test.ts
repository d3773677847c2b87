/**
 * The importer's bulk write path against the Document Service path: the same pages, imported once
 * through each (titles, headlines and neighbourhood names tagged "DS " / "BK " so neither run
 * matches the other's documents), must give documents that differ in nothing but their ids, dates
 * and the tag — read back through the Document Service (components, relations, draft and
 * published, both locales), REST, GraphQL and the raw rows (private fields, join-table orders), with
 * the same rights history, and a clean newsroom check. Also: per-page atomicity in bulk batches
 * (a refused page alone is rolled back; a failing bulk write falls back to the per-page path).
 * Own Strapi, fresh database (SQLite, or PostgreSQL with DATABASE_CLIENT=postgres).
 */
import fs from 'fs';
import path from 'path';
import { bootStrapi, settle, stopStrapi, strapiInstance } from '../helpers/strapi';
import { UID, graphql, rest } from '../helpers/http';
import { parsePage } from '../../src/plugins/newsroom/server/src/import/parse-page';
import { ImportPlan, planImport } from '../../src/plugins/newsroom/server/src/import/plan';
import { ParsedPage } from '../../src/plugins/newsroom/server/src/import/types';
import { benchPage } from '../bench/import-pages';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const SEED = JSON.parse(fs.readFileSync(path.join(ROOT, 'database/seed/newsroom.json'), 'utf8'));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const importer = () => strapiInstance().plugin('newsroom').service('importer');

type Tag = 'DS' | 'BK';

/** The page with its own title, headlines and neighbourhood name tagged (the seed's headlines stay shared when `shareNews`). */
function tagged(page: ParsedPage, tag: Tag, shareNews = false): ImportPlan {
  const p: ParsedPage = JSON.parse(JSON.stringify(page));
  p.article.title = `${tag} ${p.article.title}`;
  if (!shareNews) for (const n of p.relatedNews) n.headline = `${tag} ${n.headline}`;
  if (p.neighbourhood) p.neighbourhood.name = `${tag} ${p.neighbourhood.name}`;
  return planImport(p);
}

const PAGES: Array<{ name: string; page: ParsedPage; shareNews?: boolean }> = [
  // House-style pages: exclusives and reprints, with and without figures, 1–4 related items (shared between pages).
  ...Array.from({ length: 12 }, (_, i) => ({ name: `bench-${i}`, page: parsePage(benchPage(i)) })),
  ...Array.from({ length: 4 }, (_, i) => ({ name: `bench-again-${i}`, page: parsePage(benchPage(i + 8)) })).map((e) => {
    e.page.article.title += '(续)'; // new articles linking the news items and neighbourhoods of earlier pages
    return e;
  }),
  // English pages (locale en), a reprint, and the seed page retitled (links the seed's news items and neighbourhood).
  { name: 'en-lift', page: parsePage(fixture('corpus/en-lift-jingan.txt')) },
  { name: 'en-xinhua', page: parsePage(fixture('corpus/en-xinhua-reprint.txt')) },
  { name: 'zh-chinanews', page: parsePage(fixture('reprint-chinanews.txt')) },
  {
    name: 'seed-retitled',
    page: parsePage(fixture('seed-wenhui.txt').replace('用情融入基层治理,普陀这里让居民品出温暖“老味道”', '批量对照 普陀这里让居民品出温暖')),
    shareNews: true,
  },
];

const TIME_FIELDS = ['createdAt', 'updatedAt', 'publishedAt', 'firstPublishedAt', 'contentModifiedAt'];
const untag = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/^(DS|BK) /, '').replace(/^(ds|bk)-/, '') : v);

/** A document as read back, without what legitimately differs (ids, dates, the tag); dates checked for shape. */
function normalise(value: any, tag: Tag): any {
  if (Array.isArray(value)) return value.map((v) => normalise(v, tag));
  if (!value || typeof value !== 'object') return untag(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'id' || k === 'documentId' || k === 'importKey') continue;
    if (TIME_FIELDS.includes(k)) out[k] = v === null || v === undefined ? null : 'date';
    else out[k] = normalise(v, tag);
  }
  return out;
}

const POPULATE = { bylines: true, origin: true, corrections: true, neighbourhood: true, relatedNews: true };

async function readBack(documentId: string, locale: string, tag: Tag) {
  const strapi = strapiInstance();
  const docs = strapi.documents(UID.article);
  const draft = await docs.findOne({ documentId, locale, status: 'draft', populate: POPULATE });
  const published = await docs.findOne({ documentId, locale, status: 'published', populate: POPULATE });
  const rows = await strapi.db.query(UID.article).findMany({
    where: { documentId },
    populate: ['bylines', 'origin', 'neighbourhood', 'relatedNews'],
    orderBy: [{ locale: 'asc' }, { publishedAt: 'asc' }],
  });
  const restRes = await rest('get', `/api/newsroom/articles/${documentId}?locale=${locale}&populate=*`);
  const gql = await graphql(
    `
      query ($id: ID!, $locale: I18NLocaleCode) {
        newsroomArticle(documentId: $id, locale: $locale) {
          title
          slug
          column
          exclusive
          reprintNotice
          creditLine
          imageNote
          dateline
          keywords
          translationStatus
          bylines {
            name
            role
          }
          origin {
            outlet
            originalDateline
          }
          neighbourhood {
            name
          }
          relatedNews {
            headline
            outlet
            creditLine
          }
        }
      }
    `,
    { id: documentId, locale },
  );
  const history = await strapi.plugin('newsroom').service('history').list(documentId);
  expect(restRes.status).toBe(published ? 200 : 404);
  if (published) expect(gql.body.data.newsroomArticle.title).toBeTruthy();
  expect(draft.bylines.length + (draft.origin ? 1 : 0)).toBeGreaterThan(0);
  expect(history.length).toBeGreaterThan(0);
  // Published dates: a first publication dates both rows and the published row's content.
  for (const r of rows) if (r.publishedAt) expect(new Date(r.firstPublishedAt).getTime()).toBe(new Date(r.publishedAt).getTime());
  return normalise(
    {
      draft,
      published,
      rows: rows.map((r: any) => ({ ...r, importKeyKind: r.importKey?.split(':')[0] ?? null })),
      rest: restRes.status === 200 ? restRes.body.data : { status: restRes.status },
      graphql: gql.body,
      history: history.map((h: any) => ({ ...h, at: 'date', after: h.change === 'publish' ? 'date' : h.after })),
    },
    tag,
  );
}

/** Join-table rows of an article's related news: order and inverse order, as Strapi keeps them. */
async function relationOrders(documentId: string) {
  const strapi = strapiInstance();
  const meta = strapi.db.metadata.get(UID.article).attributes.relatedNews.joinTable;
  const ids = (await strapi.db.query(UID.article).findMany({ select: ['id', 'publishedAt'], where: { documentId }, orderBy: { publishedAt: 'asc' } })).map(
    (r: any) => r.id,
  );
  const rows = await strapi.db.getConnection(meta.name).select('*').whereIn(meta.joinColumn.name, ids).orderBy([meta.joinColumn.name, meta.orderColumnName]);
  return rows.map((r: any) => ({
    owner: ids.indexOf(r[meta.joinColumn.name]),
    order: Number(r[meta.orderColumnName]),
    inverse: Number(r[meta.inverseOrderColumnName]),
  }));
}

beforeAll(async () => {
  await bootStrapi();
  await strapiInstance().plugin('newsroom').service('seed').load(SEED);
}, 240_000);

afterAll(async () => {
  await stopStrapi();
}, 60_000);

describe('importer bulk path ≡ Document Service path', () => {
  const outcomes: Record<Tag, any[]> = { DS: [], BK: [] };
  const events: Record<Tag, Array<{ name: string; uid: string; entry: any }>> = { DS: [], BK: [] };

  it('imports the same pages both ways (the bulk run writes in bulk every page that only creates or links)', async () => {
    for (const tag of ['DS', 'BK'] as Tag[]) {
      const session = importer().createSession();
      const plans = PAGES.map((p) => tagged(p.page, tag, p.shareNews));
      const unsubscribe = strapiInstance().eventHub.subscribe((name: string, payload: any) => {
        if (/^entry\./.test(name) && /^plugin::newsroom\.(article|news-item|neighbourhood)$/.test(payload?.uid))
          events[tag].push({ name, uid: payload.uid, entry: payload.entry });
      });
      // Two batches, as the CLI makes them: the second links what the first created.
      for (const batch of [plans.slice(0, 10), plans.slice(10)]) {
        const results = await importer().importBatch(batch, { publish: true, session, bulk: tag === 'BK' });
        for (const r of results) expect(r).toMatchObject({ ok: true });
        outcomes[tag].push(...results.map((r: any) => r.outcome));
      }
      await settle(strapiInstance()); // events are emitted after commit
      unsubscribe();
      if (tag === 'BK') {
        // The "(续)" pages re-import news items of earlier pages unchanged: links by import key, not updates, so
        // every page stays on the bulk path.
        const keyLinks = outcomes.BK.flatMap((o) => o.newsItems.items).filter((n: any) => n.action === 'linked' && n.matchedBy === 'importKey');
        expect(keyLinks.length).toBeGreaterThan(0);
        expect(outcomes.BK.filter((o) => o.newsItems.updated > 0 || o.article.action === 'updated')).toHaveLength(0);
        expect(session.stats).toEqual({ bulk: PAGES.length, documents: 0, fallbacks: 0 });
      } else expect(session.stats.bulk).toBe(0);
    }
    // Same actions, page by page: created, linked, how many news items of each.
    const actions = (o: any) => ({
      article: o.article.action,
      neighbourhood: o.neighbourhood?.action ?? null,
      news: [o.newsItems.created, o.newsItems.updated, o.newsItems.linked],
    });
    expect(outcomes.BK.map(actions)).toEqual(outcomes.DS.map(actions));
    expect(outcomes.BK.filter((o) => o.article.action === 'created')).toHaveLength(PAGES.length);
  });

  it('emits the same entry.create / entry.publish events (webhooks, audit) for what it creates, with populated entries', async () => {
    // The documents each run created on the pages the bulk run wrote in bulk (not those updating by import key).
    const createdIds = (tag: Tag) => {
      const ids = new Set<string>();
      outcomes.DS.forEach((o, i) => {
        if (o.newsItems.updated > 0) return;
        const mine = outcomes[tag][i];
        if (mine.article.action === 'created') ids.add(mine.article.documentId);
        if (mine.neighbourhood?.action === 'created') ids.add(mine.neighbourhood.documentId);
        for (const n of mine.newsItems.items) if (n.action === 'created') ids.add(n.documentId);
      });
      // Documents a later page updated through the Document Service have its events too (and racy ones: an entry read after its row was replaced).
      outcomes[tag].forEach((o) => o.newsItems.items.forEach((n: any) => n.action === 'updated' && ids.delete(n.documentId)));
      return ids;
    };
    const seen = (tag: Tag) => {
      const ids = createdIds(tag);
      return events[tag]
        .filter((e) => e.entry && ids.has(e.entry.documentId))
        .map((e) => `${e.name} ${e.uid} ${String(untag(e.entry.title ?? e.entry.headline ?? e.entry.name))}`)
        .sort();
    };
    expect(seen('BK').length).toBeGreaterThan(PAGES.length * 2);
    expect(seen('BK')).toEqual(seen('DS'));
    const published = events.BK.find((e) => e.name === 'entry.publish' && e.uid === UID.article && e.entry?.bylines?.length);
    expect(published?.entry).toMatchObject({ publishedAt: expect.any(String), reprintNotice: expect.any(String) });
    expect(Array.isArray(published?.entry.relatedNews)).toBe(true);
    expect(published?.entry).not.toHaveProperty('importKey'); // sanitised as the Document Service's events are
  });

  it('gives every article the same fields, components, relations, slug, notice and credit, read back through the Document Service, REST and GraphQL', async () => {
    for (let i = 0; i < PAGES.length; i += 1) {
      const locale = PAGES[i].page.language;
      const ds = await readBack(outcomes.DS[i].article.documentId, locale, 'DS');
      const bk = await readBack(outcomes.BK[i].article.documentId, locale, 'BK');
      expect({ page: PAGES[i].name, ...bk }).toEqual({ page: PAGES[i].name, ...ds });
      expect(bk.published.slug).toBeTruthy();
      // Join-table orders; on the seed's news items (linked by both runs) the bulk run's article comes one later.
      const later = PAGES[i].shareNews ? 1 : 0;
      const dsOrders = (await relationOrders(outcomes.DS[i].article.documentId)).map((o: any) => ({ ...o, inverse: o.inverse + later }));
      expect(await relationOrders(outcomes.BK[i].article.documentId)).toEqual(dsOrders);
    }
    // Spot checks of what the rules give (not only "the same").
    const bench0 = await readBack(outcomes.BK[0].article.documentId, 'zh-Hans', 'BK');
    expect(bench0.published).toMatchObject({ exclusive: true, reprintNotice: '文汇独家稿件,转载请注明出处。', creditLine: null, translationStatus: 'source' });
    const reprint = await readBack(outcomes.BK[4].article.documentId, 'zh-Hans', 'BK');
    expect(reprint.published).toMatchObject({ exclusive: false, reprintNotice: null, creditLine: '来源:中新网' });
    expect(reprint.published.origin).toMatchObject({ outlet: '中新网' });
  });

  it('creates the same news items and neighbourhoods (draft profiles, credited items, slugs)', async () => {
    const strapi = strapiInstance();
    for (const [uid, kind] of [
      [UID.newsItem, 'newsItems'],
      [UID.neighbourhood, 'neighbourhood'],
    ] as const) {
      for (let i = 0; i < PAGES.length; i += 1) {
        const ids = (tag: Tag) =>
          kind === 'newsItems'
            ? outcomes[tag][i].newsItems.items.filter((n: any) => n.action === 'created').map((n: any) => n.documentId)
            : outcomes[tag][i].neighbourhood?.action === 'created'
              ? [outcomes[tag][i].neighbourhood.documentId]
              : [];
        const read = async (tag: Tag) =>
          normalise(
            await Promise.all(
              ids(tag).map((documentId: string) =>
                strapi.db.query(uid).findMany({
                  where: { documentId },
                  populate: uid === UID.neighbourhood ? ['services', 'partnerships'] : [],
                  orderBy: { publishedAt: 'asc' },
                }),
              ),
            ),
            tag,
          );
        expect(await read('BK')).toEqual(await read('DS'));
      }
    }
    const item = await strapi.db
      .query(UID.newsItem)
      .findOne({ where: { documentId: outcomes.BK[0].newsItems.items[0].documentId, publishedAt: { $notNull: true } } });
    expect(item).toMatchObject({ outlet: '中新网', creditLine: '来源:中新网', translationStatus: 'source' });
    const hood = await strapi.db.query(UID.neighbourhood).findMany({ where: { documentId: outcomes.BK[0].neighbourhood.documentId } });
    expect(hood.map((r: any) => r.publishedAt)).toEqual([null]); // profiles stay drafts for an editor
  });

  it('imports drafts (without --publish) the same both ways', async () => {
    const ids: Record<Tag, string[]> = { DS: [], BK: [] };
    for (const tag of ['DS', 'BK'] as Tag[]) {
      const session = importer().createSession();
      const results = await importer().importBatch(
        [300, 301, 304].map((i) => tagged(parsePage(benchPage(i)), tag)),
        { publish: false, session, bulk: tag === 'BK' },
      );
      ids[tag] = results.map((r: any) => r.outcome.article.documentId);
      expect(session.stats.bulk).toBe(tag === 'BK' ? 3 : 0);
    }
    for (let i = 0; i < 3; i += 1) {
      const bk = await readBack(ids.BK[i], 'zh-Hans', 'BK');
      expect(bk.published).toBeNull();
      expect(bk.draft.firstPublishedAt).toBeNull();
      expect(bk).toEqual(await readBack(ids.DS[i], 'zh-Hans', 'DS'));
    }
  });

  it('leaves nothing for the newsroom check to report', async () => {
    const { violations } = await strapiInstance().plugin('newsroom').service('reconcile').audit();
    expect(violations).toEqual([]);
  });
});

describe('importer bulk path: one page, one unit', () => {
  it('rolls a refused page back alone in a bulk batch (the Document Service refuses it with the rules’ error)', async () => {
    const good1 = tagged(parsePage(benchPage(100)), 'BK');
    const badPage = parsePage(fixture('corpus/zh-xinhua-reprint.txt'));
    badPage.article.exclusive = true; // a reprint cannot be exclusive
    badPage.article.title = '批量路径里被拒绝的一页';
    badPage.relatedNews.push({ headline: '只属于被拒绝那一页的批量新闻', summary: null, outlet: '中新网', dateline: null, reporters: [] });
    const tooLong = tagged(parsePage(benchPage(101)), 'BK');
    (tooLong.article.data as any).title = `${'长'.repeat(201)}`; // over the schema's 200: Strapi refuses it
    const good2 = tagged(parsePage(benchPage(102)), 'BK');
    const session = importer().createSession();
    const results = await importer().importBatch([good1, planImport(badPage), tooLong, good2], { publish: true, session });
    expect(results.map((r: any) => r.ok)).toEqual([true, false, false, true]);
    expect((results[1] as any).error.name).toBe('ValidationError');
    expect((results[1] as any).error.message).toMatch(/exclusive/);
    expect((results[2] as any).error.name).toBe('ValidationError');
    expect(session.stats).toEqual({ bulk: 2, documents: 2, fallbacks: 0 });
    const strapi = strapiInstance();
    expect(await strapi.db.query(UID.article).count({ where: { title: badPage.article.title } })).toBe(0);
    expect(await strapi.db.query(UID.article).count({ where: { title: '长'.repeat(201) } })).toBe(0);
    expect(await strapi.db.query(UID.newsItem).count({ where: { headline: '只属于被拒绝那一页的批量新闻' } })).toBe(0);
    for (const r of [results[0], results[3]] as any[])
      expect(await strapi.db.query(UID.article).count({ where: { documentId: r.outcome.article.documentId } })).toBe(2);
  });

  it('falls back to the per-page path when a bulk write fails: nothing of the failed attempt remains, every page is written once', async () => {
    const strapi = strapiInstance();
    const plans = [200, 201, 202].map((i) => tagged(parsePage(benchPage(i)), 'BK'));
    const session = importer().createSession();
    // The last insert of a bulk write (the rights history) fails once: everything before it must be rolled back.
    const em = strapi.db.entityManager;
    const original = em.createMany.bind(em);
    let failed = 0;
    em.createMany = async (uid: string, params: any) => {
      if (uid === 'plugin::newsroom.history-entry' && failed === 0) {
        failed += 1;
        throw new Error('injected failure of a bulk insert');
      }
      return original(uid, params);
    };
    try {
      const results = await importer().importBatch(plans, { publish: true, session });
      expect(results.map((r: any) => r.ok)).toEqual([true, true, true]);
    } finally {
      em.createMany = original;
    }
    expect(failed).toBe(1);
    expect(session.stats).toEqual({ bulk: 0, documents: 3, fallbacks: 1 });
    for (const plan of plans) {
      const rows = await strapi.db.query(UID.article).findMany({ where: { title: plan.article.data.title } });
      expect(rows).toHaveLength(2); // a draft and its published row, once
      const history = await strapi.plugin('newsroom').service('history').list(rows[0].documentId);
      expect(history.filter((h: any) => h.change === 'publish')).toHaveLength(1);
    }
    for (const plan of plans)
      for (const n of plan.newsItems) expect(await strapi.db.query(UID.newsItem).count({ where: { headline: n.data.headline } })).toBe(2);
  });
});

describe('importer bulk path: an archive whose related items recur', () => {
  /** Archive pages (related items from the bench's pool of recurring headlines), tagged apart from the other tests. */
  const archivePlan = (i: number, change?: (p: ParsedPage) => void): ImportPlan => {
    const page = parsePage(benchPage(i, { archive: true }));
    page.article.title = `AR ${page.article.title}`;
    for (const n of page.relatedNews) n.headline = `AR ${n.headline}`;
    if (page.neighbourhood) page.neighbourhood.name = `AR ${page.neighbourhood.name}`;
    change?.(page);
    return planImport(page);
  };
  const headlineCount = (headline: string) => strapiInstance().db.query(UID.newsItem).count({ where: { headline } });

  it('links an unchanged item matched by import key and keeps the page on the bulk path, within a session and in a new one', async () => {
    const first = await importer().importBatch(
      Array.from({ length: 10 }, (_, i) => archivePlan(400 + i)),
      { publish: true },
    );
    for (const r of first) expect(r).toMatchObject({ ok: true });
    // A new session reads what exists from the database (stored rows compared, JSON columns included).
    const session = importer().createSession();
    const plans = Array.from({ length: 10 }, (_, i) => archivePlan(410 + i));
    const again = await importer().importBatch(plans, { publish: true, session });
    for (const r of again) expect(r).toMatchObject({ ok: true });
    expect(session.stats).toEqual({ bulk: 10, documents: 0, fallbacks: 0 });
    const items = again.flatMap((r: any) => r.outcome.newsItems.items);
    expect(items.filter((n: any) => n.action === 'linked' && n.matchedBy === 'importKey').length).toBeGreaterThan(0);
    expect(items.filter((n: any) => n.action === 'updated')).toHaveLength(0);
    // Every headline once: a draft and its published row.
    for (const plan of plans) for (const n of plan.newsItems) expect(await headlineCount(n.data.headline as string)).toBe(2);
    // The linked items are related to the new articles (draft and published rows), after the articles they already had.
    const strapi = strapiInstance();
    const article = await strapi.documents(UID.article).findOne({
      documentId: again[0].ok ? again[0].outcome.article.documentId : '',
      locale: 'zh-Hans',
      status: 'published',
      populate: { relatedNews: true },
    });
    expect(article.relatedNews.map((n: any) => n.headline)).toEqual(plans[0].newsItems.map((n) => n.data.headline));
    const dry = await importer().dryRun(plans[1], importer().createSession(), { publish: true });
    expect(dry.newsItems.every((n: any) => n.action === 'would-link')).toBe(true);
  });

  it('sends a page whose recurring item really changed through the Document Service, which updates it', async () => {
    const session = importer().createSession();
    // Page 420 carrying page 401's first related item (imported above), with a new summary.
    const known = parsePage(benchPage(401, { archive: true })).relatedNews[0];
    const changed = archivePlan(420, (p) => (p.relatedNews[0] = { ...known, headline: `AR ${known.headline}`, summary: '摘要改过了' }));
    const plans = [archivePlan(421), changed, archivePlan(422)];
    const dry = await importer().dryRun(changed, session, { publish: true });
    expect(dry.newsItems[0].action).toBe('would-update');
    const results = await importer().importBatch(plans, { publish: true, session });
    for (const r of results) expect(r).toMatchObject({ ok: true });
    expect(session.stats).toEqual({ bulk: 2, documents: 1, fallbacks: 0 });
    const outcome = (results[1] as any).outcome;
    expect(outcome.newsItems.items[0]).toMatchObject({ action: 'updated', matchedBy: 'importKey' });
    const headline = changed.newsItems[0].data.headline as string;
    const rows = await strapiInstance().db.query(UID.newsItem).findMany({ where: { headline } });
    expect(rows.map((r: any) => r.summary)).toEqual(['摘要改过了', '摘要改过了']);
    // Imported again as it now is: a link.
    const same = await importer().dryRun(changed, importer().createSession(), { publish: true });
    expect(same.newsItems[0].action).toBe('would-link');
  });
});
