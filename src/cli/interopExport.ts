// The interop formats of `aiprov export` (`--format agent-trace|git-ai [REV]`): another tool's
// record of the sidecars committed at a revision.
import { sidecarsToTrace } from '../core/interop/agentTraceExport';
import { committedSidecars } from '../core/interop/committedSidecars';
import { sidecarsToGitAiNote } from '../core/interop/gitAiExport';
import { GIT_AI_NOTES_REF } from '../core/interop/gitAiHistory';
import { resolveCommit } from '../core/interop/revisions';
import { git, gitText } from '../core/repo/git';
import { repoOrComplain } from './repo';
import type { CliIO } from './types';
import { CLI_VERSION } from './version';

export interface InteropExportOptions {
  format: 'agent-trace' | 'git-ai';
  revision: string;
  /** git-ai only: attach the note to the commit in refs/notes/ai (never done unasked). */
  writeNotes?: boolean;
  force?: boolean;
}

export async function exportInterop(io: CliIO, opts: InteropExportOptions): Promise<number> {
  const repo = await repoOrComplain(io, 'export');
  if (!repo) return 2;
  const commit = await resolveCommit(repo.repoRoot, opts.revision);
  if (!commit) {
    io.stderr.write(`aiprov export: unknown revision '${opts.revision}'\n`);
    return 2;
  }
  const { files, problems } = await committedSidecars(repo.repoRoot, commit);
  for (const p of problems) io.stderr.write(`aiprov export: ${p}\n`);
  // What could not be read was reported above; the rest is still exported, and the exit code says so.
  const done = problems.length ? 1 : 0;
  if (opts.format === 'agent-trace') {
    io.stdout.write(JSON.stringify(sidecarsToTrace(files, commit, CLI_VERSION), null, 2) + '\n');
    return done;
  }
  const note = sidecarsToGitAiNote(files, commit);
  if (!opts.writeNotes) {
    io.stdout.write(note + '\n');
    return done;
  }
  const existing = await gitText(repo.repoRoot, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'list', commit]).catch(() => '');
  if (existing.trim() && !opts.force) {
    io.stderr.write(
      `aiprov export: ${commit.slice(0, 8)} already has a git-ai note in ${GIT_AI_NOTES_REF}; left as it is (--force replaces it)\n`,
    );
    return 2;
  }
  // The note's exact bytes, as git-ai writes them: stored as a blob and attached with -C, which
  // (unlike -m or -F) does not reformat the text.
  const blob = (await gitText(repo.repoRoot, ['hash-object', '-w', '--stdin'], note)).trim();
  await git(repo.repoRoot, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'add', '-f', '-C', blob, commit]);
  io.stdout.write(`wrote the git-ai note for ${commit.slice(0, 8)} (${files.length} file(s)) to ${GIT_AI_NOTES_REF}\n`);
  return done;
}
