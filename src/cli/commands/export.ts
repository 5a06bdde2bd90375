// `aiprov export [--staged]`: writes sidecars now (for commits made with --no-verify).
import { parseArgs } from 'node:util';
import { exportStaged, exportWorkingTree } from '../../core/repo/export';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../types';
import { exportInterop } from '../interopExport';

const HELP = `Usage: aiprov export [--staged]
       aiprov export --format agent-trace [REV]   (an Agent Trace record of REV's sidecars, default HEAD)
       aiprov export --format git-ai [REV] [--write-notes [--force]]
                                               (a git-ai authorship note for REV; printed, or with
                                               --write-notes attached in refs/notes/ai)
A sidecar that cannot be read is reported and left out of an interop export (exit 1).

Writes .aiprov sidecars for every file with live provenance, from the working tree.
With --staged, maps provenance onto the staged content and stages the sidecars (what the
pre-commit hook does).
`;

export const exportCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      staged: { type: 'boolean' },
      format: { type: 'string' },
      'write-notes': { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.format !== undefined) {
    if (values.format !== 'agent-trace' && values.format !== 'git-ai') {
      io.stderr.write(`aiprov export: unknown format '${values.format}' (agent-trace, git-ai)\n`);
      return 2;
    }
    if (values['write-notes'] && values.format !== 'git-ai') {
      io.stderr.write(`aiprov export: --write-notes goes with --format git-ai\n`);
      return 2;
    }
    if (positionals.length > 1) {
      io.stderr.write(`aiprov export: one revision at most (got ${positionals.length})\n`);
      return 2;
    }
    return exportInterop(io, {
      format: values.format,
      revision: positionals[0] ?? 'HEAD',
      writeNotes: values['write-notes'],
      force: values.force,
    });
  }
  const repo = await repoOrComplain(io, 'export');
  if (!repo) return 2;
  const r = values.staged ? await exportStaged(repo.repoRoot, repo.gitDir) : await exportWorkingTree(repo.repoRoot, repo.gitDir);
  for (const p of r.problems) io.stderr.write(`aiprov: ${p}\n`);
  for (const w of r.written) io.stdout.write(`wrote ${w}\n`);
  for (const d of r.removed) io.stdout.write(`removed ${d}\n`);
  for (const f of r.failures) io.stderr.write(`aiprov export: ${f.file}: ${f.reason}\n`);
  return r.failures.length ? 2 : 0;
};
