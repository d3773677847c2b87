#!/usr/bin/env node
/**
 * `newsroom search <words…> [--locale zh-Hans] [--drafts] [--json]`: the stories the public search
 * (or, with --drafts, an editor's) finds. `newsroom search --rebuild`: refills the search index from
 * the stored stories (after a restore that skipped it, or when `newsroom check` reports drift).
 */
const { withStrapi, jsonOutput } = require('./with-strapi');

const args = process.argv.slice(2);
const printJson = args.includes('--json') ? jsonOutput() : null;
const value = (/** @type {string} */ flag) => {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
};
const words = args.filter((a, i) => !a.startsWith('--') && !['--locale', '--limit'].includes(args[i - 1])).join(' ');

withStrapi(async (strapi) => {
  const search = strapi.plugin('newsroom').service('search');
  if (args.includes('--rebuild')) {
    const started = Date.now();
    const { rows } = await search.rebuild();
    const drift = await search.drift();
    const report = { rebuilt: rows, ms: Date.now() - started, drift };
    if (printJson) printJson(report);
    else console.log(`newsroom search: index rebuilt over ${rows} rows in ${report.ms} ms; ${drift.detail.length ? drift.detail.join('; ') : 'no drift'}`);
    return drift.missing + drift.stale ? 1 : 0;
  }
  let query;
  try {
    const params = { q: words, locale: value('--locale'), status: args.includes('--drafts') ? 'draft' : undefined, limit: value('--limit') };
    query = search.parse(params, { drafts: true });
  } catch (e) {
    const err = /** @type {Error | null | undefined} */ (e);
    if (err && err.name === 'SearchInputError') {
      console.error(`newsroom search: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const result = await search.search(query);
  if (printJson) printJson(result);
  else {
    for (const hit of result.hits) console.log(`${hit.documentId} [${hit.locale}, ${hit.status}] ${hit.title}\n    ${hit.snippet.replace(/<\/?mark>/g, '*')}`);
    console.log(`newsroom search: ${result.total} stories hold "${query.text}" (${query.locale}, ${query.status})`);
  }
  return 0;
});
