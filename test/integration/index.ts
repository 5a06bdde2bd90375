// The extensionTestsPath module: VS Code calls run() inside the extension host.
// The window-reload test runs last and on its own, only once everything else passed (and printed
// its results): it reloads the window, which restarts the extension host and this module; the
// second start (marked by RELOAD_MARKER) finishes that test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { RELOAD_MARKER } from './reloadMarker';

/** The "token" phase (Copilot's token switch on) runs only `*.token.test.js`; the main run all others. */
const tokenPhase = process.env.AIPROV_TEST_PHASE === 'token';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith('.test.js') && e.name.endsWith('.token.test.js') === tokenPhase ? [p] : [];
  });
}

function newMocha(grep?: string, invert = false): Mocha {
  // Output goes through the workbench's log bridge, where colour codes only add noise.
  (Mocha.reporters.Base as unknown as { useColors: boolean }).useColors = false;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (grep) {
    mocha.grep(grep);
    if (invert) mocha.invert();
  }
  for (const file of testFiles(__dirname).sort()) mocha.addFile(file);
  return mocha;
}

function runMocha(mocha: Mocha): Promise<{ failures: number }> {
  return new Promise((resolve) => mocha.run((failures) => resolve({ failures })));
}

export async function run(): Promise<void> {
  const folder = process.env.AIPROV_TEST_WORKSPACE;
  const marker = folder && path.join(folder, RELOAD_MARKER);
  if (marker && fs.existsSync(marker)) {
    const after = await runMocha(newMocha('after a window reload'));
    if (after.failures) throw new Error(`${after.failures} integration test(s) failed after the window reload`);
    return;
  }
  const userGrep = process.env.AIPROV_TEST_GREP || undefined;
  if (tokenPhase) {
    const result = await runMocha(newMocha(userGrep));
    if (result.failures) throw new Error(`${result.failures} integration test(s) failed with the token switch`);
    return;
  }
  const first = await runMocha(userGrep ? newMocha(userGrep) : newMocha('window reload', true));
  if (first.failures) throw new Error(`${first.failures} integration test(s) failed`);
  // The reload needs a real browser (the offline route) and is skipped when a subset was asked for.
  if (!process.env.AIPROV_TEST_BRIDGE || userGrep || !marker) return;
  newMocha().unloadFiles();
  const reload = await runMocha(newMocha('records an AI span, then reloads'));
  // Reaching this line means the window did not reload.
  throw new Error(reload.failures ? 'the window-reload test failed' : 'the window did not reload');
}
