/**
 * The write rules every path calls (enforcement/write-rules.ts): what a create, an update, a clone
 * and a new translation store, decided from the stored drafts and the client's data alone.
 */
import { prepareWriteData, recordTranslation } from '../../../src/plugins/newsroom/server/src/enforcement/write-rules';
import { sourceHash } from '../../../src/plugins/newsroom/server/src/translations/translation';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';
import { seeded } from '../../helpers/random';

const NOTICE = '文汇独家稿件,转载请注明出处。';
const zhDraft = {
  id: 1,
  documentId: 'd1',
  locale: 'zh-Hans',
  title: '华和民祥园',
  body: '正文',
  exclusive: true,
  origin: null,
  slug: 'hua-he',
  publishedAt: null,
};

describe('prepareWriteData', () => {
  it('an update keeps the stored rights: an untouched exclusive keeps its notice, and forged system fields are dropped', () => {
    const data: Record<string, unknown> = { body: '新正文', reprintNotice: 'forged', translationStatus: 'stale', translatedFromHash: 'x' };
    const prepared = prepareWriteData(defaultConfig, 'article', { action: 'update', locale: 'zh-Hans', data, drafts: [zhDraft] });
    expect(prepared.problems).toEqual([]);
    expect(prepared.creatingLocale).toBe(false);
    expect(data).toMatchObject({ reprintNotice: NOTICE, creditLine: null });
    expect(data).not.toHaveProperty('translatedFromHash');
    expect(prepared.recordsSource).toBe(false);
  });

  it('a new locale of an existing document shares its rights and asks for its source text', () => {
    const data: Record<string, unknown> = { title: 'Huahe Minxiang' };
    const prepared = prepareWriteData(defaultConfig, 'article', { action: 'update', locale: 'en', data, drafts: [zhDraft] });
    expect(prepared.creatingLocale).toBe(true);
    expect(prepared.merged.exclusive).toBe(true);
    expect(data.reprintNotice).toBeTruthy();
    expect(prepared.recordsSource).toBe(true);
    recordTranslation(defaultConfig, 'article', prepared, 'en', zhDraft);
    expect(data.translatedFromHash).toBe(sourceHash('article', zhDraft));
    expect(data.translationStatus).toBe('current');
  });

  it('a clone is a new story: it drops the posted slug and turns blanked components into no value', () => {
    const data: Record<string, unknown> = { title: '副本', slug: 'hua-he', origin: { outlet: null, url: '' }, bylines: { name: null } };
    const prepared = prepareWriteData(defaultConfig, 'article', {
      action: 'clone',
      locale: 'zh-Hans',
      data,
      drafts: [zhDraft],
      isRepeatable: (field) => field === 'bylines',
    });
    expect(prepared.creatingLocale).toBe(true);
    expect(data).not.toHaveProperty('slug');
    expect(data.origin).toBeNull();
    expect(data.bylines).toEqual([]);
    expect(prepared.recordsSource).toBe(false);
  });

  it('refuses contradictions whatever else the data holds (generated writes)', () => {
    const random = seeded(20261202);
    for (let i = 0; i < 200; i += 1) {
      const exclusive = random.next() < 0.5;
      const origin = random.next() < 0.5 ? { outlet: '中新网' } : null;
      const data: Record<string, unknown> = { title: `t${i}`, exclusive, origin };
      const prepared = prepareWriteData(defaultConfig, 'article', { action: 'create', locale: random.next() < 0.5 ? 'zh-Hans' : 'en', data, drafts: [] });
      const contradiction = exclusive && origin !== null;
      expect(prepared.problems.some((p) => p.path[0] === 'exclusive')).toBe(contradiction);
      if (contradiction) continue;
      // An exclusive carries the notice; a reprint (an origin) its credit; an original neither.
      expect(!!data.reprintNotice).toBe(exclusive);
      expect(!!data.creditLine).toBe(origin !== null);
    }
  });
});
