// A second `git worktree` (its `.git` is a file) has its own working files, so its live provenance
// is its own: two agents editing the same file in two worktrees (parallel agents are commonly run
// this way) each commit their own AI span, and neither worktree's record replaces the other's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitBlobId } from '../../../src/core/digest';
import { parseSidecar } from '../../../src/core/format';
import { installGitHooks } from '../../../src/core/repo/gitHooks';
import { runCliCaptured } from '../helpers/cli';
import { makeRepo, type TestRepo, withBundledCli } from '../helpers/gitRepo';

const BASE = Array.from({ length: 8 }, (_, i) => `export const line${i} = ${i};\n`).join('');
const AI_MAIN = 'export const fromMainWorktree = compute(1, 2, 3);\n';
const AI_SECOND = 'export const fromSecondWorktree = other(4, 5, 6);\n';

/** Claude Code's PostToolUse for an Edit that inserts `text` after `anchor` in `file`. */
function agentEdit(file: string, anchor: string, text: string): string {
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, before.replace(anchor, anchor + text));
  const edit = { file_path: file, old_string: anchor, new_string: anchor + text };
  return JSON.stringify({
    session_id: 'session',
    cwd: path.dirname(file),
    hook_event_name: 'PostToolUse',
    tool_name: 'Edit',
    tool_input: edit,
    tool_response: { filePath: file, oldString: anchor, newString: anchor + text, originalFile: before },
  });
}

describe('git worktree: live provenance per worktree (real git)', function () {
  this.timeout(60_000);
  const cli = withBundledCli();
  let repo: TestRepo;
  let second: TestRepo;
  beforeEach(async () => {
    repo = makeRepo('aiprov-worktree-');
    repo.write('src/a.ts', BASE);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    await installGitHooks(repo.root, cli().command);
    const dir = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-worktree2-'))), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'second', dir);
    second = makeRepo('', dir);
    assert.ok(fs.statSync(path.join(dir, '.git')).isFile(), 'a linked worktree: .git is a file');
  });
  afterEach(() => {
    repo.remove();
    fs.rmSync(path.dirname(second.root), { recursive: true, force: true });
  });

  /** The span texts of the sidecar committed at HEAD in `r`, checked to describe HEAD's file. */
  function committed(r: TestRepo): string[] {
    const content = r.git('show', 'HEAD:src/a.ts');
    const sidecar = parseSidecar(r.git('show', 'HEAD:.aiprov/src/a.ts.aiprov'), 'sidecar', { content });
    assert.equal(sidecar.blob, gitBlobId(content));
    return sidecar.spans.map((s) => content.slice(s.ranges[0].start, s.ranges[s.ranges.length - 1].end));
  }

  it('agents editing the same file in two worktrees each commit their own AI span', async () => {
    const main = await runCliCaptured(
      ['hook', 'claude-code'],
      repo.root,
      agentEdit(path.join(repo.root, 'src/a.ts'), 'line2 = 2;\n', AI_MAIN),
    );
    assert.equal(main.code, 0, main.err);
    const other = await runCliCaptured(
      ['hook', 'claude-code'],
      second.root,
      agentEdit(path.join(second.root, 'src/a.ts'), 'line5 = 5;\n', AI_SECOND),
    );
    assert.equal(other.code, 0, other.err);

    repo.git('commit', '-qam', 'main worktree: agent edit');
    assert.deepEqual(committed(repo), [AI_MAIN], 'the main worktree commits its own AI line, as AI');
    second.git('commit', '-qam', 'second worktree: agent edit');
    assert.deepEqual(committed(second), [AI_SECOND], "the second worktree's AI line, and only it");
    assert.match(second.git('log', '-1', '--format=%B'), /^AI-Assisted: 1 line in 1 file \(Claude Code\)$/m);
  });
});
