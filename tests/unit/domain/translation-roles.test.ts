import { sourceHash, touchesTranslatedText, translationStatus } from '../../../src/plugins/newsroom/server/src/domain/translation';
import { changedFields, fieldPaths, translatorPermissions } from '../../../src/plugins/newsroom/server/src/domain/roles';
import { canonicalPatch } from '../../../src/plugins/newsroom/server/src/domain/canonical';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/domain/config';

describe('translation status', () => {
  const row = { title: '标题', body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文' }] }], bylines: [{ id: 1, name: '张晓鸣', role: 'reporter' }] };

  it('hashes only translated text, not ids or figures', () => {
    expect(sourceHash('article', row)).toBe(sourceHash('article', { ...row, bylines: [{ id: 99, name: '张晓鸣', role: 'reporter' }], exclusive: true }));
    expect(sourceHash('article', row)).not.toBe(sourceHash('article', { ...row, title: '新标题' }));
  });

  it('is source, current or stale', () => {
    expect(translationStatus(true, null, 'h')).toBe('source');
    expect(translationStatus(false, 'h', 'h')).toBe('current');
    expect(translationStatus(false, 'old', 'h')).toBe('stale');
    expect(translationStatus(false, null, null)).toBe('current');
  });

  it('knows which writes touch translated text', () => {
    expect(touchesTranslatedText('neighbourhood', { households: 3 })).toBe(false);
    expect(touchesTranslatedText('neighbourhood', { name: 'x' })).toBe(true);
  });

  it('canonical patch lists only what differs', () => {
    const stored = { locale: 'en', exclusive: true, reprintNotice: 'Wenhui exclusive. Credit the source when republishing.', creditLine: null, translationStatus: 'current', translatedFromHash: 'h' };
    expect(canonicalPatch(defaultConfig, 'article', stored, 'h')).toEqual({});
    expect(canonicalPatch(defaultConfig, 'article', { ...stored, exclusive: false }, 'h')).toEqual({ reprintNotice: null });
    expect(canonicalPatch(defaultConfig, 'article', stored, 'other')).toEqual({ translationStatus: 'stale' });
  });
});

describe('roles', () => {
  const schema = { attributes: { title: { type: 'string' }, exclusive: { type: 'boolean' }, bylines: { type: 'component', component: 'newsroom.byline' }, neighbourhood: { type: 'relation' } } };
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
    expect(changedFields(schema, { title: 'A', exclusive: false, bylines: [{ id: 1, __temp_key__: 'a0', name: 'x', role: 'reporter' }], neighbourhood: { connect: [], disconnect: [] } }, stored)).toEqual([]);
    expect(changedFields(schema, { exclusive: true, neighbourhood: { connect: [{ id: 2 }] } }, stored)).toEqual(['exclusive', 'neighbourhood']);
  });
});
