/**
 * Boots the host app's Strapi (the Strapi app in the current directory, or NEWSROOM_APP_DIR) for a
 * command-line task, runs it, and shuts down. Shared by the seed, check and import commands.
 * Strapi itself reads the app's .env; the app must have its secrets there or in the environment.
 */
const fs = require('fs');
const path = require('path');

const APP_DIR = path.resolve(process.env.NEWSROOM_APP_DIR || process.cwd());

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

// The real stdout, kept before jsonOutput() sends everything else to stderr.
const writeStdout = process.stdout.write.bind(process.stdout);

/** For --json: stdout carries the JSON alone; whatever Strapi or npm prints goes to stderr. */
function jsonOutput() {
  process.stdout.write = process.stderr.write.bind(process.stderr);
  return (value) => writeStdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exits once stdout is flushed: a piped JSON report can be megabytes. */
const exitAfterFlush = (code) => writeStdout('', () => process.exit(code));

/** Boots, runs the task, shuts down; returns what the task returned (rethrows its error). */
async function withStrapiTask(task, { logLevel = 'warn' } = {}) {
  // Commands print their own results; Strapi's boot chatter stays out of stdout unless asked for.
  if (!process.env.LOG_LEVEL) process.env.LOG_LEVEL = logLevel;
  const { createStrapi, compileStrapi } = requireAppStrapi();
  const ctx = await compileStrapi({ appDir: APP_DIR });
  const app = await createStrapi({ ...ctx, autoReload: false, serveAdminPanel: false }).load();
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

/** Runs a task as a whole command: its return value (or 1 on error) is the exit code. */
async function withStrapi(task, opts) {
  let code = 0;
  try {
    code = (await withStrapiTask(task, opts)) ?? 0;
  } catch (err) {
    // A refused config is the user's to fix, not a crash: its message names each option and variable.
    const configError = err && /config is invalid/.test(String(err.message));
    console.error(configError ? err.message : err && err.stack ? err.stack : err);
    code = 1;
  }
  exitAfterFlush(code);
}

module.exports = { withStrapi, withStrapiTask, jsonOutput, exitAfterFlush, APP_DIR };
