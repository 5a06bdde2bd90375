// `aiprov export [--staged]`: writes sidecars now (for commits made with --no-verify).
import { parseArgs } from 'node:util';
import { exportStaged, exportWorkingTree } from '../../core/repo/export';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../run';
import { exportAgentTrace } from './interop';

const HELP = `Usage: aiprov export [--staged]
       aiprov export --format agent-trace [REV]   (an Agent Trace record of REV's sidecars, default HEAD)

Writes .aiprov sidecars for every file with live provenance, from the working tree.
With --staged, maps provenance onto the staged content and stages the sidecars (what the
pre-commit hook does).
`;

export const exportCommand: CliCommand = async (args, io) => {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { staged: { type: 'boolean' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.stderr.write(`aiprov export: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.format !== undefined) {
    if (values.format !== 'agent-trace') {
      io.stderr.write(`aiprov export: unknown format '${values.format}' (agent-trace)\n`);
      return 2;
    }
    return exportAgentTrace(io, positionals[0] ?? 'HEAD');
  }
  const repo = await repoOrComplain(io, 'export');
  if (!repo) return 2;
  let r;
  try {
    r = values.staged ? await exportStaged(repo.repoRoot, repo.gitDir) : await exportWorkingTree(repo.repoRoot, repo.gitDir);
  } catch (err) {
    io.stderr.write(`aiprov export: ${(err as Error).message}\n`);
    return 2;
  }
  for (const p of r.problems) io.stderr.write(`aiprov: ${p}\n`);
  for (const w of r.written) io.stdout.write(`wrote ${w}\n`);
  for (const d of r.removed) io.stdout.write(`removed ${d}\n`);
  for (const f of r.failures) io.stderr.write(`aiprov export: ${f.file}: ${f.reason}\n`);
  return r.failures.length ? 2 : 0;
};
