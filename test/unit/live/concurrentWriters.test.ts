// 30 agents each add a line to one file, and their hooks record the edits all at once (agents
// such as Codex run matching hooks in parallel): with the per-file lock no AI line is ever
// recorded as human (without it the last writer's record wins).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured } from '../helpers/cli';
import type { Sidecar } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { exportStaged } from '../../../src/core/repo/export';
import { parseSidecar } from '../../../src/core/format';
import { bundleCli, isolatedGitEnv, makeRepo, type TestRepo } from '../helpers/gitRepo';

const WRITERS = 30;
const TRIALS = 20;
const BASE = 'export const base = 0;\n';
const lineOf = (trial: number, i: number) => `export const agent${i}_${trial} = ${i}; // written by agent ${i}\n`;
const slot = (trial: number, i: number) => `// slot ${trial}.${i}\n`;

/** Cursor's afterFileEdit payload for agent i's edit: its line added under its slot. */
function edit(file: string, root: string, trial: number, i: number): string {
  const before = slot(trial, i);
  return JSON.stringify({
    hook_event_name: 'afterFileEdit',
    conversation_id: `agent-${i}`,
    model: 'm',
    workspace_roots: [root],
    file_path: file,
    edits: [{ old_string: before, new_string: before + lineOf(trial, i) }],
  });
}

/** Every agent's edit on disk (agents write one after another), then every hook at once. */
function writeAll(repo: TestRepo, trial: number): string[] {
  const lines = Array.from({ length: WRITERS }, (_, i) => lineOf(trial, i));
  let content = repo.read('src/a.ts') + lines.map((_, i) => slot(trial, i)).join('');
  repo.write('src/a.ts', content);
  repo.git('add', 'src/a.ts');
  repo.git('commit', '-qm', `slots ${trial}`);
  lines.forEach((line, i) => (content = content.replace(slot(trial, i), slot(trial, i) + line)));
  repo.write('src/a.ts', content);
  return lines;
}

/** The appended lines no AI span of `record` covers (each must be covered whole). */
function humanLines(record: Sidecar, content: string, lines: readonly string[]): string[] {
  assert.equal(record.blob.length, 40);
  return lines.filter((line) => {
    const at = content.indexOf(line);
    assert.ok(at >= 0, `line lost from the file itself: ${line}`);
    const covered = (offset: number) => record.spans.some((s) => s.ranges.some((r) => r.start <= offset && offset < r.end));
    for (let o = at; o < at + line.length - 1; o++) if (!covered(o)) return true;
    return false;
  });
}

describe('concurrent writers (real git)', function () {
  this.timeout(120_000);
  let repo: TestRepo;
  const init = () => {
    repo = makeRepo('aiprov-writers-');
    repo.write('src/a.ts', BASE);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
  };

  // One test per trial, on one repository, so a slow machine is measured per trial.
  describe(`no AI span is lost with ${WRITERS} concurrent agent writers, ${TRIALS} trials`, () => {
    before(init);
    after(() => repo.remove());

    for (let trial = 0; trial < TRIALS; trial++) {
      it(`trial ${trial + 1}: every AI line recorded live and exported`, async () => {
        const file = path.join(repo.root, 'src/a.ts');
        const lines = writeAll(repo, trial);
        const results = await Promise.all(
          lines.map((_, i) => runCliCaptured(['hook', 'cursor'], repo.root, edit(file, repo.root, trial, i))),
        );
        assert.deepEqual(
          results.filter((r) => r.code !== 0 || r.err),
          [],
        );
        const content = repo.read('src/a.ts');
        const live = (await new LiveStore(repo.gitDir).read('src/a.ts'))!;
        assert.deepEqual(humanLines(live, content, lines), [], `trial ${trial}: AI lines recorded as human`);
        // And what the commit ships keeps them all.
        repo.git('add', 'src/a.ts');
        const exported = await exportStaged(repo.root, repo.gitDir);
        assert.deepEqual(exported.failures, []);
        const staged = parseSidecar(repo.git('show', ':.aiprov/src/a.ts.aiprov'), 'staged');
        assert.deepEqual(humanLines(staged, content, lines), [], `trial ${trial}: AI lines lost at export`);
      });
    }

    it('every lock is released', () => {
      assert.deepEqual(fs.readdirSync(path.join(repo.gitDir, 'aiprov', 'locks')), []);
    });
  });

  describe('separate processes', () => {
    beforeEach(init);
    afterEach(() => repo.remove());

    it(`${WRITERS} separate hook processes serialise on the lock`, async () => {
      const cli = await bundleCli();
      try {
        const file = path.join(repo.root, 'src/a.ts');
        const payload = (i: number) => path.join(repo.root, '..', `${path.basename(repo.root)}-payload-${i}.json`);
        const lines = writeAll(repo, 99);
        lines.forEach((_, i) => fs.writeFileSync(payload(i), edit(file, repo.root, 99, i)));
        await Promise.all(
          lines.map(
            (_, i) =>
              new Promise<void>((resolve, reject) => {
                const child = spawn('sh', ['-c', `${cli.command} hook cursor < "$PAYLOAD"`], {
                  cwd: repo.root,
                  env: { ...isolatedGitEnv, PAYLOAD: payload(i) },
                  stdio: 'ignore',
                });
                child.once('error', reject);
                child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
              }),
          ),
        );
        lines.forEach((_, i) => fs.rmSync(payload(i)));
        const content = repo.read('src/a.ts');
        const live = (await new LiveStore(repo.gitDir).read('src/a.ts'))!;
        assert.deepEqual(humanLines(live, content, lines), []);
      } finally {
        cli.cleanup();
      }
    });
  });
});
