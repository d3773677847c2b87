/**
 * Matching an imported page with what exists: an import-key match whose document already holds the
 * page's data is a link (it stays on the bulk path); any real change is an update.
 */
import { MatchIndex, holdsData, unchangedByImport } from '../../../src/plugins/newsroom/server/src/import/match';

const item = { headline: '社区食堂第3站:静安区又添便民新去处', summary: null, outlet: '中新网', dateline: '中新网上海12月4日电', reporters: ['陈静'] };
const stored = { ...item, id: 7, documentId: 'd1', importKey: 'news:abc', creditLine: '来源:中新网', summary: null, reporters: ['陈静'] };

describe('holdsData', () => {
  it('compares only the fields the import writes; null, missing and [] are one nothing; objects by value', () => {
    expect(holdsData(stored, item)).toBe(true);
    expect(holdsData({ ...stored, summary: undefined }, item)).toBe(true);
    expect(holdsData({ ...stored, reporters: null }, { ...item, reporters: [] })).toBe(true);
    expect(holdsData({ ...stored, meta: { b: 1, a: 2 } }, { meta: { a: 2, b: 1 } })).toBe(true);
    expect(holdsData(stored, { ...item, importKey: 'news:other' })).toBe(true); // the key found it
  });
  it('sees a real change in any written field', () => {
    expect(holdsData(stored, { ...item, summary: '新的摘要' })).toBe(false);
    expect(holdsData(stored, { ...item, reporters: ['陈静', '李明'] })).toBe(false);
    expect(holdsData(stored, { ...item, dateline: null })).toBe(false);
    expect(holdsData(undefined, item)).toBe(false);
  });
});

describe('unchangedByImport', () => {
  const match = (draft?: object, published?: object) => ({ documentId: 'd1', by: 'importKey' as const, stored: { draft, published } as any });
  it('is a link when the draft holds the data (and, publishing, the published row too)', () => {
    expect(unchangedByImport(match(stored), item, false)).toBe(true);
    expect(unchangedByImport(match(stored, stored), item, true)).toBe(true);
  });
  it('is an update when publishing a document that has no published row, or whose published row differs', () => {
    expect(unchangedByImport(match(stored), item, true)).toBe(false);
    expect(unchangedByImport(match(stored, { ...stored, summary: '旧' }), item, true)).toBe(false);
  });
  it('never for a title match, an unloaded document or no match', () => {
    expect(unchangedByImport({ documentId: 'd1', by: 'title', stored: { draft: stored } }, item, false)).toBe(false);
    expect(unchangedByImport({ documentId: 'd1', by: 'importKey' }, item, false)).toBe(false);
    expect(unchangedByImport(null, item, false)).toBe(false);
  });
});

describe('MatchIndex with stored content', () => {
  it('keeps each keyed document’s draft and published rows, and replaces them when the import writes again', () => {
    const index = new MatchIndex([
      { documentId: 'd1', title: item.headline, importKey: 'news:abc', content: stored, published: false },
      { documentId: 'd1', title: item.headline, importKey: 'news:abc', content: { ...stored, summary: '旧' }, published: true },
    ]);
    const m = index.find('news:abc', item.headline);
    expect(m).toMatchObject({ documentId: 'd1', by: 'importKey' });
    expect(unchangedByImport(m, item, false)).toBe(true);
    expect(unchangedByImport(m, item, true)).toBe(false);
    index.add({ documentId: 'd1', title: item.headline, importKey: 'news:abc', content: item, published: true });
    expect(unchangedByImport(index.find('news:abc', item.headline), item, true)).toBe(true);
    // Another document claiming the key does not take it over.
    index.add({ documentId: 'd2', title: 'x', importKey: 'news:abc', content: { ...item, summary: 'y' }, published: false });
    expect(index.find('news:abc', null)?.documentId).toBe('d1');
    expect(unchangedByImport(index.find('news:abc', null), item, false)).toBe(true);
  });
  it('finds by title without content (never unchanged)', () => {
    const index = new MatchIndex([{ documentId: 'd3', title: '华和民祥园', importKey: null }]);
    expect(index.find(null, '华和民祥园')).toEqual({ documentId: 'd3', by: 'title' });
  });
});
