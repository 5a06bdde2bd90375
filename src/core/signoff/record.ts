// Records a reviewer's decision on a file's spans: the one function the CLI and the extension
// call. Writes the working-tree sidecar (atomically) and the live record when there is one.
import * as path from 'node:path';
import { buildSidecar, lineLocator, serializeSidecar, sidecarPathFor } from '../format';
import { writeFileAtomic } from '../io/atomicWrite';
import { LiveStore } from '../live/store';
import type { AiSpan, Decision, Reviewer, SignOff } from '../model';
import { loadFileProvenance } from '../repo/provenance';
import { isSenior } from './allowedSigners';
import { createSignOff, signOffKey } from './records';
import { withProvenanceLock } from '../live/provenanceLock';
import type { SidecarError } from '../format';
import { loadReviewRules } from './rules';
import { missingChecklist } from './policy';
import { signingSetupAdvice, signSignOff } from './ssh';
import { assertNoSymlinks } from '../io/safePath';

/** A sign-off that would not count was refused before anything was written. */
export class SignOffRefused extends Error {
  constructor(
    message: string,
    /** Why: the policy cannot be read, the record would be unsigned, or the checklist is not confirmed. */
    readonly reason: 'policy' | 'unsigned' | 'checklist',
  ) {
    super(message);
    this.name = 'SignOffRefused';
  }
}

export interface SignOffRequest {
  repoRoot: string;
  gitDir: string;
  repoPath: string;
  content: string;
  /** Which spans: ids, or a 1-based inclusive line range, or (neither) every span of the file. */
  spanIds?: readonly string[];
  lines?: { start: number; end: number };
  reviewer: Reviewer;
  decision: Decision;
  note?: string;
  checklist?: readonly string[];
  /**
   * The file's current spans and sign-offs when the caller already holds them (the editor does,
   * including edits not yet written to the live record); otherwise they are loaded.
   */
  current?: { spans: readonly AiSpan[]; signoffs: readonly SignOff[] };
  /**
   * Private key to sign with (see gitSigningKey). Without one the record is refused unless the
   * policy explicitly allows unsigned reviews.
   */
  signingKey?: string;
}

function unionRecords(a: readonly SignOff[], b: readonly SignOff[]): SignOff[] {
  const byKey = new Map<string, SignOff>();
  for (const r of [...a, ...b]) byKey.set(signOffKey(r), r);
  return [...byKey.values()];
}

export interface SignOffOutcome {
  signoff: SignOff;
  sidecarPath: string;
  spans: AiSpan[];
  senior: boolean;
  warnings: string[];
}

/** Sidecars or live records that could not be read: nothing is written over them. */
export class UnreadableProvenance extends Error {
  constructor(readonly problems: readonly SidecarError[]) {
    super(problems.map((e) => `${e.file}: ${e.reason}; left untouched`).join('; '));
    this.name = 'UnreadableProvenance';
  }
}

/**
 * Records the decision under the file's lock (concurrent hooks, CLIs and windows merge instead
 * of overwriting each other), and never over a sidecar or live record it could not read.
 */
export function recordSignOff(req: SignOffRequest): Promise<SignOffOutcome> {
  return withProvenanceLock(req.gitDir, req.repoPath, () => recordLocked(req));
}

async function recordLocked(req: SignOffRequest): Promise<SignOffOutcome> {
  const onDisk = await loadFileProvenance({
    repoRoot: req.repoRoot,
    liveDir: req.gitDir,
    repoPath: req.repoPath,
    content: req.content,
    isGit: true,
  });
  if (onDisk.unreadable.length) throw new UnreadableProvenance(onDisk.unreadable);
  // The editor's spans include edits not yet saved to the live record; decisions recorded by
  // anyone since it loaded are on disk: keep both.
  const provenance = req.current
    ? { spans: [...req.current.spans], signoffs: unionRecords(req.current.signoffs, onDisk.signoffs), problems: onDisk.problems }
    : onDisk;
  let spans = provenance.spans;
  if (req.spanIds) spans = spans.filter((s) => req.spanIds!.includes(s.id));
  if (req.lines) {
    const { start, end } = req.lines;
    const lineOf = lineLocator(req.content);
    spans = spans.filter((s) => s.ranges.some((r) => lineOf(r.start) <= end && lineOf(Math.max(r.start, r.end - 1)) >= start));
  }
  if (spans.length === 0)
    throw new Error(`${req.repoPath}: no AI spans ${req.lines ? `on lines ${req.lines.start}-${req.lines.end}` : 'to review'}`);

  const warnings = [...provenance.problems];
  const rules = await loadReviewRules(req.repoRoot);
  if (!rules.policyOk) throw new SignOffRefused(rules.problems[0], 'policy');
  warnings.push(...rules.problems);
  const { policy } = rules;
  if (!req.signingKey && policy.requireSignature) throw new SignOffRefused(await signingSetupAdvice(), 'unsigned');
  const senior = isSenior(req.reviewer.email, rules.signers);
  if (!senior)
    warnings.push(`recorded, but ${req.reviewer.email} is not in .aiprov/allowed_signers: it will not count as a senior sign-off`);
  const own = spans.filter((s) => s.attribution.author?.toLowerCase() === req.reviewer.email.toLowerCase());
  if (own.length && policy.forbidSelfSignOff && req.decision === 'approved')
    warnings.push(`${own.length} of these spans were accepted by you; the policy does not count self-sign-off`);
  // An approval that skips the checklist would never count (evaluateSpans): refuse it up front.
  if (req.decision === 'approved') {
    const missing = missingChecklist(policy, req.checklist);
    if (missing.length)
      throw new SignOffRefused(
        `the policy asks reviewers to confirm ${missing.map((c) => `${c.id} (${c.label})`).join(', ')} before approving; nothing was recorded`,
        'checklist',
      );
  }
  if (!policy.requireSignature) warnings.push('unsigned: the policy allows unsigned reviews, so reviewer identities are self-declared');

  let signoff = createSignOff({
    reviewer: req.reviewer,
    file: req.repoPath,
    spans,
    content: req.content,
    decision: req.decision,
    note: req.note,
    checklist: req.checklist,
  });
  if (req.signingKey) signoff = await signSignOff(signoff, req.signingKey);

  const signoffs = [...provenance.signoffs, signoff];
  const sidecarPath = sidecarPathFor(req.repoPath);
  await assertNoSymlinks(req.repoRoot, sidecarPath);
  await writeFileAtomic(
    path.join(req.repoRoot, sidecarPath),
    serializeSidecar(buildSidecar(req.repoPath, req.content, provenance.spans, signoffs)),
  );
  const store = new LiveStore(req.gitDir);
  if (await store.read(req.repoPath).catch(() => undefined))
    await store.write(buildSidecar(req.repoPath, req.content, provenance.spans, signoffs));
  return { signoff, sidecarPath, spans, senior, warnings };
}
