// `aiprov verify`: for the files a change touches (merge base .. HEAD), every AI span the policy
// covers needs a valid, non-stale senior sign-off. Seniors and policy come from the BASE revision,
// so a branch cannot approve itself by editing them.
import { reanchorSpans } from '../anchor';
import { gitBlobId } from '../digest';
import { parseSidecar, SIDECAR_DIR, sidecarPathFor, spansOf, type Sidecar } from '../format';
import { git, gitText, readObjects } from '../repo/git';
import { ALLOWED_SIGNERS_FILE, DEFAULT_POLICY, evaluateSpans, parseAllowedSigners, parsePolicy, POLICY_FILE, verifySignOffs, type Policy } from '../signoff';

export type ViolationKind = 'unreviewed' | 'stale-signoff' | 'changes-requested' | 'stale-provenance' | 'malformed-sidecar' | 'deleted-sidecar' | 'bad-policy';

export interface Violation {
  kind: ViolationKind;
  file: string;
  /** 1-based lines of the span concerned, when there is one. */
  startLine?: number;
  endLine?: number;
  spanId?: string;
  message: string;
}

export interface VerifyReport {
  base: string;
  head: string;
  filesChecked: number;
  spansChecked: number;
  spansApproved: number;
  violations: Violation[];
}

async function showOrUndefined(repoRoot: string, spec: string): Promise<string | undefined> {
  try {
    return (await git(repoRoot, ['show', spec])).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The base to compare with: the upstream, else main, else master. */
export async function defaultBaseRef(repoRoot: string): Promise<string> {
  for (const ref of ['@{upstream}', 'main', 'master', 'origin/main']) {
    try {
      await gitText(repoRoot, ['rev-parse', '--verify', '--quiet', ref]);
      return ref;
    } catch {}
  }
  throw new Error('no base branch found: pass --base <ref>');
}

export async function verifyChange(repoRoot: string, baseRef: string): Promise<VerifyReport> {
  const head = (await gitText(repoRoot, ['rev-parse', 'HEAD'])).trim();
  const base = (await gitText(repoRoot, ['merge-base', baseRef, 'HEAD'])).trim();
  const report: VerifyReport = { base, head, filesChecked: 0, spansChecked: 0, spansApproved: 0, violations: [] };

  let policy: Policy = DEFAULT_POLICY;
  const policyText = await showOrUndefined(repoRoot, `${base}:${POLICY_FILE}`);
  if (policyText !== undefined) {
    try {
      policy = parsePolicy(policyText, `${POLICY_FILE} (at ${base.slice(0, 8)})`);
    } catch (err) {
      report.violations.push({ kind: 'bad-policy', file: POLICY_FILE, message: (err as Error).message });
    }
  }
  const signersText = (await showOrUndefined(repoRoot, `${base}:${ALLOWED_SIGNERS_FILE}`)) ?? '';
  const signers = parseAllowedSigners(signersText).signers;

  const diff = (await gitText(repoRoot, ['diff', '--name-status', '-M', '-z', '--no-ext-diff', base, head])).split('\0').filter(Boolean);
  const files: Array<{ path: string; from?: string; deleted: boolean }> = [];
  for (let i = 0; i < diff.length; ) {
    const status = diff[i++][0];
    if (status === 'R' || status === 'C') {
      const from = diff[i++];
      files.push({ path: diff[i++], from, deleted: false });
    } else files.push({ path: diff[i++], deleted: status === 'D' });
  }
  // A change that touches only a sidecar (a sign-off commit) still checks its file.
  const touched = new Map<string, { from?: string; deleted: boolean }>();
  for (const f of files) {
    if (f.path.startsWith(`${SIDECAR_DIR}/`)) {
      const m = /^\.aiprov\/(.+)\.aiprov$/.exec(f.path);
      if (m && !touched.has(m[1])) touched.set(m[1], { deleted: false });
    } else touched.set(f.path, { from: f.from, deleted: f.deleted });
  }

  // One git process reads every file and sidecar at HEAD.
  const live = [...touched].filter(([, info]) => !info.deleted).map(([file]) => file);
  const objects = await readObjects(repoRoot, live.flatMap((file) => [`${head}:${file}`, `${head}:${sidecarPathFor(file)}`]));

  const evaluated: Array<{ file: string; content: string; sidecar: Sidecar }> = [];
  for (const [file, info] of touched) {
    if (info.deleted) continue;
    const content = objects.get(`${head}:${file}`);
    if (content === undefined) continue;
    report.filesChecked++;
    const rel = sidecarPathFor(file);
    const sidecarText = objects.get(`${head}:${rel}`);
    if (sidecarText === undefined) {
      // Provenance must not vanish while the AI code it described stays.
      const baseText = await showOrUndefined(repoRoot, `${base}:${sidecarPathFor(info.from ?? file)}`);
      const baseContent = await showOrUndefined(repoRoot, `${base}:${info.from ?? file}`);
      if (baseText && baseContent !== undefined) {
        try {
          const old = parseSidecar(baseText, rel);
          const survivors = reanchorSpans(baseContent, content, spansOf(old)).spans;
          if (survivors.length) report.violations.push({ kind: 'deleted-sidecar', file, message: `${rel} was deleted but ${survivors.length} AI span(s) it recorded are still in ${file}` });
        } catch {}
      }
      continue;
    }
    let sidecar: Sidecar;
    try {
      sidecar = parseSidecar(sidecarText, rel, { content });
    } catch (err) {
      report.violations.push({ kind: 'malformed-sidecar', file, message: (err as Error).message });
      continue;
    }
    if (sidecar.blob !== gitBlobId(content)) {
      report.violations.push({ kind: 'stale-provenance', file, message: `${rel} describes content ${sidecar.blob.slice(0, 8)}, but ${file} at HEAD is ${gitBlobId(content).slice(0, 8)}: export the sidecar again (commit through the aiprov hook or run aiprov export)` });
      continue;
    }
    evaluated.push({ file, content, sidecar });
  }

  const signed = evaluated.flatMap((e) => e.sidecar.signoffs.filter((s) => s.signature));
  const verification = policy.requireSignature && signed.length ? await verifySignOffs(signed, signersText) : new Map();
  for (const { file, content, sidecar } of evaluated) {
    const spans = spansOf(sidecar);
    const reviews = evaluateSpans({ content, spans, signoffs: sidecar.signoffs, policy, signers, verified: (id) => verification.get(id)?.ok === true });
    reviews.forEach((review, i) => {
      if (review.state === 'not-required') return;
      report.spansChecked++;
      if (review.state === 'approved') {
        report.spansApproved++;
        return;
      }
      const range = sidecar.spans[i].ranges;
      const startLine = range[0].startLine;
      const endLine = range[range.length - 1].endLine;
      const kind: ViolationKind = review.state === 'stale' ? 'stale-signoff' : review.state === 'changes-requested' ? 'changes-requested' : 'unreviewed';
      const what = review.state === 'stale' ? 'has only stale sign-offs' : review.state === 'changes-requested' ? 'has changes requested' : 'lacks a valid senior sign-off';
      const why = review.problems.length ? ` (${review.problems.join('; ')})` : '';
      report.violations.push({ kind, file, startLine, endLine, spanId: review.spanId, message: `AI span at ${file}:${startLine}-${endLine} (${sidecar.spans[i].tool ?? sidecar.spans[i].origin}) ${what}${why}` });
    });
  }
  return report;
}
