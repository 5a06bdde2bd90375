import { gitWithStatus, locateRepo, type RepoLocation } from '../core/repo/git';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError, type CliIO } from './types';

/** The repository holding `dir`, or undefined after telling the user that there is none. */
export async function repoOrComplain(io: CliIO, command: string, dir = io.cwd, shown = dir): Promise<RepoLocation | undefined> {
  const repo = await locateRepo(dir);
  if (!repo) io.stderr.write(`aiprov ${command}: ${await whyNoRepository(dir, shown)}\n`);
  return repo;
}

/**
 * Why git found no repository at `dir`: git refuses one owned by another user (a CI container
 * running as another uid), which is not the same as there being none, and has its own remedy.
 */
async function whyNoRepository(dir: string, shown: string): Promise<string> {
  const r = await gitWithStatus(dir, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  if (r && /dubious ownership/.test(r.stderr)) {
    const remedy = /git config --global --add safe\.directory .+/.exec(r.stderr)?.[0].trim();
    return `git refuses the repository at ${shown}: it is owned by another user${remedy ? `; if you trust it: ${remedy}` : ''}`;
  }
  return `${shown} is not inside a git repository`;
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
