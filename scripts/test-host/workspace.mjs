// Creates a small git repository for the integration tests and the demo, outside the clone.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const FILES = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/app.ts': "import { add } from './math';\n\n// fake-ai: greet\n\nconsole.log(add(1, 2));\n",
  'config.json': '{"name":"demo","items":[1,2,3],"nested":{"a":true}}\n',
  'README.md': '# Demo workspace\n\nType `// fake-ai: <anything>` on a line and press Enter to get a fake AI suggestion.\n',
};

export function createFixtureWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  if (!fs.existsSync(path.join(dir, '.git'))) {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Dev Eloper');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'commit.gpgsign', 'false');
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
  }
  return dir;
}
