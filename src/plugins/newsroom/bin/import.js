#!/usr/bin/env node
/**
 * `newsroom import <file|folder>… [--locale zh-Hans] [--dry-run] [--publish] [--json]`
 * Scraped article pages → articles, neighbourhood profiles and related news, through the plugin's
 * rules. Each page is one transaction; a bad page gets its own error and the rest go on.
 * Exit code: 0 when every page imported, 1 when any failed, 2 on usage errors.
 */
const fs = require('fs');
const path = require('path');

const DIST = path.resolve(__dirname, '..', 'dist', 'domain', 'import');
const { parsePage, ImportParseError } = require(path.join(DIST, 'parse-page'));
const { planImport } = require(path.join(DIST, 'plan'));
const { withStrapiTask, jsonOutput, exitAfterFlush } = require('./with-strapi');

function parseArgs(argv) {
  const opts = { inputs: [], locale: undefined, dryRun: false, publish: false, json: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--publish') opts.publish = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--locale') opts.locale = argv[++i];
    else if (a.startsWith('--locale=')) opts.locale = a.slice('--locale='.length);
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.inputs.push(a);
  }
  return opts;
}

function listFiles(inputs) {
  const files = [];
  for (const input of inputs) {
    const stat = fs.statSync(input);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(input).sort()) {
        const full = path.join(input, name);
        if (fs.statSync(full).isFile() && !name.startsWith('.')) files.push(full);
      }
    } else files.push(input);
  }
  return files;
}

/** A one-line progress bar on a terminal; nothing when output is piped. */
function progress(total) {
  const tty = process.stderr.isTTY && total > 1;
  const start = Date.now();
  let done = 0;
  let failed = 0;
  return {
    tick(ok) {
      done += 1;
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
      return { done, failed, seconds, rate: done / Math.max(seconds, 0.001) };
    },
  };
}

function parseFile(file, locale) {
  const text = fs.readFileSync(file, 'utf8');
  const page = parsePage(text, { locale, sourceName: path.basename(file) });
  return { page, plan: planImport(page, locale ?? page.language) };
}

function describe(file, page) {
  const lines = [`${file}: "${page.article.title}" (${page.language}${page.article.exclusive ? ', exclusive' : ''})`];
  for (const r of page.report) lines.push(`  ${String(r.line).padStart(4)} → ${r.field}`);
  for (const d of page.dropped) lines.push(`  ${String(d.line).padStart(4)} ✗ dropped (${d.reason}): ${d.text.slice(0, 60)}`);
  return lines.join('\n');
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (opts.help || opts.inputs.length === 0) {
    console.error('usage: npm run import -- <file|folder>… [--locale zh-Hans] [--dry-run] [--publish] [--json]');
    return opts.help ? 0 : 2;
  }
  let files;
  try {
    files = listFiles(opts.inputs);
  } catch (err) {
    console.error(`import: ${err.message}`);
    return 2;
  }
  const results = [];
  const bar = progress(files.length);
  const run = async (importPlan) => {
    for (const file of files) {
      let entry;
      try {
        const { page, plan } = parseFile(file, opts.locale);
        entry = { file, ok: true, locale: plan.locale, page };
        if (importPlan) entry.outcome = await importPlan(plan);
      } catch (err) {
        const kind = err instanceof ImportParseError ? `not an article (${err.code})` : err.name === 'ValidationError' ? 'refused by the newsroom rules' : 'failed';
        entry = { file, ok: false, error: `${kind}: ${err.message}`, details: err.details };
      }
      results.push(entry);
      bar.tick(entry.ok);
      if (!opts.json) {
        if (entry.ok) {
          console.log(describe(file, entry.page));
          if (entry.outcome) {
            const o = entry.outcome;
            console.log(`  = article ${o.article.action} ${o.article.documentId}; neighbourhood ${o.neighbourhood ? `${o.neighbourhood.action} ${o.neighbourhood.documentId}` : 'none'}; news items ${o.newsItems.created} created, ${o.newsItems.updated} updated`);
          }
        } else console.error(`${file}: ${entry.error}`);
      }
    }
  };

  const printJson = opts.json ? jsonOutput() : null;
  if (opts.dryRun) await run(null);
  else {
    await withStrapiTask((strapi) => run((plan) => strapi.plugin('newsroom').service('importer').importPlan(plan, { publish: opts.publish })));
  }
  const summary = bar.end();
  if (opts.json) {
    printJson({ dryRun: opts.dryRun, files: results.map(({ page, ...r }) => (page ? { ...r, parsed: page } : r)), summary });
  } else {
    console.log(`import: ${summary.done - summary.failed} imported, ${summary.failed} failed, ${summary.seconds.toFixed(1)} s (${summary.rate.toFixed(1)} files/s)${opts.dryRun ? ' — dry run, nothing written' : ''}`);
  }
  return summary.failed ? 1 : 0;
}

main().then(
  (code) => exitAfterFlush(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
