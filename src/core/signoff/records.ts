// Sign-off records: bound to the exact text they covered, so any edit of that text stales them.
import { v7 as uuidv7 } from 'uuid';
import { coveredTextDigest } from '../digest';
import { canonicalJsonCompact } from '../format';
import type { AiSpan, Decision, Reviewer, SignOff } from '../model';

export interface NewSignOff {
  reviewer: Reviewer;
  spans: readonly AiSpan[];
  content: string;
  decision: Decision;
  note?: string;
  checklist?: readonly string[];
  now?: Date;
  id?: string;
}

export function createSignOff(input: NewSignOff): SignOff {
  return {
    id: input.id ?? uuidv7(),
    reviewer: { ...input.reviewer },
    at: (input.now ?? new Date()).toISOString(),
    spans: input.spans.map((s) => s.id).sort(),
    digest: coveredTextDigest(input.content, input.spans),
    decision: input.decision,
    ...(input.note && { note: input.note }),
    ...(input.checklist && input.checklist.length > 0 && { checklist: [...input.checklist].sort() }),
  };
}

/** The bytes a signature covers: the record in canonical JSON, without its signature. */
export function signOffCanonicalBytes(signoff: SignOff): string {
  const { signature: _signature, ...unsigned } = signoff;
  return canonicalJsonCompact(unsigned);
}

/** Stale when a covered span is gone or its text changed since; moving it is not a change. */
export function isStale(signoff: SignOff, content: string, currentSpans: readonly AiSpan[]): boolean {
  const byId = new Map(currentSpans.map((s) => [s.id, s]));
  const covered: AiSpan[] = [];
  for (const id of signoff.spans) {
    const span = byId.get(id);
    if (!span) return true;
    covered.push(span);
  }
  return coveredTextDigest(content, covered) !== signoff.digest;
}
