// A throwaway git repository for tests: real git, no global or system configuration.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const isolatedGitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

export interface TestRepo {
  root: string;
  gitDir: string;
  git: (...args: string[]) => string;
  write: (repoPath: string, content: string) => void;
  read: (repoPath: string) => string;
  remove: () => void;
}

export function makeRepo(prefix = 'aiprov-repo-', dir?: string): TestRepo {
  const root = dir ?? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe', env: isolatedGitEnv }).toString();
  if (!dir) git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('config', 'commit.gpgsign', 'false');
  return {
    root,
    gitDir: path.join(root, '.git'),
    git,
    write: (repoPath, content) => {
      fs.mkdirSync(path.dirname(path.join(root, repoPath)), { recursive: true });
      fs.writeFileSync(path.join(root, repoPath), content);
    },
    read: (repoPath) => fs.readFileSync(path.join(root, repoPath), 'utf8'),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Builds the CLI as it is installed (launcher and bundles); returns `node "<cli.js>"` and a cleanup. */
export async function bundleCli(): Promise<{ command: string; file: string; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-cli-'));
  const { buildCli } = (await import(path.resolve(__dirname, '../../../scripts/cliBundles.mjs'))) as {
    buildCli: (outdir: string, options: object) => Promise<string>;
  };
  const file = await buildCli(dir, { logLevel: 'silent' });
  return { command: `node ${JSON.stringify(file)}`, file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * What the extension does after an AI insertion: the file written, its content in git's object
 * store, and a live record holding the spans known for the file before plus one new span over `text`.
 */
export async function recordAiInsert(repo: TestRepo, repoPath: string, insertAt: number, text: string, id: string): Promise<string> {
  const { LiveStore } = await import('../../../src/core/live/store');
  const { buildSidecar } = await import('../../../src/core/format');
  const { storeBlob } = await import('../../../src/core/repo/git');
  const { loadFileProvenance } = await import('../../../src/core/repo/provenance');
  const { SpanTracker } = await import('../../../src/core/spans/tracker');
  const before = fs.existsSync(path.join(repo.root, repoPath)) ? repo.read(repoPath) : '';
  const store = new LiveStore(repo.gitDir);
  // As the editor does on opening the file: the spans any record knows for it.
  const known = await loadFileProvenance({ repoRoot: repo.root, liveDir: repo.gitDir, repoPath, content: before, isGit: true });
  const tracker = new SpanTracker(known.spans);
  tracker.applyAiEdit(
    { offset: insertAt, deleteLength: 0, text },
    {
      origin: 'inlineCompletion',
      confidence: 'certain',
      tool: 'GitHub Copilot',
      author: 'dev@example.com',
      capturedAt: '2026-11-01T10:00:00.000Z',
    },
    id,
  );
  const content = before.slice(0, insertAt) + text + before.slice(insertAt);
  repo.write(repoPath, content);
  await storeBlob(repo.root, content);
  await store.write(buildSidecar(repoPath, content, tracker.spans(), known.signoffs));
  return content;
}

/**
 * A policy that accepts unsigned reviews, for tests about something other than signatures
 * (offsets, file names, rewrites) that record sign-offs without setting up SSH keys.
 */
export function allowUnsignedReviews(repo: TestRepo): void {
  repo.write('.aiprov/policy.json', JSON.stringify({ version: 1, requireSignature: false }));
}

/** The CLI bundled once for a suite (mocha before/after), as the installed hooks run it. */
export function withBundledCli(): () => Awaited<ReturnType<typeof bundleCli>> {
  let cli: Awaited<ReturnType<typeof bundleCli>> | undefined;
  before(async () => (cli = await bundleCli()));
  after(() => cli?.cleanup());
  return () => {
    if (!cli) throw new Error('the CLI is bundled in before()');
    return cli;
  };
}

/** How the repository suites label an accepted Copilot suggestion. */
export const COPILOT_ACCEPT = {
  origin: 'inlineCompletion' as const,
  confidence: 'certain' as const,
  tool: 'GitHub Copilot',
  author: 'dev@example.com',
  capturedAt: '2026-11-01T10:00:00.000Z',
};
