/**
 * What `newsroom import` decides (bin/import.js reads files, runs the parser worker, boots Strapi and
 * prints): its arguments, the limits of a run, batching, what counts as a failed file, the text and
 * JSON it reports, and its exit code. Pure: the importer service is handed in as a BatchWriter.
 */
import { newsroomConfig } from '../config/options';
import type { OptionsHolder } from '../config/options';
import { parsePage } from './parse-page';
import { planImport } from './plan';
import type { ImportPlan } from './plan';
import type { BatchResult, DryRunOutcome, ImportOutcome, ParsedPage } from './types';

/** Exit codes: every file imported; some file failed; the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const USAGE =
  'usage: npm run import -- <file|folder>… [--locale zh-Hans|en] [--dry-run] [--parse-only] [--publish] [--json] [--batch-size 50] [--max-file-bytes N] [--file-time-budget-ms N] [--no-bulk]';

export interface ImportArgs {
  inputs: string[];
  locale: string | undefined;
  dryRun: boolean;
  parseOnly: boolean;
  publish: boolean;
  json: boolean;
  batchSize: number;
  bulk: boolean;
  maxFileBytes?: number;
  fileTimeBudgetMs?: number;
  help?: boolean;
}

/** Reads the command line; throws an Error whose message says what is wrong with it. */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const opts: ImportArgs = { inputs: [], locale: undefined, dryRun: false, parseOnly: false, publish: false, json: false, batchSize: 50, bulk: true };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--parse-only') opts.parseOnly = true;
    else if (a === '--publish') opts.publish = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--no-bulk') opts.bulk = false;
    else if (a === '--locale') opts.locale = argv[++i];
    else if (a.startsWith('--locale=')) opts.locale = a.slice('--locale='.length);
    else if (/^--(batch-size|max-file-bytes|file-time-budget-ms)(=|$)/.test(a)) {
      const flag = a.replace(/=.*$/, '');
      const v: string | undefined = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const max = flag === '--batch-size' ? 1000 : Number.MAX_SAFE_INTEGER;
      if (!/^\d+$/.test(v ?? '') || Number(v) < 1 || Number(v) > max)
        throw new Error(`${flag} must be a whole number from 1${flag === '--batch-size' ? ' to 1000' : ''}, got "${v}"`);
      if (flag === '--batch-size') opts.batchSize = Number(v);
      else if (flag === '--max-file-bytes') opts.maxFileBytes = Number(v);
      else opts.fileTimeBudgetMs = Number(v);
    } else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.inputs.push(a);
  }
  if (opts.locale !== undefined && !/^(zh|en)([-_][A-Za-z]+)?$/i.test(opts.locale)) throw new Error(`--locale must be zh-Hans or en, got "${opts.locale}"`);
  return opts;
}

/** The command line as a run, or what to print to stderr and the code to exit with instead. */
export function importCommand(argv: readonly string[]): { run: ImportArgs } | { exit: number; message: string } {
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv);
  } catch (err) {
    return usageFailure(err);
  }
  if (args.help || args.inputs.length === 0) return { exit: args.help ? EXIT.ok : EXIT.usage, message: USAGE };
  return { run: args };
}

/** A command line naming inputs that cannot be listed (missing, unreadable): a usage error. */
export const usageFailure = (err: unknown) => ({ exit: EXIT.usage, message: `import: ${(err as Error).message}` });

/** The input limits of a run: the flags over the plugin's options (the app's, or the defaults when parsing only). */
export function importLimits(args: Pick<ImportArgs, 'maxFileBytes' | 'fileTimeBudgetMs'>, app: OptionsHolder | null) {
  const configured = newsroomConfig(app).importer;
  return { maxFileBytes: args.maxFileBytes ?? configured.maxFileBytes, fileTimeBudgetMs: args.fileTimeBudgetMs ?? configured.fileTimeBudgetMs };
}

export type InputErrorCode = 'not-regular' | 'too-large' | 'unreadable' | 'time-budget';

/** A file refused before or while it is parsed (not a regular file, too large, too slow). */
export class InputError extends Error {
  readonly code: InputErrorCode;

  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    Object.setPrototypeOf(this, InputError.prototype);
  }
}

/** An error as it crosses the worker boundary. */
export interface ErrorInfo {
  name: string;
  code?: string;
  message: string;
}

/** What the parser worker answers for one page. */
export type ParseResult = { ok: true; page: ParsedPage; plan: ImportPlan } | { ok: false; error: ErrorInfo };

/** Parses one page and plans it (in the language asked for, else the page's own). */
export function parseForImport(text: string, locale: string | undefined, sourceName: string): ParseResult {
  try {
    const page = parsePage(text, { locale, sourceName });
    return { ok: true, page, plan: planImport(page, locale ?? page.language) };
  } catch (err) {
    const e = err as { name: string; code?: string; message: string };
    return { ok: false, error: { name: e.name, code: e.code, message: e.message } };
  }
}

/** How a failed file is reported: what refused it, in one line. */
export function errorText(err: unknown): string {
  if (!err) return 'failed: unknown error';
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'ImportParseError') return `not an article (${e.code}): ${e.message}`;
  if (e.name === 'InputError') return `refused (${e.code}): ${e.message}`;
  if (e.name === 'ValidationError') return `refused by the newsroom rules: ${e.message}`;
  return `failed: ${e.message}`;
}

/** A file read and parsed (with its plan), or refused. */
export type ParsedFile = { file: string; ok: true; locale: string; page: ParsedPage; plan: ImportPlan } | { file: string; ok: false; error: string };

export const parsedFile = (file: string, r: ParseResult): ParsedFile =>
  r.ok ? { file, ok: true, locale: r.plan.locale, page: r.page, plan: r.plan } : { file, ok: false, error: errorText(r.error) };

/** A file that could not be read: an InputError as it is, anything else as unreadable. */
export const unreadableFile = (file: string, err: unknown): ParsedFile => ({
  file,
  ok: false,
  error: errorText((err as Error | null)?.name === 'InputError' ? err : new InputError('unreadable', (err as Error).message)),
});

/** What is reported for a file. */
export interface FileEntry {
  file: string;
  ok: boolean;
  locale?: string;
  page?: ParsedPage;
  error?: string;
  details?: unknown;
  outcome?: ImportOutcome;
  match?: DryRunOutcome;
}

/** The importer service for one run (its session held by the caller). */
export interface BatchWriter {
  dryRun(plan: ImportPlan, options: { publish: boolean }): Promise<DryRunOutcome>;
  /** One result per plan, in order; throws when the batch itself could not commit. */
  importBatch(plans: ImportPlan[], options: { publish: boolean; bulk: boolean }): Promise<BatchResult[]>;
  /** Forgets what the session learnt (after a batch that did not commit). */
  reset(): void;
}

/**
 * Writes the parsed files in batches of `batchSize` (one transaction each), or with `dryRun` shows
 * what each would match; without a writer (parse only) just reports them. A page refused by the
 * rules fails alone; a batch that cannot commit fails every page of it. Each file is reported once,
 * in order, as its batch is done.
 */
export async function runBatches(
  args: Pick<ImportArgs, 'batchSize' | 'dryRun' | 'publish' | 'bulk'>,
  parsed: ReadonlyArray<Promise<ParsedFile>>,
  writer: BatchWriter | null,
  report: (entry: FileEntry) => void,
): Promise<void> {
  for (let i = 0; i < parsed.length; i += args.batchSize) {
    const batch = await Promise.all(parsed.slice(i, i + args.batchSize));
    const entries: FileEntry[] = batch.map((f) => (f.ok ? { file: f.file, ok: true, locale: f.locale, page: f.page } : f));
    const good = batch.flatMap((f, k) => (f.ok ? [{ k, plan: f.plan }] : []));
    if (writer && args.dryRun) {
      for (const { k, plan } of good) entries[k] = { ...entries[k], match: await writer.dryRun(plan, { publish: args.publish }) };
    } else if (writer && good.length) {
      let written: BatchResult[];
      try {
        written = await writer.importBatch(
          good.map((g) => g.plan),
          { publish: args.publish, bulk: args.bulk },
        );
      } catch (err) {
        // The batch itself could not commit: none of its pages were written.
        writer.reset();
        written = good.map(() => ({ ok: false, error: err }));
      }
      good.forEach(({ k }, j) => {
        const w = written[j];
        entries[k] = w.ok ? { ...entries[k], outcome: w.outcome } : { ...entries[k], ok: false, error: errorText(w.error), details: detailsOf(w.error) };
      });
    }
    for (const e of entries) report(e);
  }
}

/** The per-field details a refusal carries (Strapi's ValidationError), for --json. */
const detailsOf = (error: unknown): unknown => (error ? (error as { details?: unknown }).details : error);

/** Documents written for a page: created or updated (a linked document is not written). */
export const documentsOf = (o: ImportOutcome): number =>
  (o.article.action === 'linked' ? 0 : 1) + (o.neighbourhood && o.neighbourhood.action === 'created' ? 1 : 0) + o.newsItems.created + o.newsItems.updated;

export interface Tally {
  done: number;
  failed: number;
  documents: number;
  seconds: number;
  rate: number;
  documentsPerSecond: number;
}

/** Counts files as they are reported: the progress line and the summary. */
export function createTally(total: number, now: () => number = Date.now) {
  const start = now();
  let done = 0;
  let failed = 0;
  let documents = 0;
  return {
    add(entry: FileEntry): void {
      done += 1;
      documents += entry.outcome ? documentsOf(entry.outcome) : 0;
      if (!entry.ok) failed += 1;
    },
    /** `[####......] 12/40 files, 1 failed, 3.2/s` */
    progressLine(): string {
      const width = 30;
      const filled = Math.round((done / total) * width);
      const rate = done / Math.max((now() - start) / 1000, 0.001);
      return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files, ${failed} failed, ${rate.toFixed(1)}/s`;
    },
    end(): Tally {
      const seconds = (now() - start) / 1000;
      return { done, failed, documents, seconds, rate: done / Math.max(seconds, 0.001), documentsPerSecond: documents / Math.max(seconds, 0.001) };
    },
  };
}

/** Pages written by each path (bulk inserts, the Document Service) and bulk writes that fell back. */
export interface WritePaths {
  bulk: number;
  documents: number;
  fallbacks: number;
}

export type Summary = Tally & { bootSeconds: number; paths?: WritePaths };

export const importSummary = (tally: Tally, bootSeconds: number, paths: WritePaths | null): Summary => ({ ...tally, bootSeconds, ...(paths ? { paths } : {}) });

/** The exit code of a run: 1 when any file failed. */
export const exitCode = (summary: Pick<Summary, 'failed'>): number => (summary.failed ? EXIT.failed : EXIT.ok);

/** The --json report: every file (its parsed page as `parsed`) and the summary. */
export const jsonReport = (args: Pick<ImportArgs, 'dryRun' | 'parseOnly'>, files: readonly FileEntry[], summary: Summary) => ({
  dryRun: args.dryRun || args.parseOnly,
  files: files.map(({ page, ...r }) => (page ? { ...r, parsed: page } : r)),
  summary,
});

/** The closing line of a text report. */
export function summaryLine(args: Pick<ImportArgs, 'dryRun' | 'parseOnly'>, summary: Summary): string {
  const nothing = args.dryRun || args.parseOnly ? ' — dry run, nothing written' : '';
  const boot = summary.bootSeconds ? `, boot ${summary.bootSeconds.toFixed(1)} s` : '';
  return `import: ${summary.done - summary.failed} ${nothing ? 'parsed' : 'imported'}, ${summary.failed} failed, ${summary.seconds.toFixed(1)} s (${summary.rate.toFixed(1)} files/s, ${summary.documents} documents written${boot})${nothing}`;
}

/** A file in a text report: its lines for stdout, or its error for stderr. */
export function entryText(entry: FileEntry): { out: string[] } | { err: string } {
  if (!entry.ok || !entry.page) return { err: `${entry.file}: ${entry.error}` };
  const out = [describePage(entry.file, entry.page)];
  if (entry.outcome) out.push(describeOutcome(entry.outcome));
  if (entry.match) out.push(describeDryRun(entry.match));
  return { out };
}

/** The page as parsed: its title, each line's field, lines dropped and facts recognised but not stored. */
export function describePage(file: string, page: ParsedPage): string {
  const lines = [`${file}: "${page.article.title}" (${page.language}${page.article.exclusive ? ', exclusive' : ''})`];
  for (const r of page.report) lines.push(`  ${String(r.line).padStart(4)} → ${r.field}`);
  for (const d of page.dropped) lines.push(`  ${String(d.line).padStart(4)} ✗ dropped (${d.reason}): ${d.text.slice(0, 60)}`);
  for (const n of page.notStored ?? []) lines.push(`       ! recognised, not stored (${n.reason}): ${n.text.slice(0, 60)}`);
  return lines.join('\n');
}

type Described = { action: string; documentId: string | null; matchedBy: string | null } | null;

const docLabel = (d: Described) => (d ? `${d.action}${d.documentId ? ` ${d.documentId}` : ''}${d.matchedBy ? ` (matched by ${d.matchedBy})` : ''}` : 'none');

export const describeOutcome = (o: ImportOutcome): string =>
  `  = article ${docLabel(o.article)}; neighbourhood ${docLabel(o.neighbourhood)}; news items ${o.newsItems.created} created, ${o.newsItems.updated} updated, ${o.newsItems.linked} linked`;

export function describeDryRun(d: DryRunOutcome): string {
  const tally: Record<string, number> = {};
  for (const n of d.newsItems) tally[n.action] = (tally[n.action] ?? 0) + 1;
  const items =
    Object.entries(tally)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none';
  return `  ~ article ${docLabel(d.article)}; neighbourhood ${docLabel(d.neighbourhood)}; news items ${items}`;
}
