// `aiprov report [--since REF] [--format md|json|csv]`.
import { parseArgs } from 'node:util';
import { buildReport, formatReport } from '../../core/report/report';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../types';

const HELP = `Usage: aiprov report [--since REF] [--format md|json|csv]

AI share of lines per file and per tool, the reviewed share, and stale sign-offs, for the files
changed between REF and HEAD (default: every file with a committed sidecar).
`;

export const reportCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const { values } = parseArgs({
    args,
    options: { since: { type: 'string' }, format: { type: 'string', default: 'md' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (!['md', 'json', 'csv'].includes(values.format)) {
    io.stderr.write(`aiprov report: unknown format '${values.format}' (md, json, csv)\n`);
    return 2;
  }
  const repo = await repoOrComplain(io, 'report');
  if (!repo) return 2;
  io.stdout.write(formatReport(await buildReport(repo.repoRoot, values.since), values.format as 'md' | 'json' | 'csv'));
  return 0;
};
