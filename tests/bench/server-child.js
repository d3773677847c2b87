/**
 * A Strapi server process for the benchmark (started by server.ts): boots the compiled app from
 * dist/ with the environment it was given, listens on HOST:PORT, and stops cleanly on SIGTERM or
 * when its parent goes away (the IPC channel closes). Plain JavaScript: nothing but Strapi is
 * loaded, so boot time and memory are the server's own.
 */
'use strict';
const path = require('path');

const APP_DIR = process.env.BENCH_APP_DIR || path.resolve(__dirname, '..', '..');

let app = null;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    if (app) await app.destroy();
  } catch (err) {
    console.error(err);
  }
  process.exit(code);
}
process.once('SIGTERM', () => stop(0));
process.once('SIGINT', () => stop(0));
process.once('disconnect', () => stop(0));

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  await app.load();
  app.log.level = process.env.STRAPI_LOG_LEVEL || 'error';
  await app.listen();
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  stop(1);
});
