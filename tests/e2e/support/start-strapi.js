/**
 * Starts a real Strapi (HTTP server + admin panel) from a build made by build-admin.js.
 * Environment (database file, port, NODE_ENV, secrets) comes from the parent: tests/helpers/server.ts.
 *
 *   node tests/e2e/support/start-strapi.js <appDir> <distDir>
 */
'use strict';
const path = require('path');

const [appDir, distDir] = process.argv.slice(2).map((p) => path.resolve(p));
const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));

(async () => {
  process.chdir(appDir);
  const app = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: true });
  await app.start();
  const stop = async () => {
    try {
      await app.destroy();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
