// The committed provenance of files at given revisions, read in one `git cat-file --batch`: which
// AI span covers each line, and which spans the sidecar's sign-offs approve under the policy and
// seniors committed at that same revision.
import { gitBlobId } from '../digest';
import { parseSidecar, sidecarPathFor, spansOf, type Sidecar, type SidecarSpan } from '../format';
import { readObjects } from '../repo/git';
import { ALLOWED_SIGNERS_FILE, DEFAULT_POLICY, evaluateSpans, parseAllowedSigners, parsePolicy, POLICY_FILE, verifySignOffs, type AllowedSigner, type Policy } from '../signoff';
import { GitClock } from './gitClock';
import type { Approval } from './model';

export interface ProvenanceAt {
  hasSidecar: boolean;
  /** The span covering a 1-based line, when the sidecar describes this exact content. */
  spanAt(line: number): SidecarSpan | undefined;
  approvals: Approval[];
  problem?: string;
}

const NONE: ProvenanceAt = { hasSidecar: false, spanAt: () => undefined, approvals: [] };
const key = (rev: string, file: string) => `${rev}\0${file}`;

export async function provenanceAt(repoRoot: string, pairs: ReadonlyArray<{ rev: string; file: string }>, clock = new GitClock()): Promise<Map<string, ProvenanceAt>> {
  const revs = [...new Set(pairs.map((p) => p.rev))];
  const specs = [
    ...pairs.flatMap((p) => [`${p.rev}:${p.file}`, `${p.rev}:${sidecarPathFor(p.file)}`]),
    ...revs.flatMap((r) => [`${r}:${POLICY_FILE}`, `${r}:${ALLOWED_SIGNERS_FILE}`]),
  ];
  const objects = await clock.time(() => readObjects(repoRoot, specs));
  const policies = new Map<string, { policy: Policy; signers: AllowedSigner[]; signersText: string; problem?: string }>();
  const policyAt = (rev: string) => {
    let p = policies.get(rev);
    if (!p) {
      const signersText = objects.get(`${rev}:${ALLOWED_SIGNERS_FILE}`) ?? '';
      const policyText = objects.get(`${rev}:${POLICY_FILE}`);
      let policy = DEFAULT_POLICY;
      let problem: string | undefined;
      try {
        if (policyText !== undefined) policy = parsePolicy(policyText, `${POLICY_FILE} at ${rev.slice(0, 8)}`);
      } catch (err) {
        problem = `${(err as Error).message}; the default policy was used`;
      }
      p = { policy, signers: parseAllowedSigners(signersText).signers, signersText, problem };
      policies.set(rev, p);
    }
    return p;
  };

  const result = new Map<string, ProvenanceAt>();
  for (const { rev, file } of pairs) {
    if (result.has(key(rev, file))) continue;
    const content = objects.get(`${rev}:${file}`);
    const text = objects.get(`${rev}:${sidecarPathFor(file)}`);
    if (content === undefined || text === undefined) {
      result.set(key(rev, file), NONE);
      continue;
    }
    const where = `${sidecarPathFor(file)} at ${rev.slice(0, 8)}`;
    let sidecar: Sidecar;
    try {
      sidecar = parseSidecar(text, where, { content });
    } catch (err) {
      result.set(key(rev, file), { ...NONE, hasSidecar: true, problem: `${(err as Error).message}; its lines were counted as human` });
      continue;
    }
    if (sidecar.blob !== gitBlobId(content)) {
      result.set(key(rev, file), { ...NONE, hasSidecar: true, problem: `${where} describes other content than ${file} (${sidecar.blob.slice(0, 8)}); its lines were counted as human` });
      continue;
    }
    const { policy, signers, signersText, problem } = policyAt(rev);
    const signed = sidecar.signoffs.filter((s) => s.signature);
    const verification = policy.requireSignature && signed.length ? await verifySignOffs(signed, signersText) : new Map<string, { ok: boolean }>();
    const reviews = evaluateSpans({ content, spans: spansOf(sidecar), signoffs: sidecar.signoffs, policy, signers, verified: (id) => verification.get(id)?.ok === true });
    const approvals: Approval[] = [];
    for (const r of reviews) {
      if (r.state === 'approved') approvals.push({ spanId: r.spanId, file, reviewer: r.approvals[0].reviewer.email, at: r.approvals[0].at });
    }
    const byLine = new Map<number, SidecarSpan>();
    for (const span of sidecar.spans) for (const r of span.ranges) for (let l = r.startLine; l <= r.endLine; l++) if (!byLine.has(l)) byLine.set(l, span);
    result.set(key(rev, file), { hasSidecar: true, spanAt: (l) => byLine.get(l), approvals, problem });
  }
  return result;
}

export function provenanceKey(rev: string, file: string): string {
  return key(rev, file);
}
