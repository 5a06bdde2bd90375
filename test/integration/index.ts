// The extensionTestsPath module: VS Code calls run() inside the extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.js') ? [p] : [];
  });
}

export function run(): Promise<void> {
  // Output goes through the workbench's log bridge, where colour codes only add noise.
  (Mocha.reporters.Base as unknown as { useColors: boolean }).useColors = false;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.AIPROV_TEST_GREP) mocha.grep(process.env.AIPROV_TEST_GREP);
  for (const file of testFiles(__dirname).sort()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
