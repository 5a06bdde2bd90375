// The shared vocabulary of aiprov: what an AI span is, how sure we are, and who signed off.
// Pure data types only; the extension, the CLI and the sidecar format all speak these.

/** How the text arrived. Values are stored in sidecars: never rename one, only add. */
export const ORIGINS = [
  'inlineCompletion', // ghost text accepted whole (Tab)
  'partialInlineCompletion', // ghost text accepted word by word or line by line
  'chatInsert', // chat "Insert at Cursor" and similar bulk inserts
  'chatApply', // chat/agent "Apply", inline chat, edit and agent modes
  'externalAgent', // a CLI agent writing the file on disk (Claude Code, Codex, ...)
  'heuristic', // no deterministic signal, inferred from the shape of the edit
  'imported', // read from another tool's record (Agent Trace, git-ai notes)
] as const;
export type Origin = (typeof ORIGINS)[number];

export const CONFIDENCES = ['certain', 'likely'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Who and what produced one AI insertion. Shared by every range of that insertion. */
export interface Attribution {
  readonly origin: Origin;
  readonly confidence: Confidence;
  /** Display name or extension id of the tool ("GitHub Copilot", "claude-code"). */
  readonly tool?: string;
  /** Model id as the provider names it ("gpt-4.1", "fake-model"). */
  readonly model?: string;
  /** Who serves the model, when the host says ("copilot", "customendpoint"). */
  readonly modelProvider?: string;
  readonly sessionId?: string;
  /** Person who accepted it: git user.email of the workspace where known. */
  readonly author?: string;
  /** ISO-8601 UTC time of capture. */
  readonly capturedAt: string;
}

/**
 * The attribution fields a sign-off binds and a change may not alter for text it keeps (capture
 * time and session are bookkeeping, not who or what wrote it).
 */
export const BOUND_ATTRIBUTION_KEYS = ['origin', 'confidence', 'tool', 'model', 'author'] as const;

/** A half-open character range [start, end) in UTF-16 code units of the document text. */
export interface CharRange {
  readonly start: number;
  readonly end: number;
}

/**
 * One AI insertion as a reviewer sees it: an id, its attribution, and the characters of the
 * document that are still AI-written. Human typing inside it splits it into several ranges;
 * deleting all of it removes it.
 */
export interface AiSpan {
  readonly id: string;
  readonly attribution: Attribution;
  /** Sorted, non-overlapping, non-adjacent, non-empty ranges. */
  readonly ranges: readonly CharRange[];
  /** Characters inserted when it was accepted; with the surviving length this gives the human-edited share. */
  readonly acceptedLength: number;
}

/** One text replacement, in the coordinates of the document *before* this edit. */
export interface TextEdit {
  readonly offset: number;
  readonly deleteLength: number;
  readonly text: string;
}

/** 'revoked' withdraws the same reviewer's earlier decision on those spans. */
export const DECISIONS = ['approved', 'changes-requested', 'revoked'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Reviewer {
  readonly name?: string;
  readonly email: string;
}

/**
 * What a sign-off says about one span it covers, so the signature binds the span's exact text and
 * its attribution: relabelling the span, or copying the record onto other text, breaks the binding.
 */
export interface CoveredSpan {
  readonly span: string;
  /** sha256 of the span's extent text (the sidecar span's `sha256`). */
  readonly sha256: string;
  readonly origin: Origin;
  readonly confidence: Confidence;
  readonly tool?: string;
  readonly model?: string;
  readonly author?: string;
}

/** A reviewer's decision over some spans, bound to the exact text they covered. */
export interface SignOff {
  readonly id: string;
  readonly reviewer: Reviewer;
  /** ISO-8601 UTC. */
  readonly at: string;
  /** Ids of the spans covered. */
  readonly spans: readonly string[];
  /** sha256 (hex) of the covered text, see `coveredTextDigest`. */
  readonly digest: string;
  readonly decision: Decision;
  readonly note?: string;
  /** Checklist items the reviewer confirmed, by policy key ("tests", "rollback"). */
  readonly checklist?: readonly string[];
  /** Repository path of the file the decision is about (signed: a copy in another file does not count). */
  readonly file?: string;
  /** Each covered span's text digest and attribution at the time of the decision (signed). */
  readonly covers?: readonly CoveredSpan[];
  /** `ssh-keygen -Y sign -n aiprov` armored signature over the record's canonical bytes. */
  readonly signature?: string;
}
