/** One transform for every layer; each project is a folder of tests/. */
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' }, module: { type: 'commonjs' } }],
};

const project = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform,
  testEnvironment: 'node',
  ...extra,
});

module.exports = {
  // testTimeout is a global option (per-project values are ignored): the longest layer's budget.
  // The unit layer sets its own, shorter one (tests/helpers/unit-timeout.ts).
  testTimeout: 600_000,
  projects: [
    project('unit', { setupFilesAfterEnv: ['<rootDir>/tests/helpers/unit-timeout.ts'] }),
    project('integration'),
    project('security'),
    project('e2e'),
    project('load'),
  ],
};
