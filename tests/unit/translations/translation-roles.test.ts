import { sourceHash, sourceHashesFor, touchesTranslatedText, translationStatus } from '../../../src/plugins/newsroom/server/src/translations/translation';
import { changedFields, fieldPaths, translatorPermissions } from '../../../src/plugins/newsroom/server/src/roles/roles';
import { canonicalPatch } from '../../../src/plugins/newsroom/server/src/enforcement/canonical';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';

describe('translation status', () => {
  const row = {
    title: '标题',
    body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文' }] }],
    bylines: [{ id: 1, name: '张晓鸣', role: 'reporter' }],
  };

  it('hashes only translated text, not ids or figures', () => {
    expect(sourceHash('article', row)).toBe(sourceHash('article', { ...row, bylines: [{ id: 99, name: '张晓鸣', role: 'reporter' }], exclusive: true }));
    expect(sourceHash('article', row)).not.toBe(sourceHash('article', { ...row, title: '新标题' }));
  });

  it('is source, current or stale', () => {
    expect(translationStatus(true, null, 'h')).toBe('source');
    expect(translationStatus(false, 'h', 'h')).toBe('current');
    expect(translationStatus(false, 'old', 'h')).toBe('stale');
    expect(translationStatus(false, 'h', null)).toBe('current');
  });

  it('treats a row that never recorded a source (an English original, a first locale) as a source', () => {
    expect(translationStatus(false, null, null)).toBe('source');
    expect(translationStatus(false, undefined, 'h')).toBe('source');
    expect(translationStatus(false, '', 'h')).toBe('source');
  });

  it('judges each row against the default locale of the same document and version, else its draft', () => {
    const zhDraft = { documentId: 'd1', locale: 'zh-Hans', publishedAt: null, title: '草稿' };
    const zhPublished = { documentId: 'd1', locale: 'zh-Hans', publishedAt: '2026-01-01', title: '已发布' };
    const enPublished = { documentId: 'd1', locale: 'en', publishedAt: '2026-01-01' };
    const other = { documentId: 'd2', locale: 'en', publishedAt: null };
    const of = sourceHashesFor('article', [zhDraft, zhPublished, enPublished, other], 'zh-Hans');
    expect(of(enPublished)).toBe(sourceHash('article', zhPublished));
    expect(of({ documentId: 'd1', locale: 'en', publishedAt: null })).toBe(sourceHash('article', zhDraft));
    expect(of(other)).toBeNull();
    const draftOnly = sourceHashesFor('article', [zhDraft, enPublished], 'zh-Hans');
    expect(draftOnly(enPublished)).toBe(sourceHash('article', zhDraft));
  });

  it('knows which writes touch translated text', () => {
    expect(touchesTranslatedText('neighbourhood', { households: 3 })).toBe(false);
    expect(touchesTranslatedText('neighbourhood', { name: 'x' })).toBe(true);
  });

  it('canonical patch lists only what differs', () => {
    const stored = {
      locale: 'en',
      exclusive: true,
      reprintNotice: 'Wenhui exclusive. Credit the source when republishing.',
      creditLine: null,
      translationStatus: 'current',
      translatedFromHash: 'h',
    };
    expect(canonicalPatch(defaultConfig, 'article', stored, 'h')).toEqual({});
    expect(canonicalPatch(defaultConfig, 'article', { ...stored, exclusive: false }, 'h')).toEqual({ reprintNotice: null });
    expect(canonicalPatch(defaultConfig, 'article', stored, 'other')).toEqual({ translationStatus: 'stale' });
  });
});

describe('roles', () => {
  const schema = {
    attributes: {
      title: { type: 'string' },
      exclusive: { type: 'boolean' },
      bylines: { type: 'component', component: 'newsroom.byline' },
      neighbourhood: { type: 'relation' },
    },
  };
  const components = { 'newsroom.byline': { attributes: { name: { type: 'string' }, role: { type: 'enumeration' } } } };

  it('expands component fields', () => {
    expect(fieldPaths(schema, components)).toEqual(['title', 'exclusive', 'bylines.name', 'bylines.role', 'neighbourhood']);
  });

  it('lets a translator write only its locale and only translated text', () => {
    const perms = translatorPermissions({ article: schema, neighbourhood: schema, 'news-item': schema } as any, components, ['zh-Hans', 'en'], 'en');
    const update = perms.find((p) => p.action.endsWith('.update') && p.subject === 'plugin::newsroom.article')!;
    expect(update.properties.locales).toEqual(['en']);
    expect(update.properties.fields).toEqual(['title', 'bylines.name', 'bylines.role']);
    expect(perms.some((p) => p.action.endsWith('.publish'))).toBe(false);
  });

  it('counts as changed only what differs from the stored row', () => {
    const stored = { title: 'A', exclusive: false, bylines: [{ id: 1, name: 'x', role: 'reporter' }] };
    expect(
      changedFields(
        schema,
        { title: 'A', exclusive: false, bylines: [{ id: 1, __temp_key__: 'a0', name: 'x', role: 'reporter' }], neighbourhood: { connect: [], disconnect: [] } },
        stored,
      ),
    ).toEqual([]);
    expect(changedFields(schema, { exclusive: true, neighbourhood: { connect: [{ id: 2 }] } }, stored)).toEqual(['exclusive', 'neighbourhood']);
  });

  it('takes an empty list for no value (a new locale version sends [] for lists it never had)', () => {
    expect(changedFields(schema, { bylines: [] }, {})).toEqual([]);
    expect(changedFields(schema, { bylines: [] }, { bylines: [{ id: 1, name: 'x', role: 'reporter' }] })).toEqual(['bylines']);
  });
});
