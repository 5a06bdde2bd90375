// Applies the policy to one file's spans and sign-offs: each span is not-required, unreviewed,
// approved, stale or changes-requested, with the reasons a record did not count.
//
// A record takes part only when it binds to this file and span (bindingProblem) and, when the
// policy requires signatures, its signature verified for its reviewer against the target branch's
// allowed_signers. Records that do not take part cannot supersede ones that do: a forged later
// record can never withdraw a senior's changes-requested or revocation.
import type { AiSpan, SignOff } from '../model';
import { isSenior, keyIsListedFor, type AllowedSigner } from './allowedSigners';
import { missingChecklist, policyCovers, type Policy } from './policy';
import { bindingProblem, isStale, signOffKey } from './records';
import type { VerifyOutcome } from './ssh';

export type SpanReviewState = 'not-required' | 'unreviewed' | 'approved' | 'stale' | 'changes-requested';

export interface SpanReview {
  spanId: string;
  state: SpanReviewState;
  /** Sign-offs that count toward the policy. */
  approvals: SignOff[];
  /** Reviews that do not count: not a senior, unsigned or a bad signature, or not bound to this span. */
  nonSenior: SignOff[];
  problems: string[];
}

export interface EvaluationInput {
  /** Repository path of the file the spans belong to. */
  file: string;
  content: string;
  spans: readonly AiSpan[];
  signoffs: readonly SignOff[];
  policy: Policy;
  signers: readonly AllowedSigner[];
  /** Signature outcomes by `signOffKey` (see verifySignOffs); needed when the policy requires signatures. */
  verification?: ReadonlyMap<string, VerifyOutcome>;
}

interface Participant {
  record: SignOff;
  /** Who counts as one senior: the signing key when signatures are required, else the email. */
  identity: string;
}

export function evaluateSpans(input: EvaluationInput): SpanReview[] {
  const { policy } = input;
  const staleByRecord = new Map<SignOff, boolean>();
  const stale = (s: SignOff) => {
    let v = staleByRecord.get(s);
    if (v === undefined) staleByRecord.set(s, (v = isStale(s, input.content, input.spans)));
    return v;
  };
  return input.spans.map((span) => {
    const review: SpanReview = { spanId: span.id, state: 'unreviewed', approvals: [], nonSenior: [], problems: [] };
    if (!policyCovers(policy, span.attribution.origin, span.attribution.confidence)) {
      review.state = 'not-required';
      return review;
    }
    const participants: Participant[] = [];
    for (const s of input.signoffs) {
      if (!s.spans.includes(span.id)) continue;
      const who = s.reviewer.email;
      const binding = bindingProblem(s, input.file, span);
      const legacyAllowed = !policy.requireSignature && s.file === undefined && s.covers === undefined;
      if (binding && !legacyAllowed) {
        review.nonSenior.push(s);
        review.problems.push(`${s.decision} by ${who} does not count: ${binding}`);
        continue;
      }
      if (policy.requireSignature) {
        const outcome = input.verification?.get(signOffKey(s));
        if (!outcome?.ok) {
          review.nonSenior.push(s);
          const why = !s.signature ? 'it is not signed' : (outcome?.reason ?? 'its signature was not checked');
          review.problems.push(
            `${s.decision} by ${who} does not count: ${why} (a senior's SSH signature listed in .aiprov/allowed_signers is required)`,
          );
          continue;
        }
        participants.push({ record: s, identity: outcome.fingerprint ?? who.toLowerCase() });
      } else {
        if (!isSenior(who, input.signers)) {
          review.nonSenior.push(s);
          review.problems.push(`${who} is not in .aiprov/allowed_signers: the review does not count`);
          continue;
        }
        participants.push({ record: s, identity: who.toLowerCase() });
      }
    }

    // The latest decision of each reviewer on this span wins (a revocation withdraws theirs).
    const latest = new Map<string, Participant>();
    const ordered = participants.sort(
      (a, b) => a.record.at.localeCompare(b.record.at) || signOffKey(a.record).localeCompare(signOffKey(b.record)),
    );
    for (const p of ordered) latest.set(p.record.reviewer.email.toLowerCase(), p);

    let staleCount = 0;
    let changesRequested = false;
    const approvingIdentities = new Set<string>();
    for (const { record: s, identity } of latest.values()) {
      if (s.decision === 'revoked') continue;
      const who = s.reviewer.email;
      if (stale(s)) {
        staleCount++;
        review.problems.push(`sign-off by ${who} is stale: the text changed since ${s.at}`);
        continue;
      }
      if (s.decision === 'changes-requested') {
        changesRequested = true;
        continue;
      }
      const author = span.attribution.author;
      if (policy.forbidSelfSignOff && author && author.toLowerCase() === who.toLowerCase()) {
        review.problems.push(`${who} accepted this span and may not sign it off (self-sign-off is forbidden)`);
        continue;
      }
      // The same person under another of their key's principals is still the author.
      if (policy.forbidSelfSignOff && author && policy.requireSignature && keyIsListedFor(identity, author, input.signers)) {
        review.problems.push(
          `sign-off by ${who} is signed with a key allowed_signers also lists for ${author}, who accepted this span (self-sign-off is forbidden)`,
        );
        continue;
      }
      const unconfirmed = missingChecklist(policy, s.checklist);
      if (unconfirmed.length) {
        review.problems.push(`sign-off by ${who} does not confirm the policy's checklist: ${unconfirmed.map((c) => c.id).join(', ')}`);
        continue;
      }
      if (approvingIdentities.has(identity)) {
        review.problems.push(`sign-off by ${who} uses a key that already approved this span: one key is one senior`);
        continue;
      }
      approvingIdentities.add(identity);
      review.approvals.push(s);
    }
    if (changesRequested) review.state = 'changes-requested';
    else if (review.approvals.length >= policy.minSeniors) review.state = 'approved';
    else if (staleCount > 0) review.state = 'stale';
    if (review.state === 'unreviewed' && review.approvals.length > 0) {
      review.problems.push(`${review.approvals.length} of ${policy.minSeniors} required senior sign-offs`);
    }
    return review;
  });
}
