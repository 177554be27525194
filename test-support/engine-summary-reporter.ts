import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints how many tests ran on each project (unit, sqlite, postgres, browser), so a run shows at a glance
 * that the PostgreSQL half really ran, and ends with one overall "N passed, N failed" line.
 */
export default class EngineSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const byProject = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const tally = byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') tally.passed += 1;
        else if (state === 'failed') tally.failed += 1;
        else tally.skipped += 1;
      }
      // A file that fails outside any test (a failing beforeAll, an import error) counts as a failure too.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((test) => test.result().state === 'failed')) tally.failed += 1;
      byProject.set(name, tally);
    }
    const lines = [...byProject.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => `  ${name.padEnd(9)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
    const total = [...byProject.values()].reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }), { passed: 0, failed: 0, skipped: 0 });
    if (!process.env.TEST_DATABASE_URL) lines.push('  postgres  not run (set TEST_DATABASE_URL to run every engine-bound suite on PostgreSQL too)');
    console.log(`\nTests by project:\n${lines.join('\n')}\n\nTotal: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  }
}
