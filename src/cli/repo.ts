import { locateRepo, type RepoLocation } from '../core/repo/git';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError, type CliIO } from './types';

/** The repository holding `dir`, or undefined after telling the user that there is none. */
export async function repoOrComplain(io: CliIO, command: string, dir = io.cwd, shown = dir): Promise<RepoLocation | undefined> {
  const repo = await locateRepo(dir);
  if (!repo) io.stderr.write(`aiprov ${command}: ${shown} is not inside a git repository\n`);
  return repo;
}

/** Reads a file named on the command line; one that cannot be read is a one-line error. */
export async function readFileArg(io: CliIO, shown: string): Promise<{ absPath: string; content: string }> {
  const absPath = path.resolve(io.cwd, shown);
  try {
    return { absPath, content: await fs.readFile(absPath, 'utf8') };
  } catch (err) {
    throw new UsageError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
