// `npm test`: type-check, lint and format check, unit tests, then the integration suite in a real
// VS Code extension host.
// Host choice: AIPROV_TEST_HOST=code-server|electron forces one; CI=true uses code-server (offline:
// npm registry and Debian packages only); otherwise desktop VS Code via @vscode/test-electron,
// falling back to code-server when it cannot be downloaded.
import { spawnSync } from 'node:child_process';

const totals = { passed: 0, failed: 0, skipped: 0 };

function summary() {
  // The plain closing line CI reads, over unit and integration tests together. Skipped counts
  // mocha's pending tests: it.skip/describe.skip, this.skip(), and suites a route cannot run.
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

function run(cmd, args, { allowExit = [] } = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 });
  const out = r.stdout?.toString() ?? '';
  process.stdout.write(out);
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  // A run may report in several parts (the integration suite continues after a window reload).
  for (const m of plain.matchAll(/^\s*(\d+) passing/gm)) totals.passed += Number(m[1]);
  for (const m of plain.matchAll(/^\s*(\d+) failing/gm)) totals.failed += Number(m[1]);
  for (const m of plain.matchAll(/^\s*(\d+) pending/gm)) totals.skipped += Number(m[1]);
  if (r.status !== 0 && !allowExit.includes(r.status)) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    summary();
    process.exit(r.status || 1);
  }
  return r.status;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run(npx, ['tsc', '--noEmit', '-p', '.']);
run(npx, ['eslint', '.']);
run(npx, ['prettier', '--check', '.']);
run(npx, ['mocha', 'test/unit/**/*.test.ts']);
run(process.execPath, ['esbuild.config.mjs', '--tests']);

const forced = process.env.AIPROV_TEST_HOST;
const offline = forced === 'code-server' || (!forced && process.env.CI === 'true');
if (!offline) {
  const status = run(process.execPath, ['scripts/test-host/runElectron.mjs'], { allowExit: forced === 'electron' ? [] : [3] });
  if (status === 0) {
    summary();
    process.exit(0);
  }
  console.log('\nDesktop VS Code is out of reach; running the same suite in code-server instead.');
}
run(process.execPath, ['scripts/test-host/runOffline.mjs']);
summary();
