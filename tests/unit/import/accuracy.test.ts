/**
 * The parser against the hand-written corpus (tests/fixtures/import/expected/*.json): every field
 * must keep precision ≥ 0.98 and recall ≥ 0.95. `npm run bench:import -- --accuracy` prints the table.
 */
import { GOAL, ROLES, NEIGHBOURHOOD_FIELDS, accuracyTable, loadCorpus, scoreCorpus } from '../../bench/import-accuracy';

describe('importer accuracy over the corpus', () => {
  const corpus = loadCorpus();
  const result = scoreCorpus(corpus);

  it('has at least 40 pages in both languages, with and without figures, reprints, chrome-only and truncated pages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((p) => /(^|\/)en-|english/.test(p.source)).length).toBeGreaterThanOrEqual(8);
    expect(corpus.filter((p) => p.neighbourhood).length).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((p) => p.error === null && !p.neighbourhood).length).toBeGreaterThanOrEqual(5);
    expect(corpus.filter((p) => p.origin).length).toBeGreaterThanOrEqual(6);
    expect(corpus.filter((p) => p.error === 'not-article').length).toBeGreaterThanOrEqual(3);
    expect(corpus.filter((p) => p.error === 'truncated').length).toBeGreaterThanOrEqual(1);
  });

  it('scores every field the issue names', () => {
    const names = result.fields.map((f) => f.field);
    for (const f of ['title', 'exclusive', 'origin.outlet', 'related.headline', 'related.outlet', 'related.dateline', 'page.refused'])
      expect(names).toContain(f);
    for (const r of ROLES) expect(names).toContain(`byline.${r}`);
    for (const f of NEIGHBOURHOOD_FIELDS) expect(names).toContain(`neighbourhood.${f}`);
    // Every field has something stated to find somewhere in the corpus.
    for (const f of result.fields) expect(f.tp + f.fn).toBeGreaterThan(0);
  });

  it(`keeps every field at precision ≥ ${GOAL.precision} and recall ≥ ${GOAL.recall}`, () => {
    const below = result.fields.filter((f) => f.precision < GOAL.precision || f.recall < GOAL.recall);
    const detail = below.length ? `\n${accuracyTable(result.fields)}\n${result.misses.map((m) => JSON.stringify(m)).join('\n')}` : '';
    expect(below.map((f) => f.field).join(', ') + detail).toBe('');
  });
});
