#!/usr/bin/env node
/**
 * `newsroom backup [--out file] [--json]`: every row of every newsroom content type (all locales,
 * draft and published) as NDJSON, to the file or to stdout, read in keyset pages with bounded memory.
 * The summary (rows per content type) goes to stderr, or as JSON to stdout with --json and --out.
 */
const fs = require('fs');
const { withStrapi, jsonOutput } = require('./with-strapi');

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outFile = outIndex === -1 ? null : args[outIndex + 1];
if (outIndex !== -1 && (!outFile || outFile.startsWith('--'))) {
  console.error('newsroom backup: --out needs a file name');
  process.exit(2);
}
// Without --out the backup itself is stdout: Strapi's messages and the summary go to stderr.
const printJson = args.includes('--json') && outFile ? jsonOutput() : null;
const writeStdout = process.stdout.write.bind(process.stdout);
if (!outFile) process.stdout.write = process.stderr.write.bind(process.stderr);

withStrapi(async (strapi) => {
  const started = Date.now();
  const out = outFile ? fs.createWriteStream(outFile) : stdoutWritable();
  /** @type {Record<string, number>} */
  const counts = await strapi.plugin('newsroom').service('backup').write(out);
  await new Promise((/** @type {(value?: unknown) => void} */ resolve, reject) =>
    out.end((/** @type {Error | null | undefined} */ err) => (err ? reject(err) : resolve())),
  );
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const summary = { rows, counts, file: outFile, ms: Date.now() - started };
  if (printJson) printJson(summary);
  else {
    const per = Object.entries(counts).map(([uid, n]) => `${uid.replace('plugin::newsroom.', '')} ${n}`);
    console.error(`newsroom backup: ${rows} rows (${per.join(', ')}) written to ${outFile ?? 'stdout'} in ${summary.ms} ms`);
  }
  return 0;
});

/** stdout as a Writable whose back-pressure is the real stdout's (its write method is redirected above). */
function stdoutWritable() {
  const { Writable } = require('stream');
  return new Writable({
    write(chunk, _encoding, callback) {
      if (writeStdout(chunk)) callback();
      else process.stdout.once('drain', () => callback());
    },
    final(callback) {
      callback();
    },
  });
}
