/**
 * Builds the app for the browser tests into a directory of its own (never /work/main/dist, which
 * the integration tests clean): compiles the app's TypeScript there and bundles the admin panel
 * (vite, the same steps as `strapi build`) into <out>/build.
 *
 *   node tests/helpers/build-admin.js <appDir> <outDir>
 *
 * The bundle is React's and react-intl's development build (as `npm run develop` serves it): only
 * those report missing translations (MISSING_TRANSLATION) and React key/prop warnings on the
 * console, which the browser tests count. E2E_ADMIN_MODE=production bundles what `strapi build` does.
 */
'use strict';
const path = require('path');
const fs = require('fs');

const [appDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!appDir || !outDir) {
  console.error('usage: build-admin.js <appDir> <outDir>');
  process.exit(2);
}

const fromApp = (id) => require.resolve(id, { paths: [appDir] });
const strapiRoot = path.dirname(fromApp('@strapi/strapi/package.json'));
// Internal modules of `strapi build` (not in the package's exports map, hence absolute paths).
const internal = (rel) => require(path.join(strapiRoot, 'dist', 'src', rel));

(async () => {
  const started = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  // 1. The app's TypeScript (config/, src/index.ts) into outDir.
  const tsUtils = require(fromApp('@strapi/typescript-utils'));
  await tsUtils.compile(appDir, { configOptions: { options: { outDir, incremental: false } } });

  // 2. The admin bundle into outDir/build.
  const { createBuildContext } = internal('node/create-build-context.js');
  const { writeStaticClientFiles } = internal('node/staticFiles.js');
  const viteConfig = internal('node/vite/config.js');
  const { createLogger } = internal('cli/utils/logger.js');
  const { createStrapi } = require(fromApp('@strapi/core'));

  const logger = createLogger({ debug: false, silent: false, timestamp: false });
  const strapi = createStrapi({ appDir, distDir: outDir, autoReload: true, serveAdminPanel: false });
  const ctx = await createBuildContext({
    cwd: appDir,
    logger,
    tsconfig: { config: { options: { outDir } }, path: path.join(appDir, 'tsconfig.json') },
    strapi,
    options: { minify: false, sourcemap: false, stats: false },
  });
  await writeStaticClientFiles(ctx);
  const mode = process.env.E2E_ADMIN_MODE === 'production' ? 'production' : 'development';
  const config = await viteConfig.mergeConfigWithUserConfig(await viteConfig.resolveProductionConfig(ctx), ctx);
  const { build } = await import('vite');
  await build({
    ...config,
    mode,
    define: { ...config.define, 'process.env.NODE_ENV': JSON.stringify(mode) },
  });
  if (!fs.existsSync(path.join(outDir, 'build', 'index.html'))) throw new Error(`admin build missing: ${outDir}/build/index.html`);
  console.log(`[e2e] admin (${mode} bundle) built into ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
