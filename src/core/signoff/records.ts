// Sign-off records: bound to the file, the exact text and the attribution of every span they
// cover, so any edit of that text stales them and a copy onto other text or another file does not
// count. A signature covers all of it (the record's canonical bytes).
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { coveredTextDigest, spanDigest } from '../digest';
import { canonicalJsonCompact } from '../format/canonicalJson';
import { BOUND_ATTRIBUTION_KEYS, type AiSpan, type CoveredSpan, type Decision, type Reviewer, type SignOff } from '../model';

export interface NewSignOff {
  reviewer: Reviewer;
  /** Repository path of the file (forward slashes). */
  file: string;
  spans: readonly AiSpan[];
  content: string;
  decision: Decision;
  note?: string;
  checklist?: readonly string[];
  now?: Date;
  id?: string;
}

/** What a record states about one span: its exact-text digest and its attribution. */
export function coveredSpan(content: string, span: AiSpan): CoveredSpan {
  const a = span.attribution;
  return {
    span: span.id,
    sha256: spanDigest(content, span),
    origin: a.origin,
    confidence: a.confidence,
    ...(a.tool !== undefined && { tool: a.tool }),
    ...(a.model !== undefined && { model: a.model }),
    ...(a.author !== undefined && { author: a.author }),
  };
}

export function createSignOff(input: NewSignOff): SignOff {
  const spans = [...input.spans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    id: input.id ?? uuidv7(),
    reviewer: { ...input.reviewer },
    at: (input.now ?? new Date()).toISOString(),
    file: input.file,
    spans: spans.map((s) => s.id),
    covers: spans.map((s) => coveredSpan(input.content, s)),
    digest: coveredTextDigest(input.content, spans),
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

/**
 * Identifies a record by what it says and its signature, never by its self-chosen `id`: two
 * records that share an id but differ in anything else have different keys.
 */
export function signOffKey(signoff: SignOff): string {
  return createHash('sha256')
    .update(signOffCanonicalBytes(signoff))
    .update('\0')
    .update(signoff.signature ?? '')
    .digest('hex');
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

/**
 * Why the record does not bind to this span in this file, or undefined when it does: a record for
 * another file, one without per-span coverage (written before records were bound), a span it does
 * not state, or attribution that changed since the decision.
 */
export function bindingProblem(signoff: SignOff, file: string, span: AiSpan): string | undefined {
  if (signoff.file === undefined || signoff.covers === undefined)
    return 'the record does not state the file and spans it covers (written by an older aiprov): sign off again';
  if (signoff.file !== file) return `the record is about ${signoff.file}, not ${file}`;
  const covered = signoff.covers.find((c) => c.span === span.id);
  if (!covered || !signoff.spans.includes(span.id)) return `the record does not cover span ${span.id}`;
  const a = span.attribution;
  for (const key of BOUND_ATTRIBUTION_KEYS) {
    if ((covered[key] ?? undefined) !== (a[key] ?? undefined)) {
      return `the span's ${key} is ${JSON.stringify(a[key] ?? null)} but was ${JSON.stringify(covered[key] ?? null)} when the decision was made`;
    }
  }
  return undefined;
}
