/**
 * Boots the host app's Strapi (the Strapi app in the current directory, or NEWSROOM_APP_DIR) for a
 * command-line task, runs it, and shuts down. Shared by the seed, check and import commands.
 * Strapi itself reads the app's .env; the app must have its secrets there or in the environment.
 * The app's TypeScript is compiled only when its sources changed since the last compile.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const APP_DIR = path.resolve(process.env.NEWSROOM_APP_DIR || process.cwd());

/**
 * The booted app as the commands use it. Strapi's own types come with the host app at run time;
 * the CLI names what it calls, and the plugin's services answer as their own code says.
 * @typedef {object} App
 * @property {{ get(path: string, fallback?: unknown): any }} config
 * @property {(name: string) => { service(name: string): any }} plugin
 * @property {any} db
 * @property {any} log
 * @property {() => Promise<void>} destroy
 */

/** The host app's own @strapi/strapi (never a copy next to the plugin), or a clear message. */
function requireAppStrapi() {
  let pkg = null;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8'));
  } catch {
    /* reported below */
  }
  const deps = { ...(pkg && pkg.dependencies), ...(pkg && pkg.devDependencies) };
  if (!pkg || !deps['@strapi/strapi']) {
    throw new Error(
      `newsroom: ${APP_DIR} is not a Strapi app (no package.json depending on @strapi/strapi); run the command from your app's folder or set NEWSROOM_APP_DIR`,
    );
  }
  return require(require.resolve('@strapi/strapi', { paths: [APP_DIR] }));
}

/** Where the compile stamp is kept, in the app's output folder. */
const COMPILE_STAMP = '.newsroom-compile-stamp';

/**
 * The app compiled as `compileStrapi` compiles it (a TypeScript app: its tsconfig's files into its
 * outDir), reusing the output when nothing it is compiled from changed: a stamp of every input
 * file's path, size and mtime (the file list from the same tsconfig, so an added or removed file
 * counts), the tsconfig and TypeScript's version, written after a successful compile. Compiling
 * costs seconds on every command otherwise. Returns what compileStrapi returns, and whether it ran.
 * `compile` is @strapi/strapi's compileStrapi (passed in for an app other than APP_DIR).
 * @param {string} appDir
 * @param {(options: { appDir: string }) => Promise<{ appDir: string, distDir: string }>} compile
 * @returns {Promise<{ appDir: string, distDir: string, compiled: boolean }>}
 */
async function compiledApp(appDir, compile) {
  const tsconfig = path.join(appDir, 'tsconfig.json');
  if (!fs.existsSync(tsconfig)) return { ...(await compile({ appDir })), compiled: true };
  const from = [appDir, path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [appDir] }))];
  const tsUtils = require(require.resolve('@strapi/typescript-utils', { paths: from }));
  const ts = require(require.resolve('typescript', { paths: [path.dirname(require.resolve('@strapi/typescript-utils/package.json', { paths: from }))] }));
  const { fileNames, options } = tsUtils.resolveConfigOptions(tsconfig);
  const distDir = options.outDir;
  const inputs = [tsconfig, ...fileNames].map((file) => {
    const stat = fs.statSync(file);
    return [path.relative(appDir, file), stat.size, stat.mtimeMs];
  });
  const stamp = crypto
    .createHash('sha256')
    .update(JSON.stringify([ts.version, inputs.sort((a, b) => (a[0] < b[0] ? -1 : 1))]))
    .digest('hex');
  const stampFile = distDir && path.join(distDir, COMPILE_STAMP);
  if (stampFile && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === stamp) return { appDir, distDir, compiled: false };
  const ctx = await compile({ appDir });
  if (stampFile && fs.existsSync(distDir)) fs.writeFileSync(stampFile, `${stamp}\n`);
  return { ...ctx, compiled: true };
}

// The real stdout, kept before jsonOutput() sends everything else to stderr.
const writeStdout = process.stdout.write.bind(process.stdout);

/** For --json: stdout carries the JSON alone; whatever Strapi or npm prints goes to stderr. */
function jsonOutput() {
  process.stdout.write = process.stderr.write.bind(process.stderr);
  return (/** @type {unknown} */ value) => writeStdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exits once stdout is flushed: a piped JSON report can be megabytes. */
const exitAfterFlush = (/** @type {number} */ code) => writeStdout('', () => process.exit(code));

/**
 * Boots, runs the task, shuts down; returns what the task returned (rethrows its error).
 * @template T
 * @param {(app: App) => Promise<T> | T} task
 * @param {{ logLevel?: string }} [options]
 * @returns {Promise<T>}
 */
async function withStrapiTask(task, { logLevel = 'warn' } = {}) {
  // Commands print their own results; Strapi's boot chatter stays out of stdout unless asked for.
  if (!process.env.LOG_LEVEL) process.env.LOG_LEVEL = logLevel;
  const { createStrapi, compileStrapi } = requireAppStrapi();
  const { appDir, distDir } = await compiledApp(APP_DIR, compileStrapi);
  const app = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  app.log.level = logLevel;
  try {
    return await task(app);
  } finally {
    // Strapi finishes some work after a write returns (event hub, webhooks): let the pool go idle first.
    const pool = app.db && app.db.connection && app.db.connection.client.pool;
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (pool && Date.now() - started < 15000 && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await app.destroy();
  }
}

/**
 * Runs a task as a whole command: its return value (or 1 on error) is the exit code.
 * @param {(app: App) => Promise<number | void> | number | void} task
 * @param {{ logLevel?: string }} [opts]
 */
async function withStrapi(task, opts) {
  let code = 0;
  try {
    code = (await withStrapiTask(task, opts)) ?? 0;
  } catch (e) {
    const err = /** @type {Error | null | undefined} */ (e);
    // A refused config is the user's to fix, not a crash: its message names each option and variable.
    const configError = err && /config is invalid/.test(String(err.message));
    console.error(configError ? err.message : err && err.stack ? err.stack : err);
    code = 1;
  }
  exitAfterFlush(code);
}

module.exports = { withStrapi, withStrapiTask, compiledApp, jsonOutput, exitAfterFlush, APP_DIR };
