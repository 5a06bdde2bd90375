// Installs aiprov's git hooks where git looks for them (honouring core.hooksPath), chaining to any
// hook already there (husky and others) instead of overwriting it; uninstall restores it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { gitText } from './git';
import { pathExists } from '../io/fileSystem';

export const AIPROV_HOOKS = ['pre-commit', 'prepare-commit-msg', 'post-rewrite', 'post-merge', 'post-commit'] as const;
const MARKER = '# aiprov-managed-hook';
const CHAINED_SUFFIX = '.aiprov-chained';

export async function hooksDir(repoRoot: string): Promise<string> {
  return path.resolve(repoRoot, (await gitText(repoRoot, ['rev-parse', '--git-path', 'hooks'])).trim());
}

/**
 * Where pre-commit leaves the commit trailer for prepare-commit-msg, with the index tree it is for,
 * under the git directory shared by worktrees (`--git-common-dir`).
 */
export const PENDING_TRAILER = 'aiprov/pending-trailer';

// prepare-commit-msg is plain shell: the trailer was computed by pre-commit for this exact index
// (same tree), which saves a second Node start-up on every commit.
const STEPS: Record<(typeof AIPROV_HOOKS)[number], (cli: string) => string> = {
  'pre-commit': (cli) => `${cli} git-hook pre-commit "$@"`,
  // Commits git makes without pre-commit (rebase, squash, a clean merge, cherry-pick): sidecars
  // that describe older content are carried onto HEAD's. post-commit starts Node only for a
  // cherry-pick (its reflog entry says so), so ordinary commits pay one git call. In a sequence
  // (`cherry-pick A..B`) only the last pick is re-committed: git picks the next commit onto the
  // HEAD and index it holds in memory, so changing them earlier would stop the sequence.
  'post-rewrite': (cli) => `${cli} git-hook refresh-head "$1"`,
  'post-merge': (cli) => `${cli} git-hook refresh-head merge`,
  'post-commit': (cli) => `case "$(git reflog -1 --format=%gs 2>/dev/null)" in
  cherry-pick:*)
    todo="$(git rev-parse --git-path sequencer)/todo"
    if [ ! -f "$todo" ] || [ "$(grep -c -v -e '^#' -e '^[[:space:]]*$' "$todo")" -le 1 ]; then
      ${cli} git-hook refresh-head cherry-pick
    fi ;;
esac`,
  'prepare-commit-msg': () => `pending="$(git rev-parse --git-common-dir)/${PENDING_TRAILER}"
if [ -f "$pending" ] && [ "$2" != merge ] && [ "$(head -n 1 "$pending")" = "$(git write-tree)" ]; then
  git interpret-trailers --in-place --if-exists replace --trailer "$(tail -n +2 "$pending")" "$1"
fi`,
};

function hookScript(name: (typeof AIPROV_HOOKS)[number], cliCommand: string): string {
  return `#!/bin/sh
${MARKER}
# Runs the hook that was here before aiprov (if any), then aiprov's own step.
hook_dir=$(dirname "$0")
if [ -x "$hook_dir/${name}${CHAINED_SUFFIX}" ]; then
  "$hook_dir/${name}${CHAINED_SUFFIX}" "$@" || exit $?
fi
${STEPS[name](cliCommand)}
`;
}

async function isOurs(file: string): Promise<boolean> {
  try {
    return (await fs.readFile(file, 'utf8')).includes(MARKER);
  } catch {
    return false;
  }
}

/** `cliCommand` is how the hook calls aiprov, e.g. `node "/path/to/dist/cli.js"`. */
export async function installGitHooks(repoRoot: string, cliCommand: string): Promise<{ dir: string; chained: string[] }> {
  const dir = await hooksDir(repoRoot);
  await fs.mkdir(dir, { recursive: true });
  const chained: string[] = [];
  for (const name of AIPROV_HOOKS) {
    const file = path.join(dir, name);
    if ((await pathExists(file)) && !(await isOurs(file))) {
      await fs.rename(file, file + CHAINED_SUFFIX);
      chained.push(name);
    }
    await fs.writeFile(file, hookScript(name, cliCommand), { mode: 0o755 });
    await fs.chmod(file, 0o755);
  }
  return { dir, chained };
}

export async function uninstallGitHooks(repoRoot: string): Promise<{ dir: string; restored: string[] }> {
  const dir = await hooksDir(repoRoot);
  const restored: string[] = [];
  for (const name of AIPROV_HOOKS) {
    const file = path.join(dir, name);
    if (!(await isOurs(file))) continue;
    await fs.rm(file);
    if (await pathExists(file + CHAINED_SUFFIX)) {
      await fs.rename(file + CHAINED_SUFFIX, file);
      restored.push(name);
    }
  }
  return { dir, restored };
}

/** Whether aiprov's hooks are installed where git looks for them. */
export async function gitHooksInstalled(repoRoot: string): Promise<boolean> {
  const dir = await hooksDir(repoRoot);
  return (await Promise.all(AIPROV_HOOKS.map((name) => isOurs(path.join(dir, name))))).every(Boolean);
}
