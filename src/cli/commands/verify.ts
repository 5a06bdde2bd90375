// `aiprov verify`: exit 0 when every AI span in the change has a valid senior sign-off, 1 on
// violations, 2 on usage or I/O errors.
import { parseArgs } from 'node:util';
import { formatVerifyReport, VERIFY_FORMATS, type VerifyFormat } from '../../core/verify/formatReport';
import { resolveBaseRef } from '../../core/repo/baseRef';
import { verifyChange } from '../../core/verify/verify';
import { repoOrComplain } from '../repo';
import type { CliCommand } from '../types';
import { CLI_VERSION } from '../version';

const HELP = `Usage: aiprov verify [--base REF] [--format text|json|sarif|github]

Checks the change from the merge base with REF to HEAD (default: the upstream, unless it is the
branch's own remote copy, else main; in CI always pass the target branch, e.g. origin/main). Every
AI span the policy covers needs a non-stale sign-off bound to its file, text and attribution,
signed by a key that REF's .aiprov/allowed_signers lists for the reviewer (policy and seniors are
read from REF's tip, never from the branch), and not by the span's own author when self-sign-off
is forbidden. Every commit of the change is checked too: provenance and reviewers' decisions
recorded earlier must still be there, AI code moved into human text is reported, and with
requireAiAssistedTrailer so are commits made without the aiprov hooks.
Exit codes: 0 clean, 1 violations, 2 usage or I/O errors.
`;

export const verifyCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const { values } = parseArgs({
    args,
    options: { base: { type: 'string' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (!(VERIFY_FORMATS as readonly string[]).includes(values.format)) {
    io.stderr.write(`aiprov verify: unknown format '${values.format}' (${VERIFY_FORMATS.join(', ')})\n`);
    return 2;
  }
  const repo = await repoOrComplain(io, 'verify');
  if (!repo) return 2;
  const base = values.base ?? (await resolveBaseRef(repo.repoRoot));
  const report = await verifyChange(repo.repoRoot, base);
  io.stdout.write(formatVerifyReport(report, values.format as VerifyFormat, CLI_VERSION));
  return report.violations.length ? 1 : 0;
};
