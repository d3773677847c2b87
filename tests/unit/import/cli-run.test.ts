/**
 * What `newsroom import` decides, without files, a worker or Strapi: its command line, limits,
 * batches and failures, the report and the exit code (bin/import.js only reads, runs and prints).
 */
import fs from 'fs';
import path from 'path';
import {
  EXIT,
  USAGE,
  InputError,
  createTally,
  documentsOf,
  entryText,
  errorText,
  exitCode,
  importCommand,
  importLimits,
  importSummary,
  jsonReport,
  parseForImport,
  parsedFile,
  runBatches,
  summaryLine,
  unreadableFile,
} from '../../../src/plugins/newsroom/server/src/import/cli-run';
import type { BatchWriter, FileEntry, ParsedFile } from '../../../src/plugins/newsroom/server/src/import/cli-run';
import type { ImportPlan } from '../../../src/plugins/newsroom/server/src/import/plan';
import type { ImportOutcome } from '../../../src/plugins/newsroom/server/src/import/types';

const FIXTURE = path.join(__dirname, '../../fixtures/import/seed-wenhui.txt');

describe('importCommand', () => {
  it('reads every flag, in both spellings', () => {
    const cmd = importCommand([
      'a.txt',
      'pages',
      '--locale=en',
      '--dry-run',
      '--publish',
      '--json',
      '--batch-size',
      '7',
      '--max-file-bytes=10',
      '--file-time-budget-ms',
      '5',
      '--no-bulk',
    ]);
    expect(cmd).toEqual({
      run: {
        inputs: ['a.txt', 'pages'],
        locale: 'en',
        dryRun: true,
        parseOnly: false,
        publish: true,
        json: true,
        batchSize: 7,
        bulk: false,
        maxFileBytes: 10,
        fileTimeBudgetMs: 5,
      },
    });
    expect(importCommand(['a.txt', '--parse-only', '--locale', 'zh-Hans'])).toMatchObject({
      run: { parseOnly: true, locale: 'zh-Hans', batchSize: 50, bulk: true },
    });
  });

  it('refuses a wrong command line with exit 2 and says why', () => {
    expect(importCommand(['a.txt', '--batch-size', '0'])).toEqual({ exit: 2, message: 'import: --batch-size must be a whole number from 1 to 1000, got "0"' });
    expect(importCommand(['a.txt', '--batch-size=1001'])).toMatchObject({ exit: 2 });
    expect(importCommand(['a.txt', '--max-file-bytes', 'x'])).toEqual({ exit: 2, message: 'import: --max-file-bytes must be a whole number from 1, got "x"' });
    expect(importCommand(['a.txt', '--file-time-budget-ms'])).toEqual({
      exit: 2,
      message: 'import: --file-time-budget-ms must be a whole number from 1, got "undefined"',
    });
    expect(importCommand(['a.txt', '--locale', 'fr'])).toEqual({ exit: 2, message: 'import: --locale must be zh-Hans or en, got "fr"' });
    expect(importCommand(['a.txt', '--force'])).toEqual({ exit: 2, message: 'import: unknown option --force' });
  });

  it('prints the usage: exit 0 when asked for, 2 without inputs', () => {
    expect(importCommand(['--help'])).toEqual({ exit: EXIT.ok, message: USAGE });
    expect(importCommand(['-h', 'a.txt'])).toEqual({ exit: EXIT.ok, message: USAGE });
    expect(importCommand([])).toEqual({ exit: EXIT.usage, message: USAGE });
  });
});

describe('importLimits', () => {
  /** An app whose config/plugins.ts sets these options (Strapi's config store, as far as the CLI reads it). */
  const app = (options: object) => ({ config: { get: (key: string) => (key === 'plugin::newsroom' ? options : undefined) } });
  const limits = { importer: { maxFileBytes: 100, fileTimeBudgetMs: 200 } };
  it('the flags over the options over the defaults', () => {
    expect(importLimits({}, null)).toEqual({ maxFileBytes: 2 * 1024 * 1024, fileTimeBudgetMs: 10_000 });
    expect(importLimits({}, app(limits))).toEqual({ maxFileBytes: 100, fileTimeBudgetMs: 200 });
    expect(importLimits({ fileTimeBudgetMs: 1 }, app(limits))).toEqual({ maxFileBytes: 100, fileTimeBudgetMs: 1 });
  });
  it('refuses invalid options as the plugin does at boot', () => {
    expect(() => importLimits({}, app({ importer: { maxFileBytes: 0, fileTimeBudgetMs: 1 } }))).toThrow(/importer\.maxFileBytes/);
  });
});

describe('what a failed file says', () => {
  it('names what refused it', () => {
    expect(errorText({ name: 'ImportParseError', code: 'empty', message: 'no text' })).toBe('not an article (empty): no text');
    expect(errorText(new InputError('too-large', 'file is big'))).toBe('refused (too-large): file is big');
    expect(errorText({ name: 'ValidationError', message: 'exclusive needs a notice' })).toBe('refused by the newsroom rules: exclusive needs a notice');
    expect(errorText(new Error('disk full'))).toBe('failed: disk full');
    expect(errorText(null)).toBe('failed: unknown error');
  });
  it('an unreadable file is refused as unreadable, an InputError as itself', () => {
    expect(unreadableFile('a', new Error('EACCES'))).toEqual({ file: 'a', ok: false, error: 'refused (unreadable): EACCES' });
    expect(unreadableFile('a', new InputError('not-regular', 'a FIFO'))).toEqual({ file: 'a', ok: false, error: 'refused (not-regular): a FIFO' });
  });
});

describe('parseForImport', () => {
  it('parses and plans a page, in the locale asked for or the page’s own', () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const r = parseForImport(text, undefined, 'seed-wenhui.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.locale).toBe(r.page.language);
    expect(parsedFile('x/seed-wenhui.txt', r)).toMatchObject({ file: 'x/seed-wenhui.txt', ok: true, locale: r.page.language });
  });
  it('answers a page that is not an article with its error, never throws', () => {
    const r = parseForImport('', undefined, 'empty.txt');
    expect(r).toMatchObject({ ok: false, error: { name: 'ImportParseError', code: 'empty' } });
    expect(parsedFile('empty.txt', r)).toEqual({ file: 'empty.txt', ok: false, error: expect.stringMatching(/^not an article \(empty\): /) });
  });
});

const outcome = (over: Partial<ImportOutcome> = {}): ImportOutcome => ({
  article: { documentId: 'a1', action: 'created', matchedBy: null },
  neighbourhood: null,
  newsItems: { created: 2, updated: 1, linked: 3, items: [] },
  ...over,
});
const plan = (n: number) => ({ locale: 'zh-Hans', article: { key: `k${n}`, data: {} }, neighbourhood: null, newsItems: [] }) as ImportPlan;
const page = { language: 'zh-Hans', article: { title: 'T', exclusive: false }, report: [], dropped: [], notStored: [] } as unknown as NonNullable<
  FileEntry['page']
>;
const good = (n: number): ParsedFile => ({ file: `f${n}`, ok: true, locale: 'zh-Hans', page, plan: plan(n) });
const bad = (n: number): ParsedFile => ({ file: `f${n}`, ok: false, error: 'not an article (empty): nothing' });

function fakeWriter(answer: (plans: ImportPlan[]) => Promise<Array<{ ok: true; outcome: ImportOutcome } | { ok: false; error: unknown }>>) {
  const calls: Array<{ keys: string[]; options: object }> = [];
  let resets = 0;
  const writer: BatchWriter = {
    dryRun: async () => ({ article: { documentId: null, action: 'would-create', matchedBy: null }, neighbourhood: null, newsItems: [] }),
    importBatch: async (plans, options) => {
      calls.push({ keys: plans.map((p) => p.article.key), options });
      return answer(plans);
    },
    reset: () => {
      resets += 1;
    },
  };
  return { writer, calls, resets: () => resets };
}

describe('runBatches', () => {
  const args = { batchSize: 2, dryRun: false, publish: true, bulk: true };

  it('writes the good pages of each batch together, reports every file once, in order', async () => {
    const { writer, calls } = fakeWriter(async (plans) => plans.map(() => ({ ok: true as const, outcome: outcome() })));
    const reported: FileEntry[] = [];
    await runBatches(
      args,
      [good(1), bad(2), good(3), good(4), good(5)].map((f) => Promise.resolve(f)),
      writer,
      (e) => reported.push(e),
    );
    expect(calls).toEqual([
      { keys: ['k1'], options: { publish: true, bulk: true } },
      { keys: ['k3', 'k4'], options: { publish: true, bulk: true } },
      { keys: ['k5'], options: { publish: true, bulk: true } },
    ]);
    expect(reported.map((e) => [e.file, e.ok])).toEqual([
      ['f1', true],
      ['f2', false],
      ['f3', true],
      ['f4', true],
      ['f5', true],
    ]);
    expect(reported[0]).toEqual({ file: 'f1', ok: true, locale: 'zh-Hans', page, outcome: outcome() });
    expect(reported[1]).toEqual({ file: 'f2', ok: false, error: 'not an article (empty): nothing' });
  });

  it('a page the rules refuse fails alone, with the refusal and its details', async () => {
    const refusal = Object.assign(new Error('exclusive needs a notice'), { name: 'ValidationError', details: { errors: [{ path: ['exclusive'] }] } });
    const { writer } = fakeWriter(async () => [
      { ok: false, error: refusal },
      { ok: true, outcome: outcome() },
    ]);
    const reported: FileEntry[] = [];
    await runBatches(
      args,
      [good(1), good(2)].map((f) => Promise.resolve(f)),
      writer,
      (e) => reported.push(e),
    );
    expect(reported[0]).toEqual({
      file: 'f1',
      ok: false,
      locale: 'zh-Hans',
      page,
      error: 'refused by the newsroom rules: exclusive needs a notice',
      details: { errors: [{ path: ['exclusive'] }] },
    });
    expect(reported[1].ok).toBe(true);
  });

  it('a batch that cannot commit fails every page of it and resets the session; the next batch still runs', async () => {
    let n = 0;
    const fake = fakeWriter(async (plans) => {
      n += 1;
      if (n === 1) throw new Error('database is locked');
      return plans.map(() => ({ ok: true as const, outcome: outcome() }));
    });
    const reported: FileEntry[] = [];
    await runBatches(
      args,
      [good(1), good(2), good(3)].map((f) => Promise.resolve(f)),
      fake.writer,
      (e) => reported.push(e),
    );
    expect(fake.resets()).toBe(1);
    expect(reported.map((e) => e.error ?? 'ok')).toEqual(['failed: database is locked', 'failed: database is locked', 'ok']);
  });

  it('a dry run matches each good page and writes nothing; parse only just reports', async () => {
    const { writer, calls } = fakeWriter(async () => []);
    const reported: FileEntry[] = [];
    await runBatches(
      { ...args, dryRun: true },
      [good(1), bad(2)].map((f) => Promise.resolve(f)),
      writer,
      (e) => reported.push(e),
    );
    expect(calls).toEqual([]);
    expect(reported[0].match).toMatchObject({ article: { action: 'would-create' } });
    expect(reported[1].match).toBeUndefined();
    const parsedOnly: FileEntry[] = [];
    await runBatches(
      args,
      [good(1)].map((f) => Promise.resolve(f)),
      null,
      (e) => parsedOnly.push(e),
    );
    expect(parsedOnly).toEqual([{ file: 'f1', ok: true, locale: 'zh-Hans', page }]);
  });
});

describe('summary, report and exit code', () => {
  it('counts documents written: a linked article is not written, a created neighbourhood is', () => {
    expect(documentsOf(outcome())).toBe(1 + 2 + 1);
    expect(
      documentsOf(
        outcome({ article: { documentId: 'a', action: 'linked', matchedBy: 'title' }, neighbourhood: { documentId: 'n', action: 'created', matchedBy: null } }),
      ),
    ).toBe(0 + 1 + 3);
  });

  it('tallies files as reported, and exits 1 when any failed', () => {
    let t = 1000;
    const tally = createTally(4, () => t);
    tally.add({ file: 'a', ok: true, outcome: outcome() });
    tally.add({ file: 'b', ok: false, error: 'x' });
    t = 3000;
    expect(tally.progressLine()).toBe(`[${'#'.repeat(15)}${'.'.repeat(15)}] 2/4 files, 1 failed, 1.0/s`);
    const summary = importSummary(tally.end(), 1.5, { bulk: 1, documents: 0, fallbacks: 0 });
    expect(summary).toEqual({
      done: 2,
      failed: 1,
      documents: 4,
      seconds: 2,
      rate: 1,
      documentsPerSecond: 2,
      bootSeconds: 1.5,
      paths: { bulk: 1, documents: 0, fallbacks: 0 },
    });
    expect(exitCode(summary)).toBe(1);
    expect(exitCode({ failed: 0 })).toBe(0);
    expect(summaryLine({ dryRun: false, parseOnly: false }, summary)).toBe(
      'import: 1 imported, 1 failed, 2.0 s (1.0 files/s, 4 documents written, boot 1.5 s)',
    );
    expect(summaryLine({ dryRun: true, parseOnly: false }, importSummary(summary, 0, null))).toBe(
      'import: 1 parsed, 1 failed, 2.0 s (1.0 files/s, 4 documents written) — dry run, nothing written',
    );
  });

  it('the JSON report names the parsed page `parsed`; text goes to stdout, a failure to stderr', () => {
    const summary = importSummary(createTally(0).end(), 0, null);
    const report = jsonReport(
      { dryRun: false, parseOnly: true },
      [
        { file: 'a', ok: true, locale: 'zh-Hans', page },
        { file: 'b', ok: false, error: 'x' },
      ],
      summary,
    );
    expect(report.dryRun).toBe(true);
    expect(report.files).toEqual([
      { file: 'a', ok: true, locale: 'zh-Hans', parsed: page },
      { file: 'b', ok: false, error: 'x' },
    ]);
    expect('paths' in report.summary).toBe(false);
    expect(entryText({ file: 'b', ok: false, error: 'refused (too-large): big' })).toEqual({ err: 'b: refused (too-large): big' });
    expect(entryText({ file: 'a', ok: true, page, outcome: outcome() })).toEqual({
      out: ['a: "T" (zh-Hans)', '  = article created a1; neighbourhood none; news items 2 created, 1 updated, 3 linked'],
    });
  });
});
