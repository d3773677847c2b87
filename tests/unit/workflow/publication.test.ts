import {
  componentsAfterWrite,
  contentFingerprint,
  dateModified,
  datePublished,
  firstPublishedProblems,
  publicationPatches,
} from '../../../src/plugins/newsroom/server/src/workflow/publication';
import { articleJsonLd } from '../../../src/plugins/newsroom/server/src/syndication/jsonld';
import { articleNinjs } from '../../../src/plugins/newsroom/server/src/syndication/ninjs';
import { jsonFeed, rssFeed } from '../../../src/plugins/newsroom/server/src/syndication/feeds';
import { newsSitemap } from '../../../src/plugins/newsroom/server/src/syndication/sitemap';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';
import { seedArticleDoc } from '../../helpers/seed-articles';

/** The seed story, first published on 2021-12-28 and republished (a typo fixed) three days later. */
const republished = () => ({
  ...seedArticleDoc('zh-Hans'),
  firstPublishedAt: '2021-12-28T01:00:00.000Z',
  publishedAt: '2021-12-31T02:00:00.000Z',
  updatedAt: '2021-12-31T02:00:00.000Z',
  contentModifiedAt: '2021-12-28T01:00:00.000Z',
});
const url = 'https://www.whb.cn/zh-Hans/articles/x';
const ctx = { config: defaultConfig, url, alternates: [] };

describe('publication dates', () => {
  it('dates a story by its first publication, whatever republishing did', () => {
    const a = republished();
    expect(datePublished(a)).toBe('2021-12-28T01:00:00.000Z');
    expect(dateModified(a)).toBe('2021-12-28T01:00:00.000Z');
    const ld: any = articleJsonLd(a, ctx);
    expect(ld.datePublished).toBe('2021-12-28T09:00:00+08:00');
    expect(ld.dateModified).toBe('2021-12-28T09:00:00+08:00');
    const ninjs: any = articleNinjs(a, ctx);
    expect(ninjs.firstCreated).toBe('2021-12-28T09:00:00+08:00');
    expect(ninjs.versionCreated).toBe('2021-12-28T09:00:00+08:00');
    const feedCtx = { config: defaultConfig, locale: 'zh-Hans', feedUrl: 'https://x/feed', siteUrl: 'https://x', urlFor: () => url };
    expect(rssFeed([a], feedCtx)).toContain('<pubDate>Tue, 28 Dec 2021 09:00:00 +0800</pubDate>');
    const feed: any = jsonFeed([a], feedCtx);
    expect(feed.items[0].date_published).toBe('2021-12-28T09:00:00+08:00');
  });

  it('keeps a republished old story out of the news sitemap window', () => {
    const xml = newsSitemap([republished()], {
      config: defaultConfig,
      now: new Date('2021-12-31T03:00:00Z'),
      urlFor: () => url,
      publicationName: () => '文汇报',
    });
    expect(xml).not.toContain('<url>');
  });

  it('moves dateModified with a content change or a correction, never before the first publication', () => {
    expect(dateModified({ ...republished(), contentModifiedAt: '2021-12-30T00:00:00.000Z' })).toBe('2021-12-30T00:00:00.000Z');
    expect(dateModified({ ...republished(), contentModifiedAt: '2021-12-01T00:00:00.000Z' })).toBe('2021-12-28T01:00:00.000Z');
    expect(dateModified({ ...republished(), corrections: [{ date: '2022-01-02T00:00:00.000Z' }] })).toBe('2022-01-02T00:00:00.000Z');
    expect(datePublished({ publishedAt: '2022-01-01T00:00:00.000Z', firstPublishedAt: null })).toBe('2022-01-01T00:00:00.000Z');
  });

  it('fingerprints content, not component ids, key order or system dates', () => {
    const a = { title: 'T', bylines: [{ id: 1, name: 'A', role: 'reporter' }], publishedAt: 'x', autoPublish: true };
    const b = { bylines: [{ role: 'reporter', name: 'A', id: 9 }], title: 'T', publishedAt: 'y', autoPublish: false };
    expect(contentFingerprint(a)).toBe(contentFingerprint(b));
    expect(contentFingerprint({ ...a, title: 'U' })).not.toBe(contentFingerprint(a));
    expect(contentFingerprint({ ...a, corrections: [{ id: 1, text: 'x', date: '1' }] })).toBe(
      contentFingerprint({ ...a, corrections: [{ id: 2, text: 'x', date: '2' }] }),
    );
  });

  it.each([['not a date'], [{}], ['2999-01-01T00:00:00Z'], ['1500-01-01T00:00:00Z']])('refuses firstPublishedAt %p', (v) => {
    expect(firstPublishedProblems(v, new Date('2026-01-01T00:00:00Z'))[0].path).toEqual(['firstPublishedAt']);
  });
  it('accepts a past firstPublishedAt or null', () => {
    expect(firstPublishedProblems('2021-12-28T09:00:00+08:00', new Date())).toEqual([]);
    expect(firstPublishedProblems(null, new Date())).toEqual([]);
  });
});

describe('publicationPatches: the dates every write path sets', () => {
  const now = new Date('2026-12-02T04:00:00.000Z');
  const at = '2026-12-02T04:00:01.000Z';
  const draft = { id: 1, locale: 'zh-Hans', title: '标题', publishedAt: null };

  it('a first publication dates both rows of the locale, and the draft carries it', () => {
    const patches = publicationPatches({ isClone: false, before: [], rows: [draft, { ...draft, id: 2, publishedAt: at }], now, locale: 'zh-Hans' });
    expect(patches[0]).toEqual({ contentModifiedAt: now.toISOString(), firstPublishedAt: at });
    expect(patches[1]).toEqual({ contentModifiedAt: at, firstPublishedAt: at });
  });

  it('a republish of the same content moves neither date; a changed text moves contentModifiedAt only', () => {
    const first = '2021-12-28T01:00:00.000Z';
    const stored = [
      { ...draft, firstPublishedAt: first, contentModifiedAt: first },
      { ...draft, id: 2, publishedAt: first, firstPublishedAt: first, contentModifiedAt: first },
    ];
    const same = publicationPatches({ isClone: false, before: stored, rows: [stored[0], { ...stored[1], id: 3, publishedAt: at }], now, locale: 'zh-Hans' });
    expect(same).toEqual([{}, {}]);
    const edited = [
      { ...stored[0], title: '新标题' },
      { ...stored[1], id: 3, title: '新标题', publishedAt: at },
    ];
    const changed = publicationPatches({ isClone: false, before: stored, rows: edited, now, locale: 'zh-Hans' });
    expect(changed).toEqual([{ contentModifiedAt: now.toISOString() }, { contentModifiedAt: now.toISOString() }]);
  });

  it('a clone is unpublished news; a client-set first publication applies to its locale only', () => {
    const clone = publicationPatches({ isClone: true, before: [], rows: [{ ...draft, firstPublishedAt: at }], now, locale: 'zh-Hans' });
    expect(clone).toEqual([{ firstPublishedAt: null, contentModifiedAt: now.toISOString() }]);
    const archive = '2019-05-01T00:00:00.000Z';
    const rows = [draft, { ...draft, id: 2, publishedAt: at }, { ...draft, id: 3, locale: 'en' }];
    const set = publicationPatches({ isClone: false, before: [], rows, now, locale: 'zh-Hans', clientFirstPublishedAt: { value: archive } });
    expect(set[0].firstPublishedAt).toBe(archive);
    expect(set[1]).toMatchObject({ firstPublishedAt: archive, contentModifiedAt: archive });
    expect(set[2]).not.toHaveProperty('firstPublishedAt');
  });
});

describe('componentsAfterWrite (what the read after a write populates)', () => {
  const byline = { id: 1, name: '张晓鸣', role: 'reporter' };
  it('reads the components some row held before the write, or the write sets, and no other', () => {
    expect(componentsAfterWrite([], { title: 'x' })).toEqual([]);
    expect(componentsAfterWrite([], { title: 'x', bylines: [byline] })).toEqual(['bylines']);
    // Set to empty is still read: the row may have held one before in another locale's copy.
    expect(componentsAfterWrite([], { origin: null, corrections: [] })).toEqual(['origin', 'corrections']);
    expect(componentsAfterWrite([{ bylines: [byline], origin: null, corrections: [] }], undefined)).toEqual(['bylines']);
    expect(componentsAfterWrite([{ bylines: [] }, { origin: { outlet: '新华社' } }], null)).toEqual(['origin']);
    expect(componentsAfterWrite([{ corrections: [{ text: '更正' }] }], { bylines: [] })).toEqual(['bylines', 'corrections']);
  });
});
