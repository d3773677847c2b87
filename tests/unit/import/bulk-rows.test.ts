/**
 * The importer's bulk path, pure part (import/bulk-rows.ts): the data, slugs, rows, links and
 * history a create would store, and the schema check that decides which pages may skip the
 * Document Service. The integration test (tests/integration/import-bulk.test.ts) compares the
 * written result with the Document Service path.
 */
import fs from 'fs';
import path from 'path';
import {
  chooseSlug,
  componentLinkRows,
  documentRows,
  eventPopulate,
  fitsSchema,
  linkRows,
  newArticleHistory,
  prepareCreate,
  slugBase,
  splitData,
} from '../../../src/plugins/newsroom/server/src/import/bulk-rows';
import { storedHistoryEntry } from '../../../src/plugins/newsroom/server/src/workflow/history';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';

const SRC = path.resolve(__dirname, '../../../src/plugins/newsroom/server/src');
const attributesOf = (kind: string) => JSON.parse(fs.readFileSync(path.join(SRC, 'content-types', kind, 'schema.json'), 'utf8')).attributes;
const componentAttributes = (uid: string) => {
  const file = path.join(SRC, 'components', `${uid.split('.')[1]}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).attributes : undefined;
};
const SYSTEM = { system: true };

describe('prepareCreate: what the rules store for a new document', () => {
  it('gives an exclusive its notice, a reprint its credit, and both the status of an original', () => {
    const exclusive = prepareCreate(defaultConfig, 'article', 'zh-Hans', { title: '独家', exclusive: true, origin: null, reprintNotice: 'forged', ...SYSTEM });
    expect(exclusive.problems).toEqual([]);
    expect(exclusive.data).toMatchObject({ reprintNotice: '文汇独家稿件,转载请注明出处。', creditLine: null, translationStatus: 'source' });
    const reprint = prepareCreate(defaultConfig, 'article', 'en', { title: 'Reprint', exclusive: false, origin: { outlet: '中新网' } });
    expect(reprint.data).toMatchObject({ reprintNotice: null, creditLine: 'Source: China News Service', translationStatus: 'source' });
    const item = prepareCreate(defaultConfig, 'news-item', 'zh-Hans', { headline: '标题', outlet: '新华社', creditLine: 'x', translationStatus: 'stale' });
    expect(item.data).toMatchObject({ creditLine: '来源:新华社', translationStatus: 'source' });
  });

  it('drops what clients may not set and reports what the rules refuse', () => {
    const { data } = prepareCreate(defaultConfig, 'news-item', 'zh-Hans', { headline: 'h', outlet: 'o', translatedFromHash: 'abc', previousSlugs: ['x'] });
    expect(data).not.toHaveProperty('translatedFromHash');
    expect(data).not.toHaveProperty('previousSlugs');
    const refused = prepareCreate(defaultConfig, 'article', 'zh-Hans', { title: '独家转载', exclusive: true, origin: { outlet: '中新网' } });
    expect(refused.problems.map((p) => p.path[0])).toContain('exclusive');
    expect(prepareCreate(defaultConfig, 'article', 'zh-Hans', { exclusive: false }).problems.map((p) => p.path[0])).toContain('title');
    expect(prepareCreate(defaultConfig, 'neighbourhood', 'zh-Hans', { name: 'n', households: 10, occupiedHouseholds: 20 }).problems.length).toBeGreaterThan(0);
  });
});

describe('slugs', () => {
  it('takes the title’s slug when free, else the first free -N, as the write path does', () => {
    expect(chooseSlug('article', '用情融入基层治理', 'doc1', new Set())).toBe('yong-qing-rong-ru-ji-ceng-zhi-li');
    expect(chooseSlug('article', '用情融入基层治理', 'doc1', new Set(['yong-qing-rong-ru-ji-ceng-zhi-li', 'yong-qing-rong-ru-ji-ceng-zhi-li-2']))).toBe(
      'yong-qing-rong-ru-ji-ceng-zhi-li-3',
    );
    expect(slugBase('news-item', '!!!', 'AbC123xyz')).toBe('news-item-abc123xyz');
  });
});

describe('rows', () => {
  const now = new Date('2026-11-29T02:00:00.000Z');
  const at = new Date('2026-11-29T02:00:01.000Z');

  it('splits scalars, components (always lists) and relations', () => {
    const { scalars, components, relations } = splitData('article', {
      title: 't',
      bylines: [{ name: 'a', role: 'reporter' }],
      origin: { outlet: 'o' },
      neighbourhood: 'n1',
      relatedNews: ['x'],
    });
    expect(scalars).toEqual({ title: 't' });
    expect(components).toEqual({ bylines: [{ name: 'a', role: 'reporter' }], origin: [{ outlet: 'o' }] });
    expect(relations).toEqual({ neighbourhood: 'n1', relatedNews: ['x'] });
  });

  it('makes a draft and a published row, with the publication dates the workflow sets', () => {
    const [draft, published] = documentRows('article', { title: 't' }, 'd1', 'zh-Hans', { now, publishedAt: at });
    expect(draft).toMatchObject({
      documentId: 'd1',
      locale: 'zh-Hans',
      publishedAt: null,
      contentModifiedAt: now.toISOString(),
      firstPublishedAt: at.toISOString(),
    });
    expect(published).toMatchObject({ publishedAt: at.toISOString(), contentModifiedAt: at.toISOString(), firstPublishedAt: at.toISOString() });
    const drafts = documentRows('article', { title: 't' }, 'd1', 'en', { now, publishedAt: null });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).not.toHaveProperty('firstPublishedAt');
    expect(documentRows('news-item', { headline: 'h' }, 'd2', 'en', { now, publishedAt: at })[1]).not.toHaveProperty('contentModifiedAt');
  });

  it('orders links 1…n on the owner side and after the current highest on the inverse side', () => {
    const inverseMax = new Map([[7, 2]]);
    const rows = linkRows(
      [
        { ownerId: 1, targetIds: [7, 8, 7] },
        { ownerId: 2, targetIds: [8] },
      ],
      { owner: 'article_id', target: 'news_item_id', order: 'news_item_ord', inverseOrder: 'article_ord' },
      inverseMax,
    );
    expect(rows).toEqual([
      { article_id: 1, news_item_id: 7, news_item_ord: 1, article_ord: 3 },
      { article_id: 1, news_item_id: 8, news_item_ord: 2, article_ord: 1 },
      { article_id: 2, news_item_id: 8, news_item_ord: 1, article_ord: 2 },
    ]);
    expect(
      componentLinkRows(5, 'origin', { uid: 'newsroom.origin', repeatable: false }, [9], { entity: 'entity_id', component: 'cmp_id', order: 'order' }),
    ).toEqual([{ entity_id: 5, cmp_id: 9, component_type: 'newsroom.origin', field: 'origin' }]);
    expect(
      componentLinkRows(5, 'bylines', { uid: 'newsroom.byline', repeatable: true }, [3, 4], { entity: 'entity_id', component: 'cmp_id', order: 'order' }).map(
        (r) => r.order,
      ),
    ).toEqual([1, 2]);
  });

  it('records a new article’s history: exclusive or origin once, a publication per published locale', () => {
    const rows = documentRows('article', { title: 't', exclusive: true }, 'd1', 'zh-Hans', { now, publishedAt: at });
    const actor = { type: 'system' as const, id: null, name: 'system' };
    const entries = newArticleHistory('d1', rows, {}, actor, now);
    expect(entries.map((e) => [e.change, e.locale, e.after])).toEqual([
      ['exclusive', null, true],
      ['publish', 'zh-Hans', at.toISOString()],
    ]);
    const reprint = newArticleHistory(
      'd2',
      documentRows('article', { exclusive: false }, 'd2', 'en', { now, publishedAt: null }),
      { origin: [{ outlet: '中新网' }] },
      actor,
      now,
    );
    expect(reprint.map((e) => e.change)).toEqual(['origin']);
    expect(storedHistoryEntry(entries[0])).toMatchObject({ before: { value: null }, after: { value: true } });
  });
});

describe('fitsSchema: only what Strapi certainly accepts skips the Document Service', () => {
  const article = attributesOf('article');
  const check = (data: Record<string, unknown>, isDraft = false) => fitsSchema(article, data, { isDraft, componentAttributes });
  const ok = { title: '标题', exclusive: true, body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文' }] }], keywords: ['a'] };

  it('accepts the data an imported page gives', () => {
    expect(check({ ...ok, bylines: [{ name: '张晓鸣', role: 'reporter' }], origin: { outlet: '中新网', originalDateline: '上海1日电' } })).toBe(true);
    expect(check({ ...ok, origin: null, column: null, imageNote: null })).toBe(true);
  });

  it('refuses lengths, enumerations, types and required fields Strapi would refuse', () => {
    expect(check({ ...ok, title: '长'.repeat(201) })).toBe(false);
    expect(check({ ...ok, title: undefined })).toBe(false); // required when published
    expect(check({ ...ok, title: undefined }, true)).toBe(true); // not of a draft
    expect(check({ ...ok, bylines: [{ name: 'x', role: 'author' }] })).toBe(false);
    expect(check({ ...ok, bylines: [{ name: '', role: 'reporter' }] })).toBe(false);
    expect(check({ ...ok, exclusive: 'yes' })).toBe(false);
    expect(check({ ...ok, origin: { outlet: 'x'.repeat(81) } })).toBe(false);
    expect(fitsSchema({ s: { type: 'string' } }, { s: 'x'.repeat(256) }, { isDraft: true, componentAttributes })).toBe(false); // Strapi's default 255
    expect(fitsSchema({ n: { type: 'integer', min: 0 } }, { n: -1 }, { isDraft: false, componentAttributes })).toBe(false);
    expect(fitsSchema({ n: { type: 'integer' } }, { n: 1.5 }, { isDraft: false, componentAttributes })).toBe(false);
  });

  it('answers false for whatever it does not know for sure', () => {
    expect(check({ ...ok, unknownField: 1 })).toBe(false);
    expect(check({ ...ok, embargoUntil: '2030-01-01T00:00:00Z' })).toBe(false); // dates: the Document Service decides
    expect(check({ ...ok, body: [{ type: 'heading', level: 2, children: [{ type: 'text', text: 'h' }] }] })).toBe(false);
    expect(check({ ...ok, body: [{ type: 'paragraph', children: [{ type: 'text', text: 'b', bold: true }] }] })).toBe(false);
    expect(fitsSchema({ u: { type: 'string', unique: true } }, { u: 'x' }, { isDraft: true, componentAttributes })).toBe(false);
    expect(fitsSchema({ r: { type: 'relation' } }, { r: 1 }, { isDraft: true, componentAttributes })).toBe(false);
  });
});

describe('eventPopulate: the entry a Document Service event carries', () => {
  it('populates database relations and components in depth, not virtual relations', () => {
    const models: Record<string, Record<string, any>> = {
      'plugin::newsroom.article': {
        ...attributesOf('article'),
        localizations: { type: 'relation', unstable_virtual: true },
        cover: { type: 'media' },
      },
    };
    const populate = eventPopulate((uid) => models[uid] ?? componentAttributes(uid), 'plugin::newsroom.article');
    expect(Object.keys(populate).sort()).toEqual(['bylines', 'corrections', 'cover', 'neighbourhood', 'origin', 'relatedNews']);
    expect(populate.bylines).toEqual({ populate: {} });
    expect(populate.relatedNews).toEqual({ select: undefined });
    expect(populate.cover).toEqual({ select: ['*'] });
  });
});
