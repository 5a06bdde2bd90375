// Generates the audit benchmark's repository with `git fast-import`: AI files with sidecars (half
// signed off), human files that grow commit by commit, and `fix:` commits that change one line of
// an AI span, so every fix is traced by blame to the commit that wrote it.
import { execFileSync } from 'node:child_process';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../src/core/format';
import { createSignOff } from '../src/core/signoff';
import { benchEnv, sourceFile, spanOverLines } from './gitRepos';

export interface AuditRepoShape {
  commits: number;
  fixes: number;
  sidecars: number;
}

class Stream {
  private parts: string[] = [];
  private mark = 0;
  private time = Date.parse('2025-01-01T00:00:00Z') / 1000;

  constructor(private readonly from?: string) {}

  commit(message: string, files: Array<[string, string]>): void {
    this.mark++;
    this.time += 3600;
    const who = `Dev <dev@example.com> ${this.time} +0000`;
    this.parts.push(
      `commit refs/heads/main\nmark :${this.mark}\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(message)}\n${message}\n`,
    );
    if (this.mark === 1 && this.from) this.parts.push(`from ${this.from}\n`);
    for (const [p, text] of files) this.parts.push(`M 100644 inline ${p}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }

  run(repo: string): void {
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: this.parts.join(''), env: benchEnv, maxBuffer: 64 * 1024 * 1024 });
  }
}

function aiFile(i: number, content: string, signed: boolean): Array<[string, string]> {
  const rel = `src/m${i}.ts`;
  const spans = spanOverLines(content, 5, 15, `span-${i}`).spans();
  const signoffs = signed
    ? [
        createSignOff({
          id: `so-${i}`,
          reviewer: { email: 'senior@example.com' },
          file: rel,
          spans,
          content,
          decision: 'approved',
          checklist: ['rollback', 'tests'],
          now: new Date('2025-01-02T00:00:00Z'),
        }),
      ]
    : [];
  return [
    [rel, content],
    [sidecarPathFor(rel), serializeSidecar(buildSidecar(rel, content, spans, signoffs))],
  ];
}

/** Fills an empty repository (on `main`) with the given shape. */
export function generateAuditRepo(repo: string, shape: AuditRepoShape): void {
  const s = new Stream();
  // Unsigned reviews keep generating 10,000 commits fast; what is measured is the history walk.
  s.commit('Seniors', [
    ['.aiprov/allowed_signers', 'senior@example.com namespaces="aiprov" ssh-ed25519 AAAAKey\n'],
    ['.aiprov/policy.json', '{"version":1,"requireSignature":false}\n'],
  ]);
  const humanFiles = 500;
  const human = new Map<number, string>();
  const fixEvery = Math.floor((shape.commits - shape.sidecars - 1) / shape.fixes);
  let fixes = 0;
  for (let k = 1; k < shape.commits; k++) {
    if (k <= shape.sidecars) {
      s.commit(`Add module ${k - 1}`, aiFile(k - 1, sourceFile(k - 1, 20), (k - 1) % 2 === 0));
    } else if (fixes < shape.fixes && (k - shape.sidecars) % fixEvery === 0) {
      const i = fixes++ % shape.sidecars;
      // Same length, so the span's ranges still hold; the sign-off goes stale, as it should.
      const fixed = sourceFile(i, 20).replace(`v${i}_10 = 10;`, `v${i}_10 = 99;`);
      s.commit(`fix: module ${i} constant`, aiFile(i, fixed, i % 2 === 0));
    } else {
      const j = k % humanFiles;
      const text = (human.get(j) ?? '') + `export const h${j}_${k} = ${k};\nexport const g${j}_${k} = () => h${j}_${k} + 1;\n`;
      human.set(j, text);
      s.commit(`Work ${k}`, [[`lib/h${j}.ts`, text]]);
    }
  }
  s.run(repo);
}

/** Appends `count` human commits to main (one of them a fix of a human line). */
export function appendCommits(repo: string, count: number): void {
  const head = execFileSync('git', ['rev-parse', 'main'], { cwd: repo, env: benchEnv }).toString().trim();
  const s = new Stream(head);
  for (let k = 0; k < count; k++) {
    const text = `export const late${k} = ${k};\nexport const more${k} = ${k + 1};\n`;
    s.commit(k === count - 1 ? 'fix: late constant' : `Late work ${k}`, [
      [`late/l${k % 3}.ts`, k === count - 1 ? text.replace(`= ${k};`, `= ${k + 100};`) : text],
    ]);
  }
  s.run(repo);
}
