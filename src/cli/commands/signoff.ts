// `aiprov signoff <file>[:<start>-<end>]`: the terminal twin of the editor's sign-off commands.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DECISIONS, type Decision } from '../../core/model';
import { checkRepoPath } from '../../core/format';
import { sweepLitter } from '../../core/repo/export';
import { committedForm, gitConfig } from '../../core/repo/git';
import { gitSigningKey, recordSignOff, SignOffRefused } from '../../core/signoff';
import { readFileArg, repoOrComplain } from '../repo';
import type { CliCommand } from '../types';
import { repoRelativePath } from '../../core/format';

const HELP = `Usage: aiprov signoff <file>[:<startLine>-<endLine>] [--note TEXT]
                      [--decision approved|changes-requested|revoked] [--check tests,rollback]
                      [--no-sign]

Records your review of the AI spans in FILE (or those on the given lines) in its .aiprov sidecar,
bound to the file, the exact text reviewed and each span's attribution, and signed with your git
SSH signing key (gpg.format=ssh, user.signingkey): only a signature by a key listed for you in the
target branch's .aiprov/allowed_signers makes you a senior. --no-sign is accepted only where the
policy allows unsigned reviews (requireSignature: false). Commit the sidecar to share it.
`;

export const signoffCommand: CliCommand = async (args, io) => {
  // A usage problem (ERR_PARSE_ARGS_*) is reported by the CLI's error boundary.
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: {
      note: { type: 'string' },
      decision: { type: 'string', default: 'approved' },
      check: { type: 'string' },
      'no-sign': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const target = positionals[0];
  if (!target) {
    io.stderr.write(`aiprov signoff: name a file\n\n${HELP}`);
    return 2;
  }
  if (!(DECISIONS as readonly string[]).includes(values.decision)) {
    io.stderr.write(`aiprov signoff: --decision must be one of ${DECISIONS.join(', ')}\n`);
    return 2;
  }
  // `s`: a file name may contain a newline; `a:1-2.js` is a file, `a.js:1-2` a line range.
  const m = /^(.*?)(?::(\d+)-(\d+))?$/s.exec(target)!;
  const { absPath: file, content } = await readFileArg(io, m[1]);
  const repo = await repoOrComplain(io, 'signoff', path.dirname(file), m[1]);
  if (!repo) return 2;
  const email = await gitConfig(repo.repoRoot, 'user.email');
  if (!email) {
    io.stderr.write('aiprov signoff: git user.email is not set; it names the reviewer\n');
    return 2;
  }
  const name = await gitConfig(repo.repoRoot, 'user.name');
  const repoPath = repoRelativePath(repo.repoRoot, await fs.realpath(file));
  const outside = checkRepoPath(repoPath);
  if (outside) {
    io.stderr.write(`aiprov signoff: ${m[1]}: ${outside}\n`);
    return 2;
  }
  try {
    await sweepLitter(repo.repoRoot, repo.gitDir);
    // Offsets refer to the content as committed, whatever core.autocrlf made of the working copy.
    const committed = await committedForm(repo.repoRoot, repoPath, content);
    const outcome = await recordSignOff({
      repoRoot: repo.repoRoot,
      gitDir: repo.gitDir,
      repoPath,
      content: committed,
      ...(m[2] && { lines: { start: Number(m[2]), end: Number(m[3]) } }),
      reviewer: { email, ...(name && { name }) },
      decision: values.decision as Decision,
      ...(values.note && { note: values.note }),
      ...(values.check && {
        checklist: values.check
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
      ...(!values['no-sign'] && { signingKey: await gitSigningKey(repo.repoRoot) }),
    });
    io.stdout.write(
      `aiprov: ${outcome.signoff.decision} ${outcome.spans.length} AI span(s) in ${outcome.sidecarPath}${outcome.signoff.signature ? ' (signed)' : ' (unsigned)'}\n`,
    );
    for (const w of outcome.warnings) io.stderr.write(`aiprov: ${w}\n`);
    return 0;
  } catch (err) {
    const refusedUnsigned = err instanceof SignOffRefused && err.reason === 'unsigned' && values['no-sign'];
    io.stderr.write(
      `aiprov signoff: ${refusedUnsigned ? 'the policy requires signed sign-offs (requireSignature); --no-sign only works where it allows unsigned reviews' : (err as Error).message}\n`,
    );
    return 2;
  }
};
