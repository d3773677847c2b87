/**
 * Boots the app (compiled once into dist/) for a command-line task, runs it, and shuts down.
 * Shared by the seed, check and import commands.
 */
const path = require('path');

const APP_DIR = path.resolve(__dirname, '..', '..');

async function withStrapi(task, { logLevel = 'warn' } = {}) {
  require('dotenv').config({ path: path.join(APP_DIR, '.env') });
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  const ctx = await compileStrapi({ appDir: APP_DIR });
  const app = await createStrapi({ ...ctx, autoReload: false, serveAdminPanel: false }).load();
  app.log.level = logLevel;
  let code = 0;
  try {
    code = (await task(app)) ?? 0;
  } catch (err) {
    console.error(err && err.stack ? err.stack : err);
    code = 1;
  } finally {
    await app.destroy();
  }
  process.exit(code);
}

module.exports = { withStrapi, APP_DIR };
