import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    },
  ],
};

// Nest 12 ships as ES modules only, so Jest runs in its native ESM mode
// (node --experimental-vm-modules) and swc emits ES modules for our TypeScript.
const shared = {
  transform,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: { '^@journeyline/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2' },
  rootDir: __dirname,
};

/**
 * Three tiers: `unit` needs no services; `integration` runs services against real Postgres and
 * Redis, each test file on its own database cloned from a migrated template; `e2e` drives the
 * running api (and worker) over HTTP.
 */
const config: Config = {
  // Jest reads testTimeout from the root config only (per-project values are ignored).
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};

export default config;
