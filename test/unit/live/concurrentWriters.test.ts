// 30 agents each append a line to one file and record it, all at once: with the per-file lock no
// AI line is ever recorded as human (without it the last writer's record wins).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { recordAgentEdit } from '../../../src/core/agents/recordAgentEdit';
import type { Sidecar } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';
import { exportStaged } from '../../../src/core/repo/export';
import { parseSidecar } from '../../../src/core/format';
import { bundleCli, isolatedGitEnv, makeRepo, type TestRepo } from '../helpers/gitRepo';

const WRITERS = 30;
const TRIALS = 20;
const BASE = 'export const base = 0;\n';
const lineOf = (trial: number, i: number) => `export const agent${i}_${trial} = ${i}; // written by agent ${i}\n`;

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
  beforeEach(() => {
    repo = makeRepo('aiprov-writers-');
    repo.write('src/a.ts', BASE);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
  });
  afterEach(() => repo.remove());

  it(`no AI span is lost with ${WRITERS} concurrent agent writers, ${TRIALS} trials`, async () => {
    const file = path.join(repo.root, 'src/a.ts');
    for (let trial = 0; trial < TRIALS; trial++) {
      const lines = Array.from({ length: WRITERS }, (_, i) => lineOf(trial, i));
      await Promise.all(
        lines.map(async (line, i) => {
          await fsp.appendFile(file, line); // O_APPEND: the file itself never loses a line
          await recordAgentEdit(file, { origin: 'externalAgent', confidence: 'certain', tool: 'Claude Code', sessionId: `agent-${i}` });
        }),
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
    }
    assert.deepEqual(fs.readdirSync(path.join(repo.gitDir, 'aiprov', 'locks')), [], 'every lock released');
  });

  it(`${WRITERS} separate hook processes serialise on the lock`, async () => {
    const cli = await bundleCli();
    try {
      const file = path.join(repo.root, 'src/a.ts');
      const payload = path.join(repo.root, '..', `${path.basename(repo.root)}-payload.json`);
      fs.writeFileSync(payload, JSON.stringify({ session_id: 's', hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: file } }));
      const lines = Array.from({ length: WRITERS }, (_, i) => lineOf(99, i));
      await Promise.all(
        lines.map(
          (line) =>
            new Promise<void>((resolve, reject) => {
              const child = spawn('sh', ['-c', `printf '%s' "$LINE" >> "$FILE" && ${cli.command} hook claude-code < "$PAYLOAD"`], { cwd: repo.root, env: { ...isolatedGitEnv, LINE: line, FILE: file, PAYLOAD: payload }, stdio: 'ignore' });
              child.once('error', reject);
              child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
            }),
        ),
      );
      fs.rmSync(payload);
      const content = repo.read('src/a.ts');
      const live = (await new LiveStore(repo.gitDir).read('src/a.ts'))!;
      assert.deepEqual(humanLines(live, content, lines), []);
    } finally {
      cli.cleanup();
    }
  });
});
