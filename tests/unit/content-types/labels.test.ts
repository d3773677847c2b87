import {
  ADMIN_LANGUAGES,
  COMPONENT_FIELD_WORDS,
  ENUM_WORDS,
  FIELD_WORDS,
  INTERNAL_FIELDS,
  SCHEMA_FIELDS,
  TYPE_NAMES,
  contentManagerMessages,
} from '../../../src/plugins/newsroom/server/src/content-types/labels';
import { KINDS, TRANSLATION_STATUSES, BYLINE_ROLES, UIDS } from '../../../src/plugins/newsroom/server/src/content-types/facts';

const CJK = /[\u4e00-\u9fff]/;

describe('field words', () => {
  it('cover every field of the three types and their components, in every admin language', () => {
    const words = { ...FIELD_WORDS, ...COMPONENT_FIELD_WORDS } as Record<string, Record<string, Record<string, { label: string }>>>;
    for (const [model, fields] of Object.entries(SCHEMA_FIELDS)) {
      expect(Object.keys(words[model]).sort()).toEqual([...fields].sort());
      for (const field of fields) {
        for (const language of ADMIN_LANGUAGES) expect(words[model][field][language].label.trim()).not.toBe('');
        // Human words, not the schema's name: English differs from the raw name, Chinese is Chinese.
        expect(words[model][field].en.label).not.toBe(field);
        expect(words[model][field]['zh-Hans'].label).toMatch(CJK);
      }
    }
  });

  it('name every enumeration value the admin shows (translation statuses, byline roles)', () => {
    for (const value of [...TRANSLATION_STATUSES, ...BYLINE_ROLES, 'correction', 'clarification']) expect(ENUM_WORDS[value]['zh-Hans']).toMatch(CJK);
  });

  it('give the Content Manager its message ids in Chinese, and leave English to the view configuration', () => {
    const zh = contentManagerMessages('zh-Hans');
    expect(zh[`content-manager.content-types.${UIDS.neighbourhood}.yearBuilt`]).toBe('建成年份');
    expect(zh['content-manager.components.newsroom.origin.outlet']).toBe('来源媒体');
    expect(zh[TYPE_NAMES.article.en]).toBe('文章');
    expect(zh['News item']).toBe('新闻');
    expect(zh.stale).toBe('待更新');
    expect(zh[`content-manager.content-types.${UIDS.article}.id`]).toBe('ID'); // the list view's id column
    for (const kind of KINDS) for (const field of SCHEMA_FIELDS[kind]) expect(zh[`content-manager.content-types.${UIDS[kind]}.${field}`]).toMatch(CJK);
    expect(contentManagerMessages('en')).toEqual({});
    expect(contentManagerMessages('fr')).toEqual({});
  });

  it('keep the internal fields to ones every type has or the article keeps', () => {
    for (const field of INTERNAL_FIELDS) expect(SCHEMA_FIELDS.article).toContain(field);
  });
});
