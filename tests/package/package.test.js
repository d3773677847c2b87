/**
 * `npm run test:package`: the plugin as a stranger gets it. Packs the plugin, makes a minimal
 * Strapi 5.54 app in a temporary folder from tests/package/template (its package.json and config/
 * only, no newsroom code), installs the tarball (from the npm cache as far as it goes), builds the
 * admin, boots on a fresh SQLite file and checks over HTTP what a newsroom would check first; then
 * runs the package's CLI (import, check) from that app and sees its work over HTTP after a restart.
 *
 * Figures (tarball size and files, install / build / boot times) are printed at the end and written
 * to $NEWSROOM_PACKAGE_REPORT (default: <tmp>/newsroom-package-report.json).
 * NEWSROOM_PACKAGE_KEEP=1 keeps the temporary app for inspection.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const { spawnServer } = require('../helpers/strapi');

const ROOT = path.resolve(__dirname, '..', '..');
const PLUGIN = path.join(ROOT, 'src', 'plugins', 'newsroom');
const TEMPLATE = path.join(__dirname, 'template');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'import');
const NOTICE = { 'zh-Hans': '文汇独家稿件,转载请注明出处。', en: 'Wenhui exclusive. Credit the source when republishing.' };
const figures = {};

/** The environment of a stranger's shell: none of the npm variables of the `npm run` we run under. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !/^npm_config_(cache|userconfig|registry)$/i.test(k)) continue;
    if (['INIT_CWD', 'NODE_ENV', 'PORT', 'HOST', 'DATABASE_CLIENT', 'DATABASE_FILENAME', 'DATABASE_NAME', 'REDIS_URL', 'LOG_LEVEL'].includes(k)) continue;
    if (/^NEWSROOM_/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

function sh(cmd, args, opts = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  const seconds = (Date.now() - started) / 1000;
  if (res.error) throw res.error;
  return { ...res, seconds };
}

function must(res, what) {
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status}):\n${(res.stdout || '').slice(-4000)}\n${(res.stderr || '').slice(-4000)}`);
  return res;
}

let app; // the temporary app folder
let packDir; // where npm pack wrote the tarball
/** @type {import('../helpers/strapi').ServerProcess | null} */
let server = null;

/** `strapi start` in the app (the wait loop of tests/helpers/strapi.js); resolves once /_health answers, with the time it took. */
async function startServer() {
  server = await spawnServer({
    name: 'strapi start',
    args: [path.join(app, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    cwd: app,
    env: cleanEnv({ NODE_ENV: 'production' }),
    bootTimeoutMs: 180_000,
    intervalMs: 250,
  });
  return server.bootSeconds;
}

async function stopServer() {
  if (!server) return;
  const stopping = server;
  server = null;
  await stopping.stop();
}

/** @param {string} method @param {string} p @param {{ token?: string, body?: unknown, headers?: Record<string, string> }} [options] */
async function call(method, p, { token, body, headers = {} } = {}) {
  const res = await fetch(`${server.url}${p}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The package's CLI as the app's operators run it: `npx newsroom …` from the app folder. */
function newsroom(args) {
  return sh(path.join(app, 'node_modules', '.bin', 'newsroom'), args, { cwd: app, env: cleanEnv({ NODE_ENV: 'production' }) });
}

describe('strapi-plugin-newsroom installed into a second Strapi 5.54 app', () => {
  before(async () => {
    if (process.env.NEWSROOM_PACKAGE_REUSE) {
      // Development shortcut: an app kept by an earlier run (NEWSROOM_PACKAGE_KEEP=1), on a fresh database.
      app = path.resolve(process.env.NEWSROOM_PACKAGE_REUSE);
      fs.rmSync(path.join(app, '.tmp'), { recursive: true, force: true });
      fs.mkdirSync(path.join(app, '.tmp'));
      const tgz = fs.readdirSync(app).find((f) => f.endsWith('.tgz'));
      const listing = must(sh('tar', ['-tzvf', path.join(app, tgz)]), 'tar');
      const files = listing.stdout
        .trim()
        .split('\n')
        .map((l) => {
          const parts = l.trim().split(/\s+/);
          return `${parts[parts.length - 1].replace(/^package\//, '')} ${parts[2]}`;
        });
      figures.tarball = { file: tgz, size: fs.statSync(path.join(app, tgz)).size, unpackedSize: 0, entryCount: files.length, files };
      figures.firstBootSeconds = await startServer();
      return;
    }
    // 1. Build and pack, as `npm publish` would.
    const build = must(sh(process.execPath, [path.join(PLUGIN, 'scripts', 'build.js')], { cwd: PLUGIN }), 'plugin build');
    figures.pluginBuildSeconds = build.seconds;
    const dest = (packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-pack-')));
    const pack = must(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: PLUGIN, env: cleanEnv() }), 'npm pack');
    const [info] = JSON.parse(pack.stdout);
    figures.tarball = {
      file: info.filename,
      size: info.size,
      unpackedSize: info.unpackedSize,
      entryCount: info.entryCount,
      files: info.files.map((f) => `${f.path} ${f.size}`),
    };

    // 2. A stranger's app: the template, its own secrets, the tarball as a dependency.
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-second-app-'));
    fs.cpSync(TEMPLATE, app, { recursive: true });
    fs.copyFileSync(path.join(dest, info.filename), path.join(app, info.filename));
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    pkg.dependencies['strapi-plugin-newsroom'] = `file:./${info.filename}`;
    fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const secret = () => crypto.randomBytes(16).toString('base64');
    fs.writeFileSync(
      path.join(app, '.env'),
      [
        `APP_KEYS=${[secret(), secret()].join(',')}`,
        `API_TOKEN_SALT=${secret()}`,
        `ADMIN_JWT_SECRET=${secret()}`,
        `TRANSFER_TOKEN_SALT=${secret()}`,
        `JWT_SECRET=${secret()}`,
        `ENCRYPTION_KEY=${secret()}`,
        `NEWSROOM_PREVIEW_SECRET=${crypto.randomBytes(32).toString('base64')}`,
        'DATABASE_FILENAME=.tmp/data.db',
        'LOG_LEVEL=warn',
        'STRAPI_TELEMETRY_DISABLED=true',
        '',
      ].join('\n'),
    );
    fs.mkdirSync(path.join(app, '.tmp'));
    fs.mkdirSync(path.join(app, 'public', 'uploads'), { recursive: true });

    // 3. npm install: offline from the cache as far as it goes (only the npm registry is reachable).
    const install = must(
      sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, env: cleanEnv() }),
      'npm install in the second app',
    );
    figures.installSeconds = install.seconds;
    figures.installedPackages = fs.readdirSync(path.join(app, 'node_modules')).length;

    // 4. The admin, with the plugin's panels in it.
    const adminBuild = must(
      sh(process.execPath, [path.join(app, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
        cwd: app,
        env: cleanEnv({ NODE_ENV: 'production' }),
      }),
      'strapi build',
    );
    figures.adminBuildSeconds = adminBuild.seconds;

    // 5. First boot on a fresh SQLite file.
    figures.firstBootSeconds = await startServer();
  });

  after(async () => {
    await stopServer();
    const report = process.env.NEWSROOM_PACKAGE_REPORT || path.join(os.tmpdir(), 'newsroom-package-report.json');
    fs.writeFileSync(report, `${JSON.stringify(figures, null, 2)}\n`);
    const t = figures.tarball;
    console.log(
      [
        '',
        '── strapi-plugin-newsroom package figures ──',
        t && `tarball ${t.file}: ${(t.size / 1024).toFixed(1)} kB packed, ${(t.unpackedSize / 1024).toFixed(1)} kB unpacked, ${t.entryCount} files`,
        ...(t ? t.files.map((f) => `  ${f}`) : []),
        `plugin build ${figures.pluginBuildSeconds?.toFixed(1)} s, second app npm install ${figures.installSeconds?.toFixed(1)} s (${figures.installedPackages} top-level packages), admin build ${figures.adminBuildSeconds?.toFixed(1)} s`,
        `boot to /_health: first (fresh SQLite) ${figures.firstBootSeconds?.toFixed(1)} s, restart ${figures.restartSeconds?.toFixed(1)} s`,
        `CLI: import ${figures.cliImportSeconds?.toFixed(1)} s, check ${figures.cliCheckSeconds?.toFixed(1)} s`,
        `report: ${report}${process.env.NEWSROOM_PACKAGE_KEEP ? `; app kept in ${app}` : ''}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
    if (app && !process.env.NEWSROOM_PACKAGE_KEEP && !process.env.NEWSROOM_PACKAGE_REUSE) fs.rmSync(app, { recursive: true, force: true });
  });

  it('ships only what runs: dist/, bin/, LICENSE, README, CHANGELOG and package.json, no sources, no private flag', () => {
    const paths = figures.tarball.files.map((f) => f.split(' ')[0]);
    for (const p of paths) assert.match(p, /^(dist\/|bin\/|LICENSE$|README\.md$|CHANGELOG\.md$|package\.json$)/, p);
    for (const needed of [
      'dist/server/index.js',
      'dist/server/index.mjs',
      'dist/admin/index.js',
      'dist/admin/index.mjs',
      'dist/server/src/index.d.ts',
      'dist/admin/src/index.d.ts',
      'bin/newsroom.js',
      'dist/core/import/cli-run.js',
      'LICENSE',
    ]) {
      assert.ok(paths.includes(needed), `${needed} is in the tarball`);
    }
    const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'strapi-plugin-newsroom', 'package.json'), 'utf8'));
    assert.equal(installed.private, undefined);
    assert.equal(installed.exports['./strapi-server'].require, './dist/server/index.js');
    assert.equal(installed.exports['./strapi-admin'].import, './dist/admin/index.mjs');
    assert.ok(!paths.includes('dist/.build-stamp'), 'no build bookkeeping in the tarball');
    // The app resolves one Strapi: the plugin must not bring its own copy, nor pull a second version
    // of what Strapi already has (errors are mapped with instanceof; React contexts are per copy).
    const pluginDir = fs.realpathSync(path.join(app, 'node_modules', 'strapi-plugin-newsroom'));
    const from = (dir, id) => fs.realpathSync(require.resolve(`${id}/package.json`, { paths: [dir] }));
    const core = path.dirname(from(app, '@strapi/core'));
    const admin = path.dirname(from(app, '@strapi/admin'));
    assert.equal(from(pluginDir, '@strapi/utils'), from(core, '@strapi/utils'), 'the plugin and @strapi/core share one @strapi/utils');
    assert.equal(from(pluginDir, 'react-intl'), from(admin, 'react-intl'), 'the plugin and @strapi/admin share one react-intl');
    assert.equal(from(pluginDir, '@strapi/design-system'), from(admin, '@strapi/design-system'), 'one design system');
    assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'strapi-plugin-newsroom', 'node_modules', '@strapi', 'strapi')), 'no nested @strapi/strapi');
    assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'strapi-plugin-newsroom', 'node_modules', '@strapi', 'utils')), 'no nested @strapi/utils');
  });

  let jwt;
  let token;

  it('boots with the plugin loaded: the three content types and both locales exist (zh-Hans default)', async () => {
    const register = await call('POST', '/admin/register-admin', {
      body: { email: 'ops@example.org', password: 'Ops-Password-2026', firstname: 'Ops', lastname: 'Smoke' },
    });
    assert.equal(register.status, 200, register.text);
    jwt = register.json.data.token;
    const tokenRes = await call('POST', '/admin/api-tokens', { token: jwt, body: { name: 'smoke', type: 'full-access', lifespan: null, description: '' } });
    assert.equal(tokenRes.status, 201, tokenRes.text);
    token = tokenRes.json.data.accessKey;

    const types = await call('GET', '/content-manager/content-types', { token: jwt });
    assert.equal(types.status, 200, types.text);
    const uids = types.json.data.map((t) => t.uid);
    for (const uid of ['plugin::newsroom.article', 'plugin::newsroom.neighbourhood', 'plugin::newsroom.news-item'])
      assert.ok(uids.includes(uid), `${uid} in ${uids.join(', ')}`);

    const locales = await call('GET', '/i18n/locales', { token: jwt });
    assert.equal(locales.status, 200, locales.text);
    const byCode = Object.fromEntries(locales.json.map((l) => [l.code, l]));
    assert.ok(byCode['zh-Hans'] && byCode.en, `locales: ${Object.keys(byCode).join(', ')}`);
    assert.equal(byCode['zh-Hans'].isDefault, true);

    for (const kind of ['articles', 'neighbourhoods', 'news-items']) {
      const list = await call('GET', `/api/newsroom/${kind}?locale=zh-Hans`);
      assert.equal(list.status, 200, `${kind}: ${list.text}`);
      assert.ok(Array.isArray(list.json.data));
    }
  });

  it('creates the newsroom roles', async () => {
    const roles = await call('GET', '/admin/roles', { token: jwt });
    assert.equal(roles.status, 200, roles.text);
    const codes = roles.json.data.map((r) => r.code);
    assert.ok(codes.includes('newsroom-editor'), codes.join(', '));
    assert.ok(codes.includes('newsroom-translator-en'), codes.join(', '));
    const editor = roles.json.data.find((r) => r.code === 'newsroom-editor');
    const perms = await call('GET', `/admin/roles/${editor.id}/permissions`, { token: jwt });
    assert.equal(perms.status, 200, perms.text);
    assert.ok(
      perms.json.data.some((p) => p.subject === 'plugin::newsroom.article' && p.action === 'plugin::content-manager.explorer.publish'),
      'editor may publish articles',
    );
  });

  let exclusiveId;
  let exclusiveSlug;

  it('gives an exclusive its notice in zh-Hans and en', async () => {
    const zh = await call('POST', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: '第二个应用的独家稿件', exclusive: true } } });
    assert.equal(zh.status, 201, zh.text);
    assert.equal(zh.json.data.reprintNotice, NOTICE['zh-Hans']);
    assert.equal(zh.json.data.creditLine, null);
    exclusiveId = zh.json.data.documentId;
    exclusiveSlug = zh.json.data.slug;
    assert.match(exclusiveSlug, /^di-er-ge-ying-yong/);
    const en = await call('PUT', `/api/newsroom/articles/${exclusiveId}?locale=en`, { token, body: { data: { title: 'An exclusive of the second app' } } });
    assert.equal(en.status, 200, en.text);
    assert.equal(en.json.data.reprintNotice, NOTICE.en);
    const read = await call('GET', `/api/newsroom/articles/${exclusiveId}?locale=en`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.data.reprintNotice, NOTICE.en);
  });

  it('gives a reprint its credit line, and refuses an exclusive reprint with a 400 naming the field', async () => {
    const res = await call('POST', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title: '转载的稿件', origin: { outlet: '中新网' } } } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.data.creditLine, '来源:中新网');
    assert.equal(res.json.data.reprintNotice, null);
    const bad = await call('POST', '/api/newsroom/articles?locale=zh-Hans', {
      token,
      body: { data: { title: '独家又转载', exclusive: true, origin: { outlet: '中新网' } } },
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.name, 'ValidationError');
    assert.match(JSON.stringify(bad.json.error.details), /exclusive|origin/);
  });

  it("runs the Preview panel's handler (config/admin.js, one line): a signed reader URL for a draft, opened only with its token", async () => {
    const draft = await call('POST', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
      token,
      body: { data: { title: '第二个应用的草稿', exclusive: true } },
    });
    assert.equal(draft.status, 201, draft.text);
    const id = draft.json.data.documentId;
    const res = await call('GET', `/content-manager/preview/url/plugin::newsroom.article?documentId=${id}&locale=zh-Hans&status=draft`, { token: jwt });
    assert.equal(res.status, 200, res.text);
    const url = new URL(res.json.data.url, server.url);
    assert.equal(url.pathname, '/preview/');
    const previewToken = url.searchParams.get('token');
    assert.match(previewToken, /^v1\./);
    const route = `/api/newsroom/preview/article/${id}?locale=zh-Hans&status=draft`;
    const opened = await call('GET', route, { headers: { 'x-newsroom-preview': previewToken } });
    assert.equal(opened.status, 200, opened.text);
    assert.equal(opened.json.data.title, '第二个应用的草稿');
    assert.equal(opened.json.data.reprintNotice, NOTICE['zh-Hans']);
    assert.equal(opened.json.meta.preview.banner.state, 'draft');
    assert.equal(opened.headers.get('cache-control'), 'private, no-store');
    const anonymous = await call('GET', route);
    assert.equal(anonymous.status, 403, anonymous.text);
    assert.ok(!anonymous.text.includes('第二个应用的草稿'));
  });

  it('answers the feeds and JSON-LD with the rights on them', async () => {
    const rss = await call('GET', '/api/newsroom/feeds/zh-Hans.rss');
    assert.equal(rss.status, 200, rss.text);
    assert.match(rss.headers.get('content-type'), /xml/);
    assert.ok(rss.text.includes('第二个应用的独家稿件'));
    assert.ok(rss.text.includes(NOTICE['zh-Hans']));
    const json = await call('GET', '/api/newsroom/feeds/en.json');
    assert.equal(json.status, 200, json.text);
    assert.ok(json.json.items.some((i) => i.title === 'An exclusive of the second app'));
    const ld = await call('GET', `/api/newsroom/articles/${exclusiveId}/jsonld?locale=zh-Hans`);
    assert.equal(ld.status, 200, ld.text);
    assert.equal(ld.json['@type'], 'NewsArticle');
    assert.equal(ld.json.copyrightNotice, NOTICE['zh-Hans']);
    assert.ok(ld.json.url.startsWith('https://news.example.org/zh-Hans/'), ld.json.url);
    const sitemap = await call('GET', '/api/newsroom/sitemap.xml');
    assert.equal(sitemap.status, 200, sitemap.text);
    const gql = await call('POST', '/graphql', { body: { query: `{ newsroomArticles(locale: "en") { title reprintNotice jsonLd } }` } });
    assert.equal(gql.status, 200, gql.text);
    assert.ok(
      gql.json.data.newsroomArticles.some((a) => a.reprintNotice === NOTICE.en),
      gql.text,
    );
  });

  it('serves an admin bundle that contains the rights panel', async () => {
    const page = await call('GET', '/admin');
    assert.equal(page.status, 200);
    const buildDir = [path.join(app, 'dist', 'build'), path.join(app, 'build')].find((d) => fs.existsSync(d));
    assert.ok(buildDir, 'the admin build folder exists');
    const files = [];
    const walk = (d) =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.js') && files.push(path.join(d, e.name))));
    walk(buildDir);
    const withPanel = files.find((f) => fs.readFileSync(f, 'utf8').includes('NewsroomRightsPanel'));
    assert.ok(withPanel, `the rights panel is in one of ${files.length} admin scripts`);
    const served = await call('GET', `/admin/${path.relative(buildDir, withPanel).split(path.sep).join('/')}`);
    assert.equal(served.status, 200);
    assert.ok(served.text.includes('NewsroomRightsPanel'));
    const trads = files.some((f) => fs.readFileSync(f, 'utf8').includes('Rights & credit'));
    assert.ok(trads, 'the panel title translation is in the bundle');
  });

  it('runs the CLI from the second app: usage, import (dry run and real), check', async () => {
    await stopServer();
    const usage = newsroom([]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: newsroom <backup\|check\|import\|seed\|search\|xliff>/);

    const dry = newsroom(['import', path.join(FIXTURES, 'reprint-chinanews.txt'), '--dry-run', '--json']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).files[0].ok, true);

    const imported = newsroom(['import', path.join(FIXTURES, 'seed-wenhui.txt'), path.join(FIXTURES, 'reprint-chinanews.txt'), '--publish', '--json']);
    figures.cliImportSeconds = imported.seconds;
    assert.equal(imported.status, 0, imported.stderr.slice(-4000));
    const out = JSON.parse(imported.stdout);
    assert.deepEqual(
      out.files.map((f) => f.outcome.article.action),
      ['created', 'created'],
    );
    assert.equal(out.summary.failed, 0);

    const check = newsroom(['check', '--json']);
    figures.cliCheckSeconds = check.seconds;
    assert.equal(check.status, 0, check.stderr.slice(-4000));
    const report = JSON.parse(check.stdout);
    assert.ok(report.checked > 0);
    assert.deepEqual(report.violations, []);

    // A backup from the installed CLI: one JSON line per stored row.
    const backupFile = path.join(app, 'backup.ndjson');
    const backup = newsroom(['backup', '--out', backupFile]);
    assert.equal(backup.status, 0, backup.stderr.slice(-4000));
    const lines = fs.readFileSync(backupFile, 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length >= report.checked, `${lines.length} backup lines for ${report.checked} checked rows`);
    for (const line of lines) JSON.parse(line);

    // The imported stories answer over HTTP after a restart (boot on an existing database).
    figures.restartSeconds = await startServer();
    const list = await call('GET', '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=100');
    assert.equal(list.status, 200, list.text);
    const reprint = list.json.data.find((a) => a.creditLine === '来源:中新网' && a.title !== '转载的稿件');
    assert.ok(reprint, 'the imported reprint carries its credit');
    assert.ok(list.json.data.some((a) => a.documentId === exclusiveId && a.slug === exclusiveSlug));
  });
});
