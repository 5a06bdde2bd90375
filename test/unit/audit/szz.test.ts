// SZZ on histories that real repositories have: unusual file names, the user's git configuration,
// merges that fixes name, shallow clones.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runAudit } from '../../../src/core/audit/audit';
import { AI1, plantRepo, TestRepo, testEnv } from './plantedRepo';

interface Link {
  fix: string;
  inducing: string;
  file: string;
  line: number;
  class: string;
}
const linkRows = (links: readonly Link[]) => links.map((l) => [l.fix, l.inducing, l.file, l.line, l.class]);

describe('audit SZZ edge cases', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  beforeEach(() => (repo = TestRepo.create('aiprov-audit-szz-')));
  afterEach(() => repo.remove());

  it('counts and links the AI lines of a file whose name has a space in it', async () => {
    repo.write('src/app.ts', 'export const app = 1;\n');
    repo.commit('Initial commit', 0);
    repo.writeAi('src/my add.ts', AI1, 'span-space', false);
    const added = repo.commit('Add add()');
    repo.write('src/my add.ts', AI1.replace('a - b', 'a + b'));
    fs.rmSync(path.join(repo.root, sidecarPathFor('src/my add.ts')));
    const fix = repo.commit(`Correct add()\n\nFixes: ${added.slice(0, 12)}\n`);
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.equal(report.totals.aiLines, 3);
    assert.deepEqual(linkRows(report.links), [[fix, added, 'src/my add.ts', 2, 'ai-unreviewed']]);
  });

  it("gives the same links whatever the user's diff, log and blame settings", async () => {
    repo.write('a.ts', ['export const a = 1;', 'export const b = 2;', 'export const c = 3;', 'export const d = 4;', ''].join('\n'));
    const base = repo.commit('Initial commit', 0);
    repo.write('a.ts', ['export const a = 10;', 'export const b = 2;', 'export const c = 3;', 'export const d = 40;', ''].join('\n'));
    const fix = repo.commit('fix: a and d');
    const expected = [
      [fix, base, 'a.ts', 1, 'human'],
      [fix, base, 'a.ts', 4, 'human'],
    ];
    assert.deepEqual(linkRows((await runAudit(repo.root)).report.links), expected);
    repo.git('config', 'diff.noprefix', 'true');
    repo.git('config', 'diff.interHunkContext', '5');
    repo.git('config', 'log.showSignature', 'true');
    repo.git('config', 'blame.ignoreRevsFile', '.git-blame-ignore-revs'); // a file this repository lacks
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(linkRows(report.links), expected);
  });

  it('traces a revert of a merge, and a Fixes: trailer naming a merge, to the commits the merge brought in', async () => {
    repo.write('main.ts', 'export const main = 1;\n');
    repo.commit('Initial commit', 0);
    const topics: string[] = [];
    const merges: string[] = [];
    for (const name of ['one', 'two']) {
      repo.git('checkout', '-q', '-b', name);
      repo.write(`${name}.ts`, `export const ${name}1 = 1;\nexport const ${name}2 = 2;\n`);
      topics.push(repo.commit(`Add ${name}`));
      repo.git('checkout', '-q', 'main');
      repo.write('main.ts', `export const main = 1;\nexport const after${name} = 1;\n`);
      repo.commit(`Other work before ${name} lands`);
      merges.push(repo.merge(name, 1));
    }
    repo.write('one.ts', 'export const one1 = 1;\nexport const one2 = 20;\n');
    const fix = repo.commit(`Correct one2\n\nFixes: ${merges[0].slice(0, 12)} ("Merge one")\n`);
    const revert = repo.revert(merges[1], undefined, ['-m', '1']);
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(linkRows(report.links), [
      [fix, topics[0], 'one.ts', 2, 'human'],
      [revert, topics[1], 'two.ts', 1, 'human'],
      [revert, topics[1], 'two.ts', 2, 'human'],
    ]);
    assert.deepEqual(
      report.fixes.map((f) => [f.commit, f.refs]),
      [
        [fix, [merges[0]]],
        [revert, [merges[1]]],
      ],
    );
  });

  it('a completion that begins with a line break does not make the human line before it AI', async () => {
    repo.write('main.ts', 'export const main = 1;\n');
    repo.commit('Initial commit', 0);
    // The human wrote the signature; the assistant completed "\n  return 1;" at its end.
    const text = 'export function f(): number {\n  return 1;\n}\n';
    const start = text.indexOf('\n');
    const tracker = new SpanTracker();
    tracker.markAi(
      { start, end: start + '\n  return 1;'.length },
      {
        origin: 'inlineCompletion',
        confidence: 'certain',
        tool: 'GitHub Copilot',
        author: 'dev@example.com',
        capturedAt: '2026-01-05T09:00:00Z',
      },
      'span-nl',
    );
    repo.write('f.ts', text);
    repo.write(sidecarPathFor('f.ts'), serializeSidecar(buildSidecar('f.ts', text, tracker.spans(), [])));
    const added = repo.commit('Add f()');
    repo.write('f.ts', text.replace('number', 'string').replace('1;', "'1';"));
    fs.rmSync(path.join(repo.root, sidecarPathFor('f.ts')));
    const fix = repo.commit('fix: f returns a string');
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.deepEqual([report.totals.aiLines, report.totals.humanLines], [1, 5]);
    assert.deepEqual(linkRows(report.links), [
      [fix, added, 'f.ts', 1, 'human'],
      [fix, added, 'f.ts', 2, 'ai-unreviewed'],
    ]);
  });

  it('says so when a fix naming a commit only adds lines, as a revert of a revert does', async () => {
    repo.write('a.ts', 'export const a = 1;\n');
    repo.commit('Initial commit', 0);
    repo.write('b.ts', 'export const b = 1;\n');
    const added = repo.commit('Add b');
    const revert = repo.revert(added);
    const again = repo.revert(revert);
    const { report } = await runAudit(repo.root);
    assert.deepEqual(linkRows(report.links), [[revert, added, 'b.ts', 1, 'human']]);
    assert.deepEqual(report.problems, [
      `fix ${again.slice(0, 8)} names ${revert.slice(0, 8)}, but changes or deletes no code line to trace (it only adds)`,
    ]);
  });

  it('a line a human retyped inside an AI span is human, one where the human changed a character stays AI', async () => {
    repo.write('main.ts', 'export const main = 1;\n');
    repo.commit('Initial commit', 0);
    const ai = 'export function add(a: number, b: number): number {\n  const sum = a - b;\n  return sum;\n}\n';
    const tracker = new SpanTracker();
    tracker.markAi(
      { start: 0, end: ai.length },
      {
        origin: 'inlineCompletion',
        confidence: 'certain',
        tool: 'GitHub Copilot',
        author: 'dev@example.com',
        capturedAt: '2026-01-05T09:00:00Z',
      },
      'span-add',
    );
    const save = (text: string) => {
      repo.write('add.ts', text);
      repo.write(sidecarPathFor('add.ts'), serializeSidecar(buildSidecar('add.ts', text, tracker.spans(), [])));
    };
    save(ai);
    repo.commit('Add add()');
    // The human turns one character of line 2, and retypes the statement of line 3 after the AI's indentation.
    let text = ai;
    for (const [from, to] of [
      ['a - b', 'a * b'],
      ['return sum;', 'return Math.round(sum);'],
    ]) {
      const offset = text.indexOf(from);
      tracker.applyEdits([{ offset, deleteLength: from.length, text: to }]);
      text = text.slice(0, offset) + to + text.slice(offset + from.length);
    }
    save(text);
    const edited = repo.commit('Multiply, rounded');
    repo.write('add.ts', text.replace('a * b', 'a * b * 2').replace('Math.round', 'Math.floor'));
    fs.rmSync(path.join(repo.root, sidecarPathFor('add.ts')));
    const fix = repo.commit('fix: double, floored');
    const { report } = await runAudit(repo.root);
    assert.deepEqual(report.problems, []);
    assert.deepEqual([report.totals.aiLines, report.totals.humanLines], [5, 4]);
    assert.deepEqual(linkRows(report.links), [
      [fix, edited, 'add.ts', 2, 'ai-unreviewed'],
      [fix, edited, 'add.ts', 3, 'human'],
    ]);
  });
});

describe('audit of a shallow clone', function () {
  this.timeout(60_000);

  it('counts no lines for the commit at its edge, and after fetching the history the cache gives what a fresh audit gives', async () => {
    const p = plantRepo('aiprov-audit-shallow-src-');
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '3', `file://${p.repo.root}`, clone], { env: testEnv, stdio: 'pipe' });
      const gitDir = path.join(clone, '.git');
      const shallow = await runAudit(clone, { gitDir });
      // f4 (the edge) shows as a root holding the whole tree; f5 adds a comment; f6 one human line.
      assert.equal(shallow.report.commits, 3);
      assert.deepEqual([shallow.report.totals.lines, shallow.report.totals.humanLines, shallow.report.totals.aiLines], [1, 1, 0]);
      assert.ok(
        shallow.report.problems.includes(
          `commit ${p.c.f4.slice(0, 8)} is at the edge of a shallow clone: the lines it added are unknown and were not counted (fetch the full history)`,
        ),
        shallow.report.problems.join('\n'),
      );
      execFileSync('git', ['fetch', '-q', '--unshallow'], { cwd: clone, env: testEnv, stdio: 'pipe' });
      const full = await runAudit(clone, { gitDir });
      assert.deepEqual(full.report, (await runAudit(clone, {})).report);
      assert.deepEqual(full.report.problems, []);
      assert.equal(full.report.links.length, 6);
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
      p.repo.remove();
    }
  });
});
