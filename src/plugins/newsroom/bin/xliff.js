#!/usr/bin/env node
/**
 * `newsroom xliff export --locale en [--stale] [--out folder] [--version 2.1|1.2]` and
 * `newsroom xliff import <file|folder>… [--json]` (this app: `npm run xliff -- …`).
 * Export writes one XLIFF file per document to translate into the locale (`--stale`: only those whose
 * translation is missing or stale) into the folder (default `xliff/<locale>`). Import applies files
 * through the Document Service, with every newsroom rule; a refused file (a unit not of the document,
 * an edited <source>, a malformed or unsafe file) stops the import before anything is written.
 * Exit code: 0 done, 1 refused or failed, 2 usage.
 */
const fs = require('fs');
const path = require('path');
const { withStrapi, jsonOutput } = require('./with-strapi');

const USAGE =
  'usage: newsroom xliff export --locale <locale> [--stale] [--out folder] [--version 2.1|1.2]\n       newsroom xliff import <file|folder>… [--json]';

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
  /** @type {{ action: string | undefined, inputs: string[], locale: string | undefined, stale: boolean, out: string | undefined, version: string, json: boolean }} */
  const opts = { action: argv[0], inputs: [], locale: undefined, stale: false, out: undefined, version: '2.1', json: false };
  for (let i = 1; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--locale') opts.locale = value();
    else if (a === '--stale') opts.stale = true;
    else if (a === '--out') opts.out = value();
    else if (a === '--version') opts.version = value();
    else if (a === '--json') opts.json = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.inputs.push(a);
  }
  if (opts.action === 'export' && !opts.locale) throw new Error('export needs --locale');
  if (opts.action === 'import' && !opts.inputs.length) throw new Error('import needs files or folders');
  if (!['export', 'import'].includes(opts.action ?? '')) throw new Error(`unknown action "${opts.action ?? ''}"`);
  if (!['2.1', '1.2'].includes(opts.version)) throw new Error('--version must be 2.1 or 1.2');
  return opts;
}

/**
 * Files given, and the .xlf / .xliff files of folders given (not recursive).
 * @param {string[]} inputs
 * @returns {string[]}
 */
function inputFiles(inputs) {
  return inputs.flatMap((input) => {
    const stat = fs.statSync(input);
    if (stat.isDirectory()) {
      return fs
        .readdirSync(input)
        .filter((f) => /\.(xlf|xliff)$/i.test(f))
        .sort()
        .map((f) => path.join(input, f));
    }
    if (!stat.isFile()) throw new Error(`${input} is not a regular file`);
    return [input];
  });
}

/** @type {ReturnType<typeof parseArgs>} */
let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(`newsroom xliff: ${/** @type {Error} */ (err).message}\n${USAGE}`);
  process.exit(2);
}
const printJson = opts.json ? jsonOutput() : null;

withStrapi(async (strapi) => {
  const service = strapi.plugin('newsroom').service('xliff');
  if (opts.action === 'export') {
    const locale = /** @type {string} */ (opts.locale); // parseArgs: export needs --locale
    const folder = path.resolve(opts.out ?? path.join('xliff', locale));
    const bundles = await service.exportAll(locale, { stale: opts.stale });
    fs.mkdirSync(folder, { recursive: true });
    for (const bundle of bundles) {
      const doc = bundle.documents[0];
      const file = path.join(folder, `${doc.kind}.${doc.documentId}.${opts.locale}.xlf`);
      fs.writeFileSync(file, service.write(bundle, opts.version));
    }
    const summary = { folder, files: bundles.length, locale: opts.locale, stale: opts.stale };
    if (printJson) printJson(summary);
    else console.log(`newsroom xliff: ${bundles.length} file(s) written to ${folder}`);
    return 0;
  }
  const files = inputFiles(opts.inputs).map((file) => ({ name: path.basename(file), bytes: fs.readFileSync(file) }));
  try {
    const result = await service.importFiles(files);
    if (printJson) printJson(result);
    else {
      for (const d of result.documents) console.log(`${d.kind} ${d.documentId} [${d.locale}]: ${d.units} unit(s) imported, ${d.status}`);
      for (const w of result.warnings) console.log(`warning: ${w}`);
    }
    return 0;
  } catch (e) {
    const err = /** @type {{ message?: string, details?: { errors?: unknown } } | null | undefined} */ (e);
    const details = err && err.details && Array.isArray(err.details.errors) ? err.details.errors : null;
    if (!err || !details) throw e;
    if (printJson) printJson({ error: err.message, errors: details });
    else {
      console.error(`newsroom xliff: import refused, nothing written`);
      for (const e of details) console.error(`  ${e.path.join(' › ')}: ${e.message}`);
    }
    return 1;
  }
});
