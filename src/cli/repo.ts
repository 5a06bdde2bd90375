import { locateRepo, type RepoLocation } from '../core/repo/git';
import type { CliIO } from './types';

/** The repository holding `dir`, or undefined after telling the user that there is none. */
export async function repoOrComplain(io: CliIO, command: string, dir = io.cwd, shown = dir): Promise<RepoLocation | undefined> {
  const repo = await locateRepo(dir);
  if (!repo) io.stderr.write(`aiprov ${command}: ${shown} is not inside a git repository\n`);
  return repo;
}
