/** One transform for every layer; each project is a folder of tests/ with its own time budget. */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' }, module: { type: 'commonjs' } },
  ],
};

const project = (name, testTimeout) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform,
  testEnvironment: 'node',
  ...(testTimeout ? { testTimeout } : {}),
});

module.exports = {
  projects: [
    project('unit'),
    project('integration', 120_000),
    project('security', 120_000),
    project('e2e', 180_000),
    project('load', 600_000),
  ],
};
