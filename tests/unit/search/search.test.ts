import {
  SEARCH_MAX_QUERY_CHARS,
  SEARCH_MAX_TERMS,
  SearchInputError,
  containsAll,
  fts5Match,
  fts5Phrase,
  highlight,
  likePattern,
  normaliseSearchText,
  parseSearch,
  searchTerms,
} from '../../../src/plugins/newsroom/server/src/search/search';
import { forEachSeed } from '../../helpers/random';

const opts = { locales: ['zh-Hans', 'en'], defaultLocale: 'zh-Hans' };
const refusal = (params: Record<string, unknown>, drafts = false) => {
  try {
    parseSearch(params, { ...opts, drafts });
    return null;
  } catch (err) {
    if (err instanceof SearchInputError) return err.problem.path.join('.');
    throw err;
  }
};

describe('parseSearch', () => {
  it('reads a query with its defaults', () => {
    expect(parseSearch({ q: ' 华和民祥园  租户 ' }, opts)).toEqual({
      text: '华和民祥园 租户',
      terms: ['华和民祥园', '租户'],
      locale: 'zh-Hans',
      district: undefined,
      neighbourhood: undefined,
      from: undefined,
      to: undefined,
      limit: 10,
      offset: 0,
      status: 'published',
    });
  });

  it('reads filters, dates and pages', () => {
    const q = parseSearch(
      { q: 'Tenants', locale: 'en', district: '普陀区', neighbourhood: 'abc123', from: '2021-01-01', to: '2021-12-31T23:59:59Z', limit: '5', page: '3' },
      opts,
    );
    expect(q).toMatchObject({
      terms: ['tenants'],
      locale: 'en',
      district: '普陀区',
      neighbourhood: 'abc123',
      from: '2021-01-01T00:00:00.000Z',
      limit: 5,
      offset: 10,
    });
  });

  it('names the parameter it refuses', () => {
    expect(refusal({})).toBe('q');
    expect(refusal({ q: '   ' })).toBe('q');
    expect(refusal({ q: '"()' })).toBe('q');
    expect(refusal({ q: ['a', 'b'] })).toBe('q');
    expect(refusal({ q: { $ne: 1 } })).toBe('q');
    expect(refusal({ q: 'x'.repeat(SEARCH_MAX_QUERY_CHARS + 1) })).toBe('q');
    expect(refusal({ q: 'a\u0000b' })).toBe('q');
    expect(refusal({ q: 'ok', locale: 'fr' })).toBe('locale');
    expect(refusal({ q: 'ok', neighbourhood: "1' OR 1=1" })).toBe('neighbourhood');
    expect(refusal({ q: 'ok', from: 'yesterday' })).toBe('from');
    expect(refusal({ q: 'ok', from: '2021-02-30' })).toBe(null); // Date.parse rolls it over: still a date
    expect(refusal({ q: 'ok', from: '2022-01-01', to: '2021-01-01' })).toBe('to');
    expect(refusal({ q: 'ok', limit: '0' })).toBe('limit');
    expect(refusal({ q: 'ok', limit: '51' })).toBe('limit');
    expect(refusal({ q: 'ok', limit: '1e1' })).toBe('limit');
    expect(refusal({ q: 'ok', page: '0' })).toBe('page');
    expect(refusal({ q: 'ok', limit: '10', page: '102' })).toBe('page');
    expect(refusal({ q: 'ok', status: 'draft' })).toBe('status');
    expect(refusal({ q: 'ok', status: 'DRAFT' }, true)).toBe('status');
    expect(refusal({ q: 'ok', status: 'draft' }, true)).toBe(null);
  });

  it('never throws anything but a SearchInputError, whatever the input (generated)', () => {
    const alphabet = 'aZ9 华和民祥园"\'%_\\*()[]{}$^.+?|&;:-\u0000\u3000ＡＢ１';
    forEachSeed(300, (rng) => {
      const value = () => (rng.bool(0.1) ? [rng.string(alphabet)] : rng.bool(0.05) ? { x: 1 } : rng.string(alphabet, rng.int(40)));
      const params = {
        q: value(),
        locale: rng.pick([undefined, 'en', 'zh-Hans', value()]),
        limit: rng.pick([undefined, value()]),
        page: rng.pick([undefined, value()]),
      };
      try {
        const q = parseSearch(params, opts);
        expect(q.terms.length).toBeGreaterThan(0);
        expect(q.terms.length).toBeLessThanOrEqual(SEARCH_MAX_TERMS);
        for (const t of q.terms) expect(t).toBe(t.toLowerCase());
      } catch (err) {
        expect(err).toBeInstanceOf(SearchInputError);
      }
    });
  });
});

describe('searchTerms', () => {
  it('folds full-width forms, drops quotes and operators, keeps the longest of nested terms', () => {
    expect(searchTerms('ＡＢＣ１６４４')).toEqual(['abc1644']);
    expect(searchTerms('"华和民祥园" 民祥园 -租户 +elderly*')).toEqual(['elderly', '华和民祥园', '租户']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(SEARCH_MAX_TERMS);
  });
  it('normalises spacing', () => {
    expect(normaliseSearchText(' a\u3000\tb ')).toBe('a b');
  });
});

describe('FTS5 and LIKE spellings', () => {
  it('writes each term as an FTS5 string, so its syntax is never interpreted', () => {
    expect(fts5Phrase('a"b')).toBe('"a""b"');
    expect(fts5Match(['华和民祥园', 'near', 'ab'])).toBe('"华和民祥园" AND "near"');
    expect(fts5Match(['ab', '租户'])).toBe(null);
  });
  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePattern('50%_x\\')).toBe('%50\\%\\_x\\\\%');
  });
});

describe('highlight', () => {
  it('marks every match, escapes HTML and cuts around the first match', () => {
    const text = `${'前'.repeat(100)}华和民祥园<b>有1644户</b>,华和民祥园${'后'.repeat(100)}`;
    const out = highlight(text, ['华和民祥园'], 60);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out.match(/<mark>华和民祥园<\/mark>/g)).toHaveLength(2);
    expect(out).toContain('&lt;b&gt;');
    expect(out).not.toContain('<b>');
  });
  it('merges overlapping matches and keeps surrogate pairs whole (generated)', () => {
    forEachSeed(200, (rng) => {
      const text = rng.string('ab🏠华 <&', rng.int(80));
      const terms = [rng.string('ab🏠华', rng.between(1, 3))].map((t) => t.toLowerCase());
      const out = highlight(text, terms, 30);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(out.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      if (containsAll(text.slice(0, 10), terms)) expect(out).toContain('<mark>');
    });
  });
});
