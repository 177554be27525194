import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

/**
 * One `npm test` for the whole repository. Engine-bound suites run once per database engine as separate
 * projects: always on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (CI sets it and fails if
 * PostgreSQL is unreachable). Browser journeys run when Debian's chromium is installed, and always in CI.
 */
const engineSuites = ['packages/server/src/**/*.test.ts', 'packages/cli/src/**/*.test.ts'];
const pgUrl = process.env.TEST_DATABASE_URL;
const hasChromium = existsSync(process.env.KAIROS_CHROMIUM ?? '/usr/bin/chromium');
const inCi = process.env.CI === 'true' || process.env.CI === '1';

const projects: TestProjectInlineConfiguration[] = [
  { test: { name: 'unit', include: ['packages/domain/src/**/*.test.ts', 'packages/web/src/**/*.test.ts'], environment: 'node' } },
  {
    test: {
      name: 'sqlite',
      include: engineSuites,
      env: { KAIROS_TEST_ENGINE: 'sqlite' },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  },
];
if (pgUrl) {
  projects.push({
    test: {
      name: 'postgres',
      include: engineSuites,
      env: { KAIROS_TEST_ENGINE: 'postgres', TEST_DATABASE_URL: pgUrl },
      testTimeout: 30_000,
      hookTimeout: 60_000,
      globalSetup: ['test-support/postgres-reachable.ts'],
    },
  });
}
if (hasChromium || inCi) {
  projects.push({
    test: {
      name: 'browser',
      include: ['e2e/**/*.e2e.ts'],
      testTimeout: 180_000,
      hookTimeout: 240_000,
      fileParallelism: false,
      globalSetup: ['test-support/web-build.ts'],
    },
  });
}

export default defineConfig({
  test: {
    projects,
    reporters: ['default', './test-support/engine-summary-reporter.ts'],
  },
});
