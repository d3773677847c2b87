/**
 * Field-level accuracy of the page parser over the hand-written corpus: every page in
 * tests/fixtures/import/expected/*.json names its source page and the answers a reader would give.
 * Shared by `npm run bench:import -- --accuracy` and tests/unit/import/accuracy.test.ts.
 *
 * Per field: a stated value the parser gets right is a true positive; a value the parser gives
 * that is wrong or not on the page is a false positive; a stated value it misses or gets wrong is
 * a false negative. Lists (bylines per role, related headlines) count item by item.
 */
import fs from 'fs';
import path from 'path';
import { parsePage, ImportParseError } from '../../src/plugins/newsroom/server/src/import/parse-page';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');
/** Issue 27's goal for every field over the whole corpus. */
export const GOAL = { precision: 0.97, recall: 0.93 };

/** The saved whole pages written for issue 27 (text and HTML), apart from the first 108 pages in the seed's shape. */
export const isSavedPage = (source: string): boolean => source.startsWith('corpus/saved/');

type Scalar = string | number | boolean | null;

interface Expected {
  source: string;
  error: string | null;
  title?: string;
  exclusive?: boolean;
  origin?: string | null;
  bylines?: Record<string, string[]>;
  neighbourhood?: Record<string, Scalar> | null;
  relatedNews?: Array<{ headline: string; outlet: string | null; dateline: string | null }>;
}

export const NEIGHBOURHOOD_FIELDS = ['name', 'district', 'subdistrict', 'yearBuilt', 'households', 'occupiedHouseholds', 'tenantShare', 'elderlyShare'];
export const ROLES = ['reporter', 'editor', 'responsible-editor', 'photographer', 'translator'];

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
export interface FieldScore extends Tally {
  field: string;
  precision: number;
  recall: number;
}
export interface Miss {
  page: string;
  field: string;
  expected: unknown;
  got: unknown;
}

const same = (a: Scalar, b: Scalar) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-6 : a === b);

export function loadCorpus(): Expected[] {
  const dir = path.join(FIXTURES, 'expected');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Expected);
}

export function scoreCorpus(corpus: Expected[] = loadCorpus()): { fields: FieldScore[]; misses: Miss[]; pages: number } {
  const tallies = new Map<string, Tally>();
  const misses: Miss[] = [];
  const t = (field: string) => {
    if (!tallies.has(field)) tallies.set(field, { tp: 0, fp: 0, fn: 0 });
    return tallies.get(field) as Tally;
  };
  const scalar = (page: string, field: string, expected: Scalar, got: Scalar) => {
    const tally = t(field);
    const has = (v: Scalar) => v !== null && v !== undefined && v !== false;
    if (has(got) && has(expected) && same(got, expected)) tally.tp += 1;
    else {
      if (has(got)) tally.fp += 1;
      if (has(expected)) tally.fn += 1;
      if (has(got) || has(expected)) misses.push({ page, field, expected, got });
    }
  };
  const list = (page: string, field: string, expected: string[], got: string[]) => {
    const tally = t(field);
    for (const g of got) {
      if (expected.includes(g)) tally.tp += 1;
      else {
        tally.fp += 1;
        misses.push({ page, field, expected: null, got: g });
      }
    }
    for (const e of expected) {
      if (!got.includes(e)) {
        tally.fn += 1;
        misses.push({ page, field, expected: e, got: null });
      }
    }
  };

  for (const exp of corpus) {
    const text = fs.readFileSync(path.join(FIXTURES, exp.source), 'utf8');
    let parsed: ReturnType<typeof parsePage> | null = null;
    let error: string | null = null;
    try {
      parsed = parsePage(text, { sourceName: exp.source });
    } catch (err) {
      if (!(err instanceof ImportParseError)) throw err;
      error = err.code;
    }
    // Whether the page is an article at all, and if not why: every page counts.
    scalar(exp.source, 'page.refused', exp.error, error);
    if (exp.error === null && parsed === null) scalar(exp.source, 'page.article', true, false);
    if (exp.error === null && parsed !== null) scalar(exp.source, 'page.article', true, true);
    const a = parsed?.article;
    const n = parsed?.neighbourhood ?? null;
    scalar(exp.source, 'title', exp.title ?? null, a?.title ?? null);
    scalar(exp.source, 'exclusive', exp.exclusive ?? false, a?.exclusive ?? false);
    scalar(exp.source, 'origin.outlet', exp.origin ?? null, a?.origin?.outlet ?? null);
    for (const role of ROLES) {
      list(
        exp.source,
        `byline.${role}`,
        exp.bylines?.[role] ?? [],
        (a?.bylines ?? []).filter((b) => b.role === role).map((b) => b.name),
      );
    }
    for (const f of NEIGHBOURHOOD_FIELDS) {
      scalar(exp.source, `neighbourhood.${f}`, (exp.neighbourhood?.[f] ?? null) as Scalar, ((n as any)?.[f] ?? null) as Scalar);
    }
    const gotNews = parsed?.relatedNews ?? [];
    const expNews = exp.relatedNews ?? [];
    list(
      exp.source,
      'related.headline',
      expNews.map((r) => r.headline),
      gotNews.map((r) => r.headline),
    );
    for (const e of expNews) {
      const g = gotNews.find((r) => r.headline === e.headline);
      scalar(exp.source, 'related.outlet', e.outlet, g ? g.outlet : null);
      scalar(exp.source, 'related.dateline', e.dateline, g ? g.dateline : null);
    }
    for (const g of gotNews.filter((r) => !expNews.some((e) => e.headline === r.headline))) {
      scalar(exp.source, 'related.outlet', null, g.outlet);
      scalar(exp.source, 'related.dateline', null, g.dateline);
    }
  }

  const fields = [...tallies.entries()].map(([field, { tp, fp, fn }]) => ({
    field,
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  }));
  return { fields, misses, pages: corpus.length };
}

export function accuracyTable(fields: FieldScore[]): string {
  const rows = fields.map((f) => {
    const flag = f.precision < GOAL.precision || f.recall < GOAL.recall ? '  ✗' : '';
    return `| ${f.field.padEnd(32)} | ${String(f.tp).padStart(4)} | ${String(f.fp).padStart(3)} | ${String(f.fn).padStart(3)} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} |${flag}`;
  });
  return [
    `| field                            |   TP |  FP |  FN | precision | recall |`,
    `| -------------------------------- | ---- | --- | --- | --------- | ------ |`,
    ...rows,
  ].join('\n');
}

/**
 * What every field measured over the whole corpus (175 pages), rounded down, after the rules were
 * widened for whole saved pages (the article found inside the page, chrome, full-width text, HTML
 * publisher and captions, figures with 逾/近/每N户中/N in M/number words). Every field now meets the
 * goal on this corpus; the saved pages were used to find the error classes, so they are no longer
 * a blind measure — unseen acceptance pages are. The accuracy test fails below these; raise them as
 * the rules improve.
 */
export const MEASURED_FLOOR: Record<string, { precision: number; recall: number }> = {
  'page.refused': { precision: 1.0, recall: 1.0 },
  title: { precision: 1.0, recall: 1.0 },
  exclusive: { precision: 1.0, recall: 1.0 },
  'origin.outlet': { precision: 1.0, recall: 0.973 },
  'byline.reporter': { precision: 1.0, recall: 1.0 },
  'byline.editor': { precision: 1.0, recall: 1.0 },
  'byline.responsible-editor': { precision: 1.0, recall: 1.0 },
  'byline.photographer': { precision: 1.0, recall: 0.958 },
  'byline.translator': { precision: 1.0, recall: 1.0 },
  'neighbourhood.name': { precision: 0.984, recall: 0.976 },
  'neighbourhood.district': { precision: 1.0, recall: 0.992 },
  'neighbourhood.subdistrict': { precision: 1.0, recall: 0.992 },
  'neighbourhood.yearBuilt': { precision: 1.0, recall: 1.0 },
  'neighbourhood.households': { precision: 1.0, recall: 0.992 },
  'neighbourhood.occupiedHouseholds': { precision: 1.0, recall: 1.0 },
  'neighbourhood.tenantShare': { precision: 1.0, recall: 1.0 },
  'neighbourhood.elderlyShare': { precision: 1.0, recall: 0.989 },
  'related.headline': { precision: 1.0, recall: 1.0 },
  'page.article': { precision: 1.0, recall: 1.0 },
  'related.outlet': { precision: 1.0, recall: 1.0 },
  'related.dateline': { precision: 1.0, recall: 1.0 },
};
