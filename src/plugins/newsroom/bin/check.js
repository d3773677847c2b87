#!/usr/bin/env node
/**
 * `newsroom check [--fix] [--json]`: every stored row that breaks a newsroom rule.
 * Exits 1 when violations remain (without --fix, any violation), 0 when the data is clean.
 */
const { withStrapi, jsonOutput } = require('./with-strapi');

const fix = process.argv.includes('--fix');
const printJson = process.argv.includes('--json') ? jsonOutput() : null;

withStrapi(async (strapi) => {
  const { checked, fixed, violations } = await strapi.plugin('newsroom').service('reconcile').audit({ fix });
  const remaining = fix ? (await strapi.plugin('newsroom').service('reconcile').audit({ fix: false })).violations : violations;
  // The search index drifts only if something bypassed the database's own upkeep (a dropped trigger or index).
  const search = strapi.plugin('newsroom').service('search');
  const drift = await search.drift();
  const drifted = drift.missing + drift.stale > 0;
  if (fix && drifted) await search.rebuild();
  const searchDrift = fix && drifted ? await search.drift() : drift;
  const searchRemaining = searchDrift.missing + searchDrift.stale > 0;
  if (printJson) {
    printJson({ checked, fixed, violations, remaining: remaining.length, search: { ...drift, rebuilt: fix && drifted, remaining: searchRemaining } });
  } else {
    for (const v of violations) {
      console.log(`${v.uid} ${v.documentId} [${v.locale}${v.published ? ', published' : ', draft'}] row ${v.id}: ${v.problems.join('; ')}`);
    }
    for (const line of drift.detail) console.log(`search index: ${line}${fix ? ' (rebuilt)' : ' (newsroom search --rebuild, or check --fix)'}`);
    console.log(
      `newsroom:check: ${checked} rows checked, ${violations.length} violations${fix ? `, ${fixed} fixed, ${remaining.length} remaining` : ''}; search index ${drifted ? (fix && !searchRemaining ? 'rebuilt' : 'drifted') : 'current'}`,
    );
  }
  return remaining.length || searchRemaining ? 1 : 0;
});
