// npm test: every check, in order, then one plain summary line `N passed, N failed` that CI
// reads. Static checks count one each; vitest and Playwright report their tests individually.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`◀ ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)\n`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

/** Adds the per-test counts of a JSON report; a runner that crashed before reporting fails. */
function count(label, ok, reportFile, read) {
  if (!existsSync(reportFile)) {
    failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  const tally = read(JSON.parse(readFileSync(reportFile, 'utf8')));
  passed += tally.passed;
  failed += tally.failed;
  skipped += tally.skipped;
  if (!ok && tally.failed === 0) {
    failed++;
    failures.push(`${label} (exited non-zero)`);
  } else if (tally.failed > 0) failures.push(`${label} (${tally.failed} failed)`);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

check('format (prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
check('types (tsc)', bin('tsc'), ['-p', 'tsconfig.json']);
check('types (svelte-check)', bin('svelte-check'), [
  '--tsconfig',
  './renderer/tsconfig.json',
  '--fail-on-warnings',
  '--output',
  'human',
]);
check('build', process.execPath, ['scripts/build.mjs']);
check('security scan (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);

const vitestOk = run('unit + integration (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
count('vitest', vitestOk, 'test-results/vitest.json', (report) => {
  let p = 0;
  let f = 0;
  let s = 0;
  for (const file of report.testResults) {
    for (const t of file.assertionResults) {
      if (t.status === 'passed') p++;
      else if (t.status === 'failed') f++;
      else s++;
    }
    // A file that failed to load has no assertion results but still failed.
    if (file.status === 'failed' && file.assertionResults.length === 0) f++;
  }
  return { passed: p, failed: f, skipped: s };
});

const playwrightOk = run('browser (playwright + chromium)', bin('playwright'), ['test']);
count('playwright', playwrightOk, 'test-results/playwright.json', (report) => {
  const s = report.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
});

if (failures.length > 0) process.stdout.write(`\nfailed: ${failures.join(', ')}\n`);
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exitCode = failed > 0 ? 1 : 0;
