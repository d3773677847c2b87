#!/usr/bin/env node
/**
 * Builds the package: `strapi-plugin build` (server and admin bundles + types into dist/), then the
 * pure core file by file into dist/core for the CLI (tsconfig.core.json). Skips the work when dist/ is newer than
 * every source file (the host app's scripts call this before each run); `--force` always builds.
 * Progress goes to stderr so commands with --json keep a clean stdout.
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const SOURCES = [
  'server/src',
  'admin/src',
  'package.json',
  'server/tsconfig.json',
  'server/tsconfig.build.json',
  'admin/tsconfig.json',
  'admin/tsconfig.build.json',
  'tsconfig.core.json',
  'scripts/build.js',
];
const OUTPUTS = ['dist/server/index.js', 'dist/server/index.mjs', 'dist/admin/index.js', 'dist/admin/index.mjs', 'dist/core/import/cli-run.js'];

/**
 * @param {string} file
 * @returns {number}
 */
function newest(file) {
  const full = path.join(ROOT, file);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(full).map((name) => newest(path.join(file, name))));
}

const force = process.argv.includes('--force');
const fresh = fs.existsSync(STAMP) && OUTPUTS.every((f) => fs.existsSync(path.join(ROOT, f))) && fs.statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newest));
if (fresh && !force) process.exit(0);

const started = Date.now();
const bin = (/** @type {string} */ pkg, /** @type {string} */ name) => {
  const pkgJson = require.resolve(`${pkg}/package.json`, { paths: [ROOT] });
  const { bin: bins } = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
  return path.join(path.dirname(pkgJson), typeof bins === 'string' ? bins : bins[name]);
};
const run = (/** @type {string} */ file, /** @type {string[]} */ args) =>
  execFileSync(process.execPath, [file, ...args], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });

process.stderr.write('[newsroom] building the plugin package (strapi-plugin build)…\n');
run(bin('@strapi/sdk-plugin', 'strapi-plugin'), ['build', '--silent']);
run(bin('typescript', 'tsc'), ['-p', 'tsconfig.core.json']);
fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
process.stderr.write(`[newsroom] plugin built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
