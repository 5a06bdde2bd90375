// `aiprov merge-driver %O %A %B %P` (git calls it) and `aiprov merge-driver install`.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/io/atomicWrite';
import { repoPathOfSidecar } from '../../core/format';
import { withProvenanceLock } from '../../core/live/provenanceLock';
import { git } from '../../core/repo/git';
import { mergeSidecarTexts } from '../../core/repo/mergeSidecars';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../types';

const HELP = `Usage: aiprov merge-driver install
       aiprov merge-driver <base> <ours> <theirs> <path>   (called by git)

install registers the driver in .git/config and marks .aiprov/** with merge=aiprov in
.gitattributes, so branches that both change a sidecar merge without hand-editing JSON.
`;

const ATTRIBUTE = '.aiprov/**/*.aiprov merge=aiprov';

export const mergeDriverCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h') || args.length === 0) {
    (args.length ? io.stdout : io.stderr).write(HELP);
    return args.length ? 0 : 2;
  }
  const repo = await repoOrComplain(io, 'merge-driver');
  if (!repo) return 2;
  if (args[0] === 'install') {
    const cli = `node ${JSON.stringify(process.argv[1] ?? 'aiprov')}`;
    await git(repo.repoRoot, ['config', 'merge.aiprov.name', 'aiprov sidecar merge']);
    await git(repo.repoRoot, ['config', 'merge.aiprov.driver', `${cli} merge-driver %O %A %B %P`]);
    const attributes = path.join(repo.repoRoot, '.gitattributes');
    const existing = await fs.readFile(attributes, 'utf8').catch(() => '');
    if (!existing.split('\n').includes(ATTRIBUTE))
      await writeFileAtomic(attributes, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${ATTRIBUTE}\n`);
    io.stdout.write('aiprov: merge driver registered (.git/config, .gitattributes)\n');
    return 0;
  }
  const [base, ours, theirs, file] = args;
  if (!theirs) {
    io.stderr.write(HELP);
    return 2;
  }
  try {
    const [b, o, t] = await Promise.all([base, ours, theirs].map((f) => fs.readFile(path.resolve(io.cwd, f), 'utf8')));
    const repoPath = repoPathOfSidecar(file ?? '');
    const merge = async () => {
      const outcome = await mergeSidecarTexts(repo.repoRoot, b, o, t, file ?? ours, repo.gitDir);
      await writeFileAtomic(path.resolve(io.cwd, ours), outcome.text);
      return outcome;
    };
    // The live record is read and removed under the file's lock.
    const outcome = repoPath ? await withProvenanceLock(repo.gitDir, repoPath, merge) : await merge();
    if (outcome.sourceConflicts)
      io.stderr.write(
        `aiprov: ${file}: the source file conflicts; both sides' AI spans are kept and follow your resolution when you commit (aiprov's pre-commit hook, or \`aiprov export --staged\`)\n`,
      );
    return 0;
  } catch (err) {
    io.stderr.write(`aiprov merge-driver: ${(err as Error).message}\n`);
    return 1; // git then leaves the sidecar conflicted, untouched
  }
};
