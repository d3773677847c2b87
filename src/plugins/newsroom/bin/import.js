#!/usr/bin/env node
/**
 * `newsroom import <file|folder>… [--locale zh-Hans] [--dry-run] [--parse-only] [--publish] [--json] [--batch-size 50]
 *   [--max-file-bytes N] [--file-time-budget-ms N] [--no-bulk]` (this app: `npm run import -- …`)
 * Scraped article pages → articles, neighbourhood profiles and related news, through the plugin's
 * rules.
 *
 * - Input limits: only regular files are read (a FIFO or device is refused without opening it for
 *   a blocking read); a file over `importer.maxFileBytes` (default 2 MB) is refused; each file is
 *   parsed in a worker thread that is stopped when it exceeds `importer.fileTimeBudgetMs`. A bad
 *   file gets its own error; the other files still import.
 * - Writes: batches of pages, one transaction per batch and a savepoint per page (a refused page
 *   rolls back alone; a crash loses only whole pages of the uncommitted batch). Pages that only
 *   create or link documents are checked by the rules first, then written together in multi-row
 *   inserts (the bulk path); `--no-bulk` writes every document through the Document Service.
 * - Existing documents are found by import key, then by title (neighbourhoods: name + district),
 *   and updated or linked instead of duplicated; `--dry-run` shows those matches and writes nothing.
 *   `--parse-only` parses without touching a database.
 * Exit code: 0 when every file imported, 1 when any failed, 2 on usage errors.
 */
const fs = require('fs');
const path = require('path');
const { Worker, isMainThread, parentPort } = require('worker_threads');

// The pure rules, compiled file by file into the package (scripts/build.js).
const DIST = path.resolve(__dirname, '..', 'dist', 'domain');

// ---------------------------------------------------------------------------------------------
// Worker: parses one page at a time; killed by the main thread when it runs over its budget.

function runWorker() {
  const { parsePage } = require(path.join(DIST, 'import', 'parse-page'));
  const { planImport } = require(path.join(DIST, 'import', 'plan'));
  parentPort.on('message', ({ id, text, locale, sourceName }) => {
    try {
      const page = parsePage(text, { locale, sourceName });
      parentPort.postMessage({ id, ok: true, page, plan: planImport(page, locale ?? page.language) });
    } catch (err) {
      parentPort.postMessage({ id, ok: false, error: { name: err.name, code: err.code, message: err.message } });
    }
  });
}

const { withStrapiTask, jsonOutput, exitAfterFlush } = require('./with-strapi');

function parseArgs(argv) {
  const opts = { inputs: [], locale: undefined, dryRun: false, parseOnly: false, publish: false, json: false, batchSize: 50, bulk: true };
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
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
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

/** Files to import: a folder's visible entries in name order. Non-regular entries are kept, to be refused with a reason. */
function listFiles(inputs) {
  const files = [];
  for (const input of inputs) {
    const stat = fs.statSync(input); // stat never opens: a FIFO does not block here
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(input).sort()) {
        if (name.startsWith('.')) continue;
        const full = path.join(input, name);
        if (!fs.statSync(full).isDirectory()) files.push(full);
      }
    } else files.push(input);
  }
  return files;
}

class InputError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

/** Reads a regular file of at most maxBytes; anything else is refused with a clear reason. */
function readLimited(file, maxBytes) {
  const st = fs.statSync(file);
  if (!st.isFile()) {
    const kind = st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
    throw new InputError('not-regular', `${kind === 'not a regular file' ? kind : `${kind}, not a regular file`}: only regular files are imported`);
  }
  if (st.size > maxBytes) throw new InputError('too-large', `file is ${st.size} bytes, over the importer.maxFileBytes limit of ${maxBytes} bytes`);
  // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening does not wait for a writer.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const again = fs.fstatSync(fd);
    if (!again.isFile()) throw new InputError('not-regular', 'not a regular file: only regular files are imported');
    const buf = Buffer.alloc(Math.min(again.size, maxBytes) + 1);
    let read = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
      if (read > maxBytes) throw new InputError('too-large', `file is over the importer.maxFileBytes limit of ${maxBytes} bytes`);
      if (read === buf.length) break;
    }
    return buf.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Parses pages in a worker thread, one at a time, each within a time budget. */
function createParser(budgetMs) {
  let worker = null;
  let pending = null;
  let nextId = 0;
  const spawn = () => {
    worker = new Worker(__filename);
    worker.unref();
    worker.on('message', (msg) => {
      if (pending && msg.id === pending.id) {
        const p = pending;
        pending = null;
        clearTimeout(p.timer);
        p.resolve(msg);
      }
    });
    worker.on('error', (err) => {
      if (pending) {
        const p = pending;
        pending = null;
        clearTimeout(p.timer);
        p.resolve({ ok: false, error: { name: 'Error', message: `parser crashed: ${err.message}` } });
      }
      worker = null;
    });
  };
  return {
    parse(text, locale, sourceName) {
      if (!worker) spawn();
      const id = (nextId += 1);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (!pending || pending.id !== id) return;
          pending = null;
          const w = worker;
          worker = null;
          if (w) w.terminate();
          resolve({
            ok: false,
            error: { name: 'InputError', code: 'time-budget', message: `parsing took longer than the importer.fileTimeBudgetMs budget of ${budgetMs} ms` },
          });
        }, budgetMs);
        pending = { id, resolve, timer };
        worker.postMessage({ id, text, locale, sourceName });
      });
    },
    close() {
      if (worker) worker.terminate();
      worker = null;
    },
  };
}

/** A one-line progress bar on a terminal; nothing when output is piped. */
function progress(total) {
  const tty = process.stderr.isTTY && total > 1;
  const start = Date.now();
  let done = 0;
  let failed = 0;
  let documents = 0;
  return {
    tick(ok, docs = 0) {
      done += 1;
      documents += docs;
      if (!ok) failed += 1;
      if (!tty) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const rate = done / Math.max((Date.now() - start) / 1000, 0.001);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files, ${failed} failed, ${rate.toFixed(1)}/s`);
    },
    end() {
      if (tty) process.stderr.write('\n');
      const seconds = (Date.now() - start) / 1000;
      return { done, failed, documents, seconds, rate: done / Math.max(seconds, 0.001), documentsPerSecond: documents / Math.max(seconds, 0.001) };
    },
  };
}

function errorText(err) {
  if (!err) return 'failed: unknown error';
  if (err.name === 'ImportParseError') return `not an article (${err.code}): ${err.message}`;
  if (err.name === 'InputError') return `refused (${err.code}): ${err.message}`;
  if (err.name === 'ValidationError') return `refused by the newsroom rules: ${err.message}`;
  return `failed: ${err.message}`;
}

function describe(file, page) {
  const lines = [`${file}: "${page.article.title}" (${page.language}${page.article.exclusive ? ', exclusive' : ''})`];
  for (const r of page.report) lines.push(`  ${String(r.line).padStart(4)} → ${r.field}`);
  for (const d of page.dropped) lines.push(`  ${String(d.line).padStart(4)} ✗ dropped (${d.reason}): ${d.text.slice(0, 60)}`);
  for (const n of page.notStored ?? []) lines.push(`       ! recognised, not stored (${n.reason}): ${n.text.slice(0, 60)}`);
  return lines.join('\n');
}

const docLabel = (d) => (d ? `${d.action}${d.documentId ? ` ${d.documentId}` : ''}${d.matchedBy ? ` (matched by ${d.matchedBy})` : ''}` : 'none');

function describeOutcome(o) {
  return `  = article ${docLabel(o.article)}; neighbourhood ${docLabel(o.neighbourhood)}; news items ${o.newsItems.created} created, ${o.newsItems.updated} updated, ${o.newsItems.linked} linked`;
}

function describeDryRun(d) {
  const tally = {};
  for (const n of d.newsItems) tally[n.action] = (tally[n.action] ?? 0) + 1;
  return `  ~ article ${docLabel(d.article)}; neighbourhood ${docLabel(d.neighbourhood)}; news items ${
    Object.entries(tally)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none'
  }`;
}

/** Documents written for a page: created or updated (a linked document is not written). */
const documentsOf = (o) =>
  (o.article.action === 'linked' ? 0 : 1) + (o.neighbourhood && o.neighbourhood.action === 'created' ? 1 : 0) + o.newsItems.created + o.newsItems.updated;

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`import: ${err.message}`);
    return 2;
  }
  if (opts.help || opts.inputs.length === 0) {
    console.error(
      'usage: npm run import -- <file|folder>… [--locale zh-Hans|en] [--dry-run] [--parse-only] [--publish] [--json] [--batch-size 50] [--max-file-bytes N] [--file-time-budget-ms N] [--no-bulk]',
    );
    return opts.help ? 0 : 2;
  }
  let files;
  try {
    files = listFiles(opts.inputs);
  } catch (err) {
    console.error(`import: ${err.message}`);
    return 2;
  }
  const printJson = opts.json ? jsonOutput() : null;
  const results = [];
  const bar = progress(files.length);
  let bootSeconds = 0;
  /** @type {{ bulk: number, documents: number, fallbacks: number } | null} */
  let paths = null;

  const report = (entry) => {
    results.push(entry);
    bar.tick(entry.ok, entry.outcome ? documentsOf(entry.outcome) : 0);
    if (opts.json) return;
    if (!entry.ok) {
      console.error(`${entry.file}: ${entry.error}`);
      return;
    }
    console.log(describe(entry.file, entry.page));
    if (entry.outcome) console.log(describeOutcome(entry.outcome));
    if (entry.match) console.log(describeDryRun(entry.match));
  };

  const run = async (strapi) => {
    const { defaultConfig } = require(path.join(DIST, 'config', 'schema'));
    let limits = defaultConfig.importer;
    if (strapi) {
      const { resolveConfig } = require(path.join(DIST, 'config', 'schema'));
      limits = resolveConfig(strapi.config.get('plugin::newsroom')).importer;
    }
    // Command-line flags override the configured limits for this run.
    limits = { maxFileBytes: opts.maxFileBytes ?? limits.maxFileBytes, fileTimeBudgetMs: opts.fileTimeBudgetMs ?? limits.fileTimeBudgetMs };
    const parser = createParser(limits.fileTimeBudgetMs);
    // Parsing runs ahead of the writes (in its worker) while a batch is being written.
    /** @type {Promise<any>} */
    let chain = Promise.resolve();
    const parsed = files.map((file) => {
      chain = chain.then(async () => {
        let text;
        try {
          text = readLimited(file, limits.maxFileBytes);
        } catch (err) {
          return { file, ok: false, error: errorText(err.name === 'InputError' ? err : new InputError('unreadable', err.message)) };
        }
        const r = await parser.parse(text, opts.locale, path.basename(file));
        return r.ok ? { file, ok: true, locale: r.plan.locale, page: r.page, plan: r.plan } : { file, ok: false, error: errorText(r.error) };
      });
      return chain;
    });
    const service = strapi ? strapi.plugin('newsroom').service('importer') : null;
    const session = service ? service.createSession() : null;
    // Pages written by each path, for the summary: a real archive should stay on the bulk path.
    if (session && !opts.dryRun) paths = session.stats;
    try {
      for (let i = 0; i < parsed.length; i += opts.batchSize) {
        const batch = await Promise.all(parsed.slice(i, i + opts.batchSize));
        const good = batch.filter((e) => e.ok);
        if (service && opts.dryRun) {
          for (const e of good) e.match = await service.dryRun(e.plan, session, { publish: opts.publish });
        } else if (service && good.length) {
          let written;
          try {
            written = await service.importBatch(
              good.map((e) => e.plan),
              { publish: opts.publish, session, bulk: opts.bulk },
            );
          } catch (err) {
            // The batch itself could not commit: none of its pages were written.
            session.reset();
            written = good.map(() => ({ ok: false, error: err }));
          }
          good.forEach((e, k) => {
            const w = written[k];
            if (w.ok) e.outcome = w.outcome;
            else Object.assign(e, { ok: false, error: errorText(w.error), details: w.error && w.error.details });
          });
        }
        for (const e of batch) {
          delete e.plan;
          report(e);
        }
      }
    } finally {
      parser.close();
    }
  };

  if (opts.parseOnly) await run(null);
  else {
    const bootStart = Date.now();
    await withStrapiTask((strapi) => {
      bootSeconds = (Date.now() - bootStart) / 1000;
      return run(strapi);
    });
  }
  const summary = { ...bar.end(), bootSeconds, ...(paths ? { paths } : {}) };
  if (opts.json) {
    printJson({
      dryRun: opts.dryRun || opts.parseOnly,
      files: results.map(({ page, ...r }) => (page ? { ...r, parsed: page } : r)),
      summary,
    });
  } else {
    const nothing = opts.dryRun || opts.parseOnly ? ' — dry run, nothing written' : '';
    console.log(
      `import: ${summary.done - summary.failed} ${nothing ? 'parsed' : 'imported'}, ${summary.failed} failed, ${summary.seconds.toFixed(1)} s (${summary.rate.toFixed(1)} files/s, ${summary.documents} documents written${bootSeconds ? `, boot ${bootSeconds.toFixed(1)} s` : ''})${nothing}`,
    );
  }
  return summary.failed ? 1 : 0;
}

if (!isMainThread) {
  runWorker();
} else {
  main().then(
    (code) => exitAfterFlush(code),
    (err) => {
      console.error(err && err.stack ? err.stack : err);
      process.exit(1);
    },
  );
}
