/**
 * Entry point of a Strapi server process for tests, benchmarks and load runs: boots the already
 * compiled app (dist/) with the environment it is given and listens on PORT. Prints READY <port>.
 */
import path from 'path';
import { prepareTestEnv } from './strapi';

const APP_DIR = path.resolve(__dirname, '..', '..');

(async () => {
  prepareTestEnv(process.env.DATABASE_FILENAME ? { DATABASE_FILENAME: process.env.DATABASE_FILENAME } : {});
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  await app.load();
  app.log.level = process.env.STRAPI_LOG_LEVEL ?? 'warn';
  await app.listen();
  const address = app.server.httpServer.address();
  process.stdout.write(`READY ${address.port}\n`);
  const stop = async () => {
    await app.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
