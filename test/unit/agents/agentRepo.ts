// A temporary git repository with one committed file, and the fixture payloads of
// test/fixtures/agents filled in for it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSidecar, type Sidecar } from '../../../src/core/format';
import { LiveStore } from '../../../src/core/live/store';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/agents');

export const ORIGINAL = [
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  'export function sub(a: number, b: number): number {',
  '  return a - b;',
  '}',
  '',
].join('\n');

/** The agent's edit in every fixture: two lines inserted above `return a - b;`. */
export const AGENT_LINES =
  "  // Reject NaN so callers see the bad input.\n  if (Number.isNaN(a) || Number.isNaN(b)) throw new Error('NaN input');\n";
export const HUMAN_LINE = '// Arithmetic functions, reviewed by Dana.\n';

export class AgentRepo {
  readonly root: string;
  readonly file: string;

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-agents-')));
    this.git('init', '-q');
    this.git('config', 'user.email', 'dev@example.com');
    this.git('config', 'user.name', 'Dev');
    this.git('config', 'commit.gpgsign', 'false');
    fs.mkdirSync(path.join(this.root, 'src'));
    this.file = path.join(this.root, 'src/math.ts');
    fs.writeFileSync(this.file, ORIGINAL);
    this.git('add', '-A');
    this.git('commit', '-qm', 'init');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, stdio: 'pipe' }).toString();
  }

  read(): string {
    return fs.readFileSync(this.file, 'utf8');
  }

  write(content: string): void {
    fs.writeFileSync(this.file, content);
  }

  /** A human's edit on disk that no hook or editor recorded: a comment line above everything. */
  humanEditsLineOne(): void {
    this.write(HUMAN_LINE + this.read());
  }

  /** The file just before the agent's last edit, as Claude Code reports it (`originalFile`). */
  private beforeAgent = '';

  /** What the agent's tool does to the file in every fixture. */
  agentInsertsGuard(): void {
    this.beforeAgent = this.read();
    this.write(this.beforeAgent.replace('  return a - b;', AGENT_LINES + '  return a - b;'));
  }

  payload(name: string, replacements: Record<string, string> = {}): string {
    let text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const all: Record<string, string> = {
      FILE_PATH: this.file,
      REPO: this.root,
      TRANSCRIPT: path.join(FIXTURES, 'claude-code-transcript.jsonl'),
      ORIGINAL_FILE: this.beforeAgent,
      ...replacements,
    };
    // Values go in as JSON string contents, so paths and file text stay valid JSON.
    for (const [key, value] of Object.entries(all)) text = text.replaceAll(key, JSON.stringify(value).slice(1, -1));
    return text;
  }

  async live(repoPath = 'src/math.ts'): Promise<Sidecar | undefined> {
    return new LiveStore(path.join(this.root, '.git')).read(repoPath);
  }

  /** The sidecar as committed: stage, export for the staged content, commit, read it back from HEAD. */
  committedSidecar(exportStaged: () => Promise<void>, repoPath = 'src/math.ts'): Promise<Sidecar> {
    this.git('add', '--', repoPath);
    return exportStaged().then(() => {
      this.git('commit', '-qm', 'agent edit');
      return parseSidecar(this.git('show', `HEAD:.aiprov/${repoPath}.aiprov`), repoPath);
    });
  }

  /** Each span's text in `content`, in order. */
  static spanTexts(sidecar: Sidecar, content: string): string[] {
    return sidecar.spans.map((s) => s.ranges.map((r) => content.slice(r.start, r.end)).join(''));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
