// Applies the policy to one file's spans and sign-offs: each span is not-required, unreviewed,
// approved, stale or changes-requested, with the reasons a record did not count.
import type { AiSpan, SignOff } from '../model';
import { isSenior, type AllowedSigner } from './allowedSigners';
import { policyCovers, type Policy } from './policy';
import { isStale } from './records';

export type SpanReviewState = 'not-required' | 'unreviewed' | 'approved' | 'stale' | 'changes-requested';

export interface SpanReview {
  spanId: string;
  state: SpanReviewState;
  /** Sign-offs that count toward the policy. */
  approvals: SignOff[];
  /** Reviews recorded by people who are not seniors (shown, never counted). */
  nonSenior: SignOff[];
  problems: string[];
}

export interface EvaluationInput {
  content: string;
  spans: readonly AiSpan[];
  signoffs: readonly SignOff[];
  policy: Policy;
  signers: readonly AllowedSigner[];
  /** Whether a record's signature verified; only consulted when the policy requires signatures. */
  verified?: (signoffId: string) => boolean;
}

export function evaluateSpans(input: EvaluationInput): SpanReview[] {
  const staleById = new Map(input.signoffs.map((s) => [s.id, isStale(s, input.content, input.spans)]));
  return input.spans.map((span) => {
    const review: SpanReview = { spanId: span.id, state: 'unreviewed', approvals: [], nonSenior: [], problems: [] };
    if (!policyCovers(input.policy, span.attribution.origin, span.attribution.confidence)) {
      review.state = 'not-required';
      return review;
    }
    // The latest decision of each reviewer on this span wins (a revocation withdraws theirs).
    const latest = new Map<string, SignOff>();
    for (const s of [...input.signoffs].filter((s) => s.spans.includes(span.id)).sort((a, b) => a.at.localeCompare(b.at))) {
      latest.set(s.reviewer.email.toLowerCase(), s);
    }
    let stale = 0;
    let changesRequested = false;
    for (const s of latest.values()) {
      if (s.decision === 'revoked') continue;
      const who = s.reviewer.email;
      if (staleById.get(s.id)) {
        stale++;
        review.problems.push(`sign-off by ${who} is stale: the text changed since ${s.at}`);
        continue;
      }
      if (!isSenior(who, input.signers)) {
        review.nonSenior.push(s);
        review.problems.push(`${who} is not in .aiprov/allowed_signers: the review does not count`);
        continue;
      }
      if (s.decision === 'changes-requested') {
        changesRequested = true;
        continue;
      }
      if (input.policy.forbidSelfSignOff && span.attribution.author && span.attribution.author.toLowerCase() === who.toLowerCase()) {
        review.problems.push(`${who} accepted this span and may not sign it off (self-sign-off is forbidden)`);
        continue;
      }
      if (input.policy.requireSignature && !(s.signature && input.verified?.(s.id))) {
        review.problems.push(`sign-off by ${who} ${s.signature ? 'has a signature that does not verify' : 'is not signed'}, and the policy requires signatures`);
        continue;
      }
      review.approvals.push(s);
    }
    if (changesRequested) review.state = 'changes-requested';
    else if (review.approvals.length >= input.policy.minSeniors) review.state = 'approved';
    else if (stale > 0) review.state = 'stale';
    return review;
  });
}
