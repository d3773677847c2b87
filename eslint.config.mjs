// ESLint 9 flat config: @eslint/js and typescript-eslint recommended, Prettier owns formatting.
// `npm run lint` runs this and `prettier --check`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.strapi/**', '**/.tmp/**', '**/.cache/**', 'tests/bench/results/**', 'tests/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // A warning outside the plugin server (admin panels, tests, scripts); an error inside it (below).
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The plugin server's Strapi boundary is typed (server/src/boundary.ts): no explicit `any` there
    // (the few that remain carry an eslint-disable comment saying why).
    files: ['src/plugins/newsroom/server/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Plain CommonJS: scripts, the plugin's CLI and build script, JS test support.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    // The reader preview (native ES modules) and the admin panel run in the browser.
    files: ['public/preview/**/*.js', 'src/plugins/newsroom/admin/**/*.{ts,tsx}', 'src/admin/**/*.{ts,tsx}'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['tests/**/*.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    // Feature folders: a file without a second dot in its name is the pure core (rules, parsing,
    // syndication builders) and never reaches Strapi — not its packages, not the global `strapi`,
    // not its database (knex) nor its HTTP server (koa); `*.service.ts`, `*.middleware.ts`,
    // `*.policy.ts`, `*.controller.ts`, `*.lifecycles.ts`, `*.strapi.ts`… are the adapters.
    files: ['src/plugins/newsroom/server/src/**/*.ts'],
    ignores: [
      'src/plugins/newsroom/server/src/**/*.*.ts',
      'src/plugins/newsroom/server/src/{index,register,bootstrap,destroy,boundary}.ts',
      'src/plugins/newsroom/server/src/{config,content-types,components}/index.ts',
      'src/plugins/newsroom/server/src/content-types/*/index.ts',
      'src/plugins/newsroom/server/src/{controllers,routes,services,policies,middlewares}/**',
      'src/plugins/newsroom/server/src/setup/migrations/**',
    ],
    rules: {
      'no-restricted-globals': ['error', { name: 'strapi', message: 'Pure core: take what you need as a parameter; Strapi belongs in an adapter.' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@strapi/*'], message: 'Pure core: Strapi belongs in an adapter (*.service.ts, *.middleware.ts…).' },
            { group: ['knex', 'knex/*', 'koa', 'koa/*', 'koa-*', '@koa/*'], message: 'Pure core: the database and the HTTP server belong in an adapter.' },
            {
              regex: '(^|/)([^/.]+\\.(service|middleware|policy|controller|lifecycles|strapi|extension)|boundary)$',
              message: 'Pure core: import only pure modules, never an adapter.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
