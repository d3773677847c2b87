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
  if (printJson) {
    printJson({ checked, fixed, violations, remaining: remaining.length });
  } else {
    for (const v of violations) {
      console.log(`${v.uid} ${v.documentId} [${v.locale}${v.published ? ', published' : ', draft'}] row ${v.id}: ${v.problems.join('; ')}`);
    }
    console.log(`newsroom:check: ${checked} rows checked, ${violations.length} violations${fix ? `, ${fixed} fixed, ${remaining.length} remaining` : ''}`);
  }
  return remaining.length ? 1 : 0;
});
