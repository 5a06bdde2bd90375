// `aiprov blame FILE`: each line with its origin (AI tool or human) and review state.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { lineLocator } from '../../core/format';
import { loadFileProvenance } from '../../core/repo/provenance';
import { loadReviewRules, REVIEW_STATES, reviewFile } from '../../core/signoff';
import { readFileArg, repoOrComplain } from '../repo';
import type { CliCommand } from '../types';
import { repoRelativePath } from '../../core/format';

export const blameCommand: CliCommand = async (all, io) => {
  // After `--` a name is a file even when it looks like an option (`aiprov blame -- -h`).
  const ended = all[0] === '--';
  const args = ended ? all.slice(1) : all;
  if ((!ended && (args.includes('--help') || args.includes('-h'))) || args.length !== 1) {
    (args.length === 1 ? io.stdout : io.stderr).write(
      'Usage: aiprov blame [--] FILE\n\nEach line with its origin (AI tool or human) and sign-off state: ✓ signed off, ✗ needs review, ! stale.\n',
    );
    return args.length === 1 ? 0 : 2;
  }
  const { absPath: file, content } = await readFileArg(io, args[0]);
  const repo = await repoOrComplain(io, 'blame', path.dirname(file), args[0]);
  if (!repo) return 2;
  const repoPath = repoRelativePath(repo.repoRoot, await fs.realpath(file));
  const provenance = await loadFileProvenance({ repoRoot: repo.repoRoot, liveDir: repo.gitDir, repoPath, content, isGit: true });
  if (provenance.unreadable.length) {
    // Blaming without that record would show its AI lines as human.
    for (const e of provenance.unreadable) io.stderr.write(`aiprov blame: ${e.file}: ${e.reason}\n`);
    return 2;
  }
  for (const p of provenance.problems) io.stderr.write(`aiprov: ${p}\n`);
  const rules = await loadReviewRules(repo.repoRoot);
  if (!rules.policyOk) {
    io.stderr.write(`aiprov blame: ${rules.problems[0]}\n`);
    return 2;
  }
  for (const p of rules.problems) io.stderr.write(`aiprov: ${p}\n`);
  const reviews = await reviewFile({ file: repoPath, content, spans: provenance.spans, signoffs: provenance.signoffs, rules });
  const lineOf = lineLocator(content);
  const owner = new Map<number, { label: string; mark: string }>();
  provenance.spans.forEach((span, i) => {
    for (const r of span.ranges) {
      for (let l = lineOf(r.start); l <= lineOf(r.end - 1); l++)
        owner.set(l, { label: span.attribution.tool ?? span.attribution.origin, mark: REVIEW_STATES[reviews[i].state].mark });
    }
  });
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const width = Math.max(5, ...[...owner.values()].map((o) => o.label.length));
  lines.forEach((text, i) => {
    const o = owner.get(i + 1);
    io.stdout.write(`${(o ? o.label : 'human').padEnd(width)} ${o ? o.mark : ' '} ${String(i + 1).padStart(4)}  ${text}\n`);
  });
  return 0;
};
