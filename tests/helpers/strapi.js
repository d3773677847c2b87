// @ts-check
/**
 * The one way the tests and benchmarks boot this app's Strapi, from the same code in both modes:
 *
 *   bootStrapi(env)      in this process (integration, security, bench:writes): compiled once into
 *                        dist/, loaded, routes mounted; HTTP through strapiInstance().server.httpServer
 *   startStrapi(opts)    a child process running this file (`node tests/helpers/strapi.js serve`)
 *                        on a free port; ready when GET /_health answers (multi-instance, load, e2e, bench)
 *   spawnServer(opts)    the spawn-and-wait under startStrapi, for any server process (the package
 *                        test's `strapi start` in another app, the benchmark's bare-Node ceiling)
 *   waitFor(check)       the one wait loop
 *
 * Both modes take their environment from strapiEnv (tests/helpers/env.js): one secrets list, quiet
 * defaults, a fresh SQLite file. Plain JavaScript so the child needs no TypeScript loader (the
 * benchmark measures the server's own boot time and memory).
 */
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const { freePort, strapiEnv } = require('./env');

const APP_DIR = path.resolve(__dirname, '..', '..');
const DIST_DIR = path.join(APP_DIR, 'dist');

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The one wait loop: polls `check` until it returns a value other than undefined/false, and
 * returns that value. Throws, with `what` and `detail()`, when `timeoutMs` passes or `gaveUp()` says so.
 *
 * @template T
 * @param {() => Promise<T | undefined | false> | T | undefined | false} check
 * @param {{ what: string, timeoutMs?: number, intervalMs?: number, gaveUp?: () => string | null, detail?: () => string }} opts
 * @returns {Promise<T>}
 */
async function waitFor(check, opts) {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const reason = opts.gaveUp?.();
    if (reason) throw new Error(`${opts.what}: ${reason}${opts.detail ? `\n${opts.detail()}` : ''}`);
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${opts.what}: not within ${(opts.timeoutMs ?? 120_000) / 1000} s${opts.detail ? `\n${opts.detail()}` : ''}`);
    await sleep(opts.intervalMs ?? 250);
  }
}

/**
 * True once GET <url>/_health answers 2xx.
 * @param {string} url
 */
async function healthy(url) {
  try {
    return (await fetch(`${url}/_health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false; // not listening yet
  }
}

/** @type {Set<import('child_process').ChildProcess>} */
const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try {
      if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/**
 * Remembers a child process so it is killed (by its pid) if this process exits first.
 * @param {import('child_process').ChildProcess} child
 */
function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/**
 * @typedef {object} ServerProcess
 * @property {string} url
 * @property {number} port
 * @property {number} pid
 * @property {import('child_process').ChildProcess} child
 * @property {number} bootSeconds from spawn to the first 2xx from /_health
 * @property {() => string} output what the process printed so far (stdout and stderr; the last megabyte)
 * @property {(signal?: NodeJS.Signals) => Promise<void>} stop signal (SIGTERM by default), then SIGKILL after 15 s
 */

/**
 * @typedef {object} SpawnOptions
 * @property {number} [bootTimeoutMs] how long /_health may take to answer (180 s)
 * @property {number} [intervalMs] how often /_health is asked (100 ms)
 * @property {(port: number) => Record<string, string>} [portEnv] more environment, once the port is chosen
 * @property {(child: import('child_process').ChildProcess) => void} [onSpawn] called right after the spawn
 */

/**
 * Spawns a server process on a free loopback port (given to it as PORT, HOST=127.0.0.1) and waits
 * until GET /_health answers 2xx. A process that exits first, or does not answer in time, fails
 * with its output. The child gets an IPC channel: a Strapi started by this file stops when its parent goes.
 *
 * @param {SpawnOptions & { name: string, command?: string, args: string[], cwd?: string, env: NodeJS.ProcessEnv }} opts
 * @returns {Promise<ServerProcess>}
 */
async function spawnServer(opts) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child = track(
    spawn(opts.command ?? process.execPath, opts.args, {
      cwd: opts.cwd ?? APP_DIR,
      env: { ...opts.env, ...opts.portEnv?.(port), HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  let output = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    output = (output + chunk.toString()).slice(-1_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  /** @param {NodeJS.Signals} [signal] */
  const stop = async (signal = 'SIGTERM') => {
    if (gone()) return;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  opts.onSpawn?.(child);
  try {
    await waitFor(() => healthy(url), {
      what: `${opts.name} on ${url}`,
      timeoutMs: opts.bootTimeoutMs ?? 180_000,
      intervalMs: opts.intervalMs ?? 100,
      gaveUp: () => (gone() ? `exited (${child.exitCode ?? child.signalCode}) before /_health answered` : null),
      detail: () => output.slice(-6000),
    });
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
  return {
    url,
    port,
    pid: /** @type {number} */ (child.pid),
    child,
    bootSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    output: () => output,
    stop,
  };
}

/**
 * A Strapi of this app, not yet loaded: the one place both modes create it.
 * @param {{ distDir?: string, serveAdminPanel?: boolean }} [opts]
 */
function createApp({ distDir = DIST_DIR, serveAdminPanel = false } = {}) {
  const { createStrapi } = require('@strapi/strapi');
  return createStrapi({ appDir: APP_DIR, distDir, autoReload: false, serveAdminPanel });
}

/**
 * Loads a Strapi created by createApp and sets its log level (STRAPI_LOG_LEVEL, else `level`).
 * @param {{ distDir?: string, serveAdminPanel?: boolean }} opts
 * @param {string} level
 * @returns {Promise<any>} untyped, as the tests use it (string UIDs, internals)
 */
async function loadApp(opts, level) {
  const app = await createApp(opts).load();
  app.log.level = process.env.STRAPI_LOG_LEVEL ?? level;
  return app;
}

/** Compiles the app's TypeScript (config/, src/) into dist/, which every boot reads. */
async function compileApp() {
  const { compileStrapi } = require('@strapi/strapi');
  return compileStrapi({ appDir: APP_DIR });
}

/**
 * A Strapi of this app in a child process (this file, `serve`), on a free port with strapiEnv(env).
 * `distDir` and `serveAdminPanel` as for createApp (the browser tests boot their own admin build).
 *
 * @param {SpawnOptions & { name?: string, env?: Record<string, string | undefined>, distDir?: string, serveAdminPanel?: boolean }} [opts]
 * @returns {Promise<ServerProcess>}
 */
function startStrapi(opts = {}) {
  const args = [__filename, 'serve', '--dist', opts.distDir ?? DIST_DIR, ...(opts.serveAdminPanel ? ['--admin'] : [])];
  const { name = 'Strapi', env, distDir: _dist, serveAdminPanel: _admin, ...spawnOptions } = opts;
  return spawnServer({ ...spawnOptions, name, args, env: strapiEnv(env) });
}

/**
 * Child mode: boots from the given build with the environment it was given, listens on HOST:PORT,
 * and stops cleanly on SIGTERM, SIGINT or when its parent goes away (the IPC channel closes).
 * @param {string[]} argv
 */
function serve(argv) {
  const at = argv.indexOf('--dist');
  const distDir = at >= 0 ? path.resolve(argv[at + 1]) : DIST_DIR;
  /** @type {any} */
  let app = null;
  let stopping = false;
  const stop = async (/** @type {number} */ code) => {
    if (stopping) return;
    stopping = true;
    try {
      if (app) await app.destroy();
    } catch (err) {
      console.error(err);
    }
    process.exit(code);
  };
  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));
  process.once('disconnect', () => stop(0));
  (async () => {
    app = await loadApp({ distDir, serveAdminPanel: argv.includes('--admin') }, 'warn');
    await app.listen();
  })().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    stop(1);
  });
}

// ---------------------------------------------------------------------------------------------
// In-process mode: one Strapi per test file.

/** @type {any} */
let instance = null;

/**
 * Sets this process's environment as a test Strapi's (strapiEnv) and boots it here: compiled into
 * dist/ (reused when present), loaded, routes mounted without listening.
 * @param {Record<string, string>} [extraEnv]
 * @returns {Promise<any>}
 */
async function bootStrapi(extraEnv = {}) {
  if (instance) return instance;
  Object.assign(process.env, strapiEnv(extraEnv));
  const { distDir } = await compileApp();
  instance = await loadApp({ distDir }, 'error');
  await instance.server.mount();
  return instance;
}

/**
 * Strapi finishes some work after a write returns (event hub, webhooks): wait until the pool is
 * idle before closing it, or the pending queries die with "aborted".
 * @param {any} app
 */
async function settle(app, timeoutMs = 15_000) {
  const pool = app.db?.connection?.client?.pool;
  await sleep(100);
  if (!pool) return;
  await waitFor(() => pool.numUsed() === 0 && pool.numPendingAcquires() === 0, { what: 'database pool idle', timeoutMs, intervalMs: 50 }).catch(
    () => undefined,
  );
}

async function stopStrapi() {
  if (!instance) return;
  const app = instance;
  instance = null;
  await settle(app);
  await app.destroy();
}

/** The Strapi booted by bootStrapi. @returns {any} */
function strapiInstance() {
  if (!instance) throw new Error('Strapi is not booted: call bootStrapi() in beforeAll');
  return instance;
}

module.exports = {
  APP_DIR,
  DIST_DIR,
  waitFor,
  healthy,
  track,
  spawnServer,
  startStrapi,
  compileApp,
  loadApp,
  bootStrapi,
  settle,
  stopStrapi,
  strapiInstance,
};

if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'serve') serve(rest);
  else if (command === 'compile') {
    compileApp().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  } else {
    console.error('usage: node tests/helpers/strapi.js serve [--dist <dir>] [--admin] | compile');
    process.exit(2);
  }
}
