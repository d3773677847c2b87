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

// The pure core, compiled file by file into the package (scripts/build.js); typed from its source.
const DIST = path.resolve(__dirname, '..', 'dist', 'core');
/** @type {typeof import('../server/src/import/cli-run')} */
const cli = require(path.join(DIST, 'import', 'cli-run'));
const { InputError } = cli;

/** @typedef {import('../server/src/import/cli-run').ParseResult} ParseResult */
/** @typedef {import('../server/src/import/cli-run').ParsedFile} ParsedFile */
/** @typedef {import('../server/src/import/cli-run').FileEntry} FileEntry */
/** @typedef {import('../server/src/import/cli-run').BatchWriter} BatchWriter */
/** @typedef {import('../server/src/import/cli-run').WritePaths} WritePaths */

// ---------------------------------------------------------------------------------------------
// Worker: parses one page at a time; killed by the main thread when it runs over its budget.

function runWorker() {
  const port = /** @type {import('worker_threads').MessagePort} */ (parentPort);
  port.on('message', (/** @type {{ id: number, text: string, locale: string | undefined, sourceName: string }} */ { id, text, locale, sourceName }) => {
    port.postMessage({ id, ...cli.parseForImport(text, locale, sourceName) });
  });
}

const { withStrapiTask, jsonOutput, exitAfterFlush } = require('./with-strapi');

/**
 * Files to import: a folder's visible entries in name order. Non-regular entries are kept, to be refused with a reason.
 * @param {string[]} inputs
 */
function listFiles(inputs) {
  /** @type {string[]} */
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

/**
 * Reads a regular file of at most maxBytes; anything else is refused with a clear reason.
 * @param {string} file
 * @param {number} maxBytes
 */
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

/**
 * Parses pages in a worker thread, one at a time, each within a time budget.
 * @param {number} budgetMs
 */
function createParser(budgetMs) {
  /** @type {Worker | null} */
  let worker = null;
  /** @type {{ id: number, resolve: (r: ParseResult) => void, timer: NodeJS.Timeout } | null} */
  let pending = null;
  let nextId = 0;
  const spawn = () => {
    const w = new Worker(__filename);
    worker = w;
    w.unref();
    w.on('message', (/** @type {ParseResult & { id: number }} */ msg) => {
      if (pending && msg.id === pending.id) {
        const p = pending;
        pending = null;
        clearTimeout(p.timer);
        p.resolve(msg);
      }
    });
    w.on('error', (err) => {
      if (pending) {
        const p = pending;
        pending = null;
        clearTimeout(p.timer);
        p.resolve({ ok: false, error: { name: 'Error', message: `parser crashed: ${err.message}` } });
      }
      worker = null;
    });
    return w;
  };
  return {
    /**
     * @param {string} text
     * @param {string | undefined} locale
     * @param {string} sourceName
     * @returns {Promise<ParseResult>}
     */
    parse(text, locale, sourceName) {
      const w = worker ?? spawn();
      const id = (nextId += 1);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (!pending || pending.id !== id) return;
          pending = null;
          const running = worker;
          worker = null;
          if (running) running.terminate();
          resolve({
            ok: false,
            error: { name: 'InputError', code: 'time-budget', message: `parsing took longer than the importer.fileTimeBudgetMs budget of ${budgetMs} ms` },
          });
        }, budgetMs);
        pending = { id, resolve, timer };
        w.postMessage({ id, text, locale, sourceName });
      });
    },
    close() {
      if (worker) worker.terminate();
      worker = null;
    },
  };
}

async function main() {
  const command = cli.importCommand(process.argv.slice(2));
  if ('exit' in command) {
    console.error(command.message);
    return command.exit;
  }
  const args = command.run;
  /** @type {string[]} */
  let files;
  try {
    files = listFiles(args.inputs);
  } catch (err) {
    const failure = cli.usageFailure(err);
    console.error(failure.message);
    return failure.exit;
  }
  const printJson = args.json ? jsonOutput() : null;
  /** @type {FileEntry[]} */
  const results = [];
  const tally = cli.createTally(files.length);
  // A one-line progress bar on a terminal; nothing when output is piped.
  const bar = process.stderr.isTTY && files.length > 1;
  let bootSeconds = 0;
  /** @type {WritePaths | null} */
  let paths = null;

  /** @param {FileEntry} entry */
  const report = (entry) => {
    results.push(entry);
    tally.add(entry);
    if (bar) process.stderr.write(`\r${tally.progressLine()}`);
    if (args.json) return;
    const text = cli.entryText(entry);
    if ('err' in text) console.error(text.err);
    else for (const line of text.out) console.log(line);
  };

  /** @param {import('./with-strapi').App | null} strapi the booted app, or null to parse only */
  const run = async (strapi) => {
    const limits = cli.importLimits(args, strapi);
    const parser = createParser(limits.fileTimeBudgetMs);
    // Parsing runs ahead of the writes (in its worker) while a batch is being written.
    /** @type {Promise<unknown>} */
    let chain = Promise.resolve();
    const parsed = files.map((file) => {
      /** @type {Promise<ParsedFile>} */
      const next = chain.then(async () => {
        let text;
        try {
          text = readLimited(file, limits.maxFileBytes);
        } catch (err) {
          return cli.unreadableFile(file, err);
        }
        return cli.parsedFile(file, await parser.parse(text, args.locale, path.basename(file)));
      });
      chain = next;
      return next;
    });
    /** @type {BatchWriter | null} */
    let writer = null;
    if (strapi) {
      const service = strapi.plugin('newsroom').service('importer');
      const session = service.createSession();
      // Pages written by each path, for the summary: a real archive should stay on the bulk path.
      if (!args.dryRun) paths = session.stats;
      writer = {
        dryRun: (plan, options) => service.dryRun(plan, session, options),
        importBatch: (plans, options) => service.importBatch(plans, { ...options, session }),
        reset: () => session.reset(),
      };
    }
    try {
      await cli.runBatches(args, parsed, writer, report);
    } finally {
      parser.close();
    }
  };

  if (args.parseOnly) await run(null);
  else {
    const bootStart = Date.now();
    await withStrapiTask((strapi) => {
      bootSeconds = (Date.now() - bootStart) / 1000;
      return run(strapi);
    });
  }
  if (bar) process.stderr.write('\n');
  const summary = cli.importSummary(tally.end(), bootSeconds, paths);
  if (printJson) printJson(cli.jsonReport(args, results, summary));
  else console.log(cli.summaryLine(args, summary));
  return cli.exitCode(summary);
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
