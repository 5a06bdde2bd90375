// A repository with planted bug-inducing commits (AI signed off, AI unreviewed, human) and the
// fixes that reference them in each supported way, with fixed dates so every figure is exact.
// Tags name the commits the incidents fixtures refer to.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { createSignOff, signOffCanonicalBytes } from '../../../src/core/signoff';
import type { SignOff } from '../../../src/core/model';
import { SpanTracker } from '../../../src/core/spans/tracker';

export const testEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

export class TestRepo {
  private clock = Date.parse('2026-01-05T09:00:00Z');
  /** The senior's SSH key: sign-offs count only when signed by a key allowed_signers lists. */
  readonly key: string;
  constructor(readonly root: string) {
    this.key = path.join(root, '.git', 'senior-key');
  }

  static create(prefix: string): TestRepo {
    const repo = new TestRepo(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix))));
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.email', 'dev@example.com');
    repo.git('config', 'user.name', 'Dev');
    repo.git('config', 'commit.gpgsign', 'false');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'senior', '-f', repo.key]);
    return repo;
  }

  /** The allowed_signers line that makes senior@example.com's key a senior. */
  seniors(): string {
    return `senior@example.com namespaces="aiprov" ${fs.readFileSync(`${this.key}.pub`, 'utf8').trim()}\n`;
  }

  private sign(record: SignOff): SignOff {
    const file = path.join(this.root, '.git', 'record-to-sign');
    fs.writeFileSync(file, signOffCanonicalBytes(record));
    execFileSync('ssh-keygen', ['-Y', 'sign', '-n', 'aiprov', '-f', this.key, file], { stdio: 'pipe' });
    const signature = fs.readFileSync(`${file}.sig`, 'utf8');
    fs.rmSync(`${file}.sig`);
    return { ...record, signature };
  }

  git(...args: string[]): string {
    const date = new Date(this.clock).toISOString();
    return execFileSync('git', args, {
      cwd: this.root,
      stdio: 'pipe',
      env: { ...testEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    }).toString();
  }

  write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.root, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.root, rel), text);
  }

  /** Writes `rel` whole as one AI span, with a sign-off by a senior when `signed`. */
  writeAi(rel: string, text: string, spanId: string, signed: boolean): void {
    this.write(rel, text);
    const t = new SpanTracker();
    t.markAi(
      { start: 0, end: text.length },
      {
        origin: 'inlineCompletion',
        confidence: 'certain',
        tool: 'GitHub Copilot',
        model: 'gpt-4o',
        author: 'dev@example.com',
        capturedAt: new Date(this.clock).toISOString(),
      },
      spanId,
    );
    const spans = t.spans();
    const signoffs = signed
      ? [
          this.sign(
            createSignOff({
              id: `so-${spanId}`,
              reviewer: { email: 'senior@example.com' },
              file: rel,
              spans,
              content: text,
              decision: 'approved',
              checklist: ['rollback', 'tests'],
              now: new Date(this.clock),
            }),
          ),
        ]
      : [];
    this.write(sidecarPathFor(rel), serializeSidecar(buildSidecar(rel, text, spans, signoffs)));
  }

  /** Commits everything `hoursLater` after the previous commit and returns its id. */
  commit(message: string, hoursLater = 24, tag?: string): string {
    this.clock += hoursLater * 3600_000;
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    if (tag) this.git('tag', tag);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  merge(branch: string, hoursLater: number): string {
    this.clock += hoursLater * 3600_000;
    this.git('merge', '--no-ff', '-q', '-m', `Merge ${branch}`, branch);
    return this.head();
  }

  revert(sha: string, tag?: string, options: string[] = []): string {
    this.clock += 24 * 3600_000;
    this.git('revert', '--no-edit', ...options, sha);
    if (tag) this.git('tag', tag);
    return this.head();
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export const AI1 = 'export function add(a: number, b: number): number {\n  return a - b;\n}\n';
export const AI2 = '// multiplication, written by the assistant\nexport function mul(a: number, b: number): number {\n  return a + b;\n}\n';
export const AI3 = 'export function div(a: number, b: number): number {\n  return a / b;\n}\n';
export const HUMAN =
  'export const limit = 10;\n// the number of retires\nexport function retries(n: number): number {\n  return n - 1;\n}\n';

export interface Planted {
  repo: TestRepo;
  c: Record<'base' | 'a1' | 'a2' | 'h1' | 'a3' | 's3' | 'f1' | 'revert' | 'f3' | 'f4' | 'f5' | 'f6', string>;
}

export function plantRepo(prefix = 'aiprov-audit-'): Planted {
  const repo = TestRepo.create(prefix);
  repo.write('src/app.ts', 'import { add } from "./ai1";\nexport const main = () => add(1, 2);\n');
  repo.write('.aiprov/allowed_signers', repo.seniors());
  const base = repo.commit('Initial commit', 0, 'base');
  repo.writeAi('src/ai1.ts', AI1, 'span-ai1', true);
  const a1 = repo.commit('Add add() (AI, signed off)', 24, 'a1');
  repo.writeAi('src/ai2.ts', AI2, 'span-ai2', false);
  const a2 = repo.commit('Add mul() (AI, unreviewed)', 24, 'a2');
  repo.write('src/human.ts', HUMAN);
  const h1 = repo.commit('Add retries (human)', 24, 'h1');
  repo.writeAi('src/ai3.ts', AI3, 'span-ai3', false);
  const a3 = repo.commit('Add div() (AI)', 24, 'a3');
  repo.writeAi('src/ai3.ts', AI3, 'span-ai3', true);
  const s3 = repo.commit('Sign off div()', 3, 's3');
  // A fix naming the commit it fixes in a Fixes: trailer (abbreviated id, kernel style).
  repo.write('src/ai1.ts', AI1.replace('a - b', 'a + b'));
  fs.rmSync(path.join(repo.root, sidecarPathFor('src/ai1.ts')));
  const f1 = repo.commit(`Correct add()\n\nFixes: ${a1.slice(0, 12)} ("Add add() (AI, signed off)")\n`);
  const revert = repo.revert(a2, 'revert');
  // A fix found by the default message pattern (Conventional Commits).
  repo.write('src/human.ts', HUMAN.replace('n - 1', 'n'));
  const f3 = repo.commit('fix: retries off by one');
  // Whitespace-only and comment-only fixes introduce no links.
  repo.write('src/ai3.ts', AI3.replace('  return', '    return'));
  fs.rmSync(path.join(repo.root, sidecarPathFor('src/ai3.ts')));
  const f4 = repo.commit('fix: indentation');
  repo.write('src/human.ts', HUMAN.replace('n - 1', 'n').replace('retires', 'retries'));
  const f5 = repo.commit('fix: comment typo');
  repo.write('src/ai3.ts', AI3.replace('  return a / b', '    return b === 0 ? 0 : a / b'));
  const f6 = repo.commit(`Guard division by zero\n\nFixes: ${a3}\n`);
  return { repo, c: { base, a1, a2, h1, a3, s3, f1, revert, f3, f4, f5, f6 } };
}
