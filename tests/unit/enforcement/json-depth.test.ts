import { contentProblems, jsonDepthExceeds } from '../../../src/plugins/newsroom/server/src/enforcement/canonical';
import { JSON_FIELDS } from '../../../src/plugins/newsroom/server/src/content-types/facts';
import { defaultConfig } from '../../../src/plugins/newsroom/server/src/config/schema';

const nested = (depth: number): unknown => {
  let v: unknown = 'k';
  for (let i = 0; i < depth; i++) v = i % 2 ? { k: v } : [v];
  return v;
};

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds(null, 0)).toBe(false);
    expect(jsonDepthExceeds(['a', 'b'], 1)).toBe(false);
    expect(jsonDepthExceeds([['a']], 1)).toBe(true);
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
  });
  it('measures a value nested a million levels deep without overflowing the stack', () => {
    expect(jsonDepthExceeds(JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`), 32)).toBe(true);
  });
});

describe('contentProblems: JSON fields', () => {
  it('names every JSON field of the kind nested too deeply, from the schemas', () => {
    expect(JSON_FIELDS.article).toEqual(expect.arrayContaining(['keywords', 'previousSlugs']));
    expect(JSON_FIELDS['news-item']).toContain('reporters');
    const problems = contentProblems(defaultConfig, 'article', { title: 't', keywords: nested(40) });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['keywords']);
    expect(contentProblems(defaultConfig, 'article', { title: 't', keywords: ['社区', ['治理']] })).toEqual([]);
  });
});
