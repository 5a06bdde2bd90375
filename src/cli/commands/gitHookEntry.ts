// `aiprov git-hook <name> [args]`: what the installed git hooks call.
import { aiTrailer, exportStaged, stagedSidecars } from '../../core/repo/export';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/io/atomicWrite';
import { LockTimeoutError } from '../../core/io/lock';
import { gitText } from '../../core/repo/git';
import { PENDING_TRAILER } from '../../core/repo/gitHooks';
import { refreshHeadSidecars } from '../../core/repo/refreshHead';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../types';

export const gitHookCommand: CliCommand = async (args, io) => {
  const [name, ...rest] = args;
  const repo = await repoOrComplain(io, 'git-hook');
  if (!repo) return 2;
  try {
    if (name === 'pre-commit') {
      const r = await exportStaged(repo.repoRoot, repo.gitDir);
      for (const p of r.problems) io.stderr.write(`aiprov: ${p}\n`);
      if (r.failures.length) {
        // Committing would ship a sidecar that silently dropped what could not be read.
        for (const f of r.failures) io.stderr.write(`aiprov pre-commit: ${f.file}: ${f.reason}\n`);
        io.stderr.write(`aiprov pre-commit: commit refused; fix or restore the file(s) above (or upgrade aiprov), then commit again\n`);
        return 2;
      }
      // In the shared git directory, where installed prepare-commit-msg hooks look; it names the
      // index tree it is for, so worktrees committing at once never take each other's.
      const pending = path.join(repo.commonDir, PENDING_TRAILER);
      const trailer = aiTrailer(r.sidecars);
      if (trailer)
        await writeFileAtomic(pending, `${(await gitText(repo.repoRoot, ['write-tree'])).trim()}\n${trailer}\n`, { durable: false });
      else await fs.rm(pending, { force: true });
      if (r.written.length || r.removed.length)
        io.stdout.write(`aiprov: ${r.written.length} sidecar(s) staged, ${r.removed.length} removed\n`);
      return 0;
    }
    if (name === 'refresh-head') {
      // A squash or reword inside a rebase amends as it goes; the rebase's own post-rewrite
      // refreshes HEAD at the end, and changing HEAD under it would break it.
      if (rest[0] === 'amend' && (await rebaseInProgress(repo.repoRoot))) return 0;
      // After the fact: the commit exists, so problems are reported and never fail the hook.
      const r = await refreshHeadSidecars(repo.repoRoot, repo.gitDir, { amend: rest[0] === 'amend' });
      for (const p of r.problems) io.stderr.write(`aiprov: ${p}\n`);
      if (r.amended)
        io.stdout.write(
          `aiprov: ${r.refreshed.length ? `${r.refreshed.length} sidecar(s) re-exported onto` : 'AI-Assisted trailer recounted for'} the rewritten HEAD (${r.amended.from.slice(0, 7)} -> ${r.amended.to.slice(0, 7)})\n`,
        );
      return 0;
    }
    if (name === 'prepare-commit-msg') {
      const [messageFile, source] = rest;
      if (!messageFile || source === 'merge') return 0;
      const trailer = aiTrailer(await stagedSidecars(repo.repoRoot));
      if (trailer)
        await gitText(repo.repoRoot, ['interpret-trailers', '--in-place', '--if-exists', 'replace', '--trailer', trailer, messageFile]);
      return 0;
    }
    io.stderr.write(`aiprov git-hook: unknown hook '${name ?? ''}'\n`);
    return 2;
  } catch (err) {
    if (err instanceof LockTimeoutError) {
      io.stderr.write(`aiprov ${name}: ${err.message}\n`);
      return 2;
    }
    // Any other provenance problem must not lose the user's commit: report it and let it go on.
    io.stderr.write(`aiprov ${name}: ${(err as Error).message}\n`);
    return 0;
  }
};

async function rebaseInProgress(repoRoot: string): Promise<boolean> {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    const at = path.resolve(repoRoot, (await gitText(repoRoot, ['rev-parse', '--git-path', dir])).trim());
    if (
      await fs.stat(at).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}
