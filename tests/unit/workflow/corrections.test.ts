import { appendCorrections, correctionLabel } from '../../../src/plugins/newsroom/server/src/workflow/corrections';
import { articleJsonLd } from '../../../src/plugins/newsroom/server/src/syndication/jsonld';
import { articleNinjs } from '../../../src/plugins/newsroom/server/src/syndication/ninjs';
import { jsonFeed, rssFeed } from '../../../src/plugins/newsroom/server/src/syndication/feeds';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';
import { seedArticleDoc } from '../../helpers/seed-articles';

const now = new Date('2026-11-28T02:00:00Z');
const stored = [{ date: '2026-11-27T01:00:00.000Z', text: '原文将户数误作1466户,应为1644户。', kind: 'correction' as const }];

describe('corrections are append-only', () => {
  it('appends a new item dated by the server, whatever date the client sent', () => {
    const { value, problems } = appendCorrections(
      stored,
      [
        { ...stored[0], id: 3 },
        { text: ' 补充说明 ', kind: 'clarification', date: '1999-01-01T00:00:00Z' },
      ],
      now,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual([stored[0], { date: now.toISOString(), text: '补充说明', kind: 'clarification' }]);
  });

  it('accepts the stored items sent back without their date (as a client that only knows text)', () => {
    expect(appendCorrections(stored, [{ text: stored[0].text }], now).problems).toEqual([]);
  });

  it.each([
    ['removed', []],
    ['edited', [{ ...stored[0], text: '改过的更正' }]],
    ['re-kinded', [{ ...stored[0], kind: 'clarification' }]],
    ['re-dated', [{ ...stored[0], date: '2026-11-28T00:00:00Z' }]],
    ['replaced by null', null],
    ['not a list', 'text'],
    ['an item that is not an object', ['x']],
  ])('refuses an existing correction %s, naming corrections', (_label, sent) => {
    const { problems } = appendCorrections(stored, sent, now);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.path[0]).toBe('corrections');
  });

  it.each([
    ['empty text', { text: '   ' }],
    ['unknown kind', { text: 'x', kind: 'retraction' }],
    ['oversized text', { text: '长'.repeat(2001) }],
  ])('refuses a new item with %s', (_label, item) => {
    expect(appendCorrections([], [item], now).problems[0].path[0]).toBe('corrections');
  });

  it('survives generated hostile input without throwing', () => {
    const samples: unknown[] = [
      undefined,
      0,
      -1,
      NaN,
      {},
      [],
      [[]],
      [{ text: { $ne: 1 } }],
      [{ text: Infinity }],
      [{ kind: ['correction'] }],
      '__proto__',
      [{ __proto__: { text: 'x' } }],
    ];
    for (const s of samples) expect(() => appendCorrections(stored, s, now)).not.toThrow();
  });

  it('labels kinds per locale', () => {
    expect(correctionLabel('correction', 'zh-Hans')).toBe('更正');
    expect(correctionLabel('clarification', 'en')).toBe('Clarification');
    expect(correctionLabel(null, 'fr')).toBe('Correction');
  });
});

describe('corrections in the machine-readable forms', () => {
  const article = { ...seedArticleDoc('zh-Hans'), corrections: stored };
  const ctx = { config: defaultConfig, url: 'https://www.whb.cn/a', alternates: [] };

  it('JSON-LD carries correction as CorrectionComment with its date and text, and dateModified moves to it', () => {
    const ld: any = articleJsonLd(article, ctx);
    expect(ld.correction).toEqual([{ '@type': 'CorrectionComment', datePublished: '2026-11-27T09:00:00+08:00', text: stored[0].text }]);
    expect(ld.dateModified).toBe('2026-11-27T09:00:00+08:00');
  });

  it('ninjs carries it as a dated description', () => {
    const ninjs: any = articleNinjs(article, ctx);
    expect(ninjs.descriptions).toContainEqual({ value: `更正 (2026-11-27T09:00:00+08:00): ${stored[0].text}`, role: 'correction', contentType: 'text/plain' });
    expect(ninjs.versionCreated).toBe('2026-11-27T09:00:00+08:00');
  });

  it('feed items show it and are updated', () => {
    const feedCtx = { config: defaultConfig, locale: 'zh-Hans', feedUrl: 'https://x/feed', siteUrl: 'https://x', urlFor: () => 'https://x/a' };
    const feed: any = jsonFeed([article], feedCtx);
    expect(feed.items[0].content_text).toContain(stored[0].text);
    expect(feed.items[0].date_modified).toBe('2026-11-27T09:00:00+08:00');
    expect(feed.items[0]._newsroom.corrections).toEqual([{ date: '2026-11-27T09:00:00+08:00', kind: 'correction', text: stored[0].text }]);
    expect(rssFeed([article], feedCtx)).toContain('1644');
  });
});
