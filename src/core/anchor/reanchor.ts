// Moves spans recorded against old content onto new content. The edits come from the diff and the
// characters move through the span tracker, so one mechanism defines how text carries spans.
import type { AiSpan } from '../model';
import { SpanTracker } from '../spans/tracker';
import { diffToEdits, type ReanchorLimits } from './diffEdits';
import { eolOnlyMapping, mapSpansThrough } from './eolMapping';

export interface DroppedSpan {
  id: string;
  reason: string;
}

export interface ReanchorResult {
  spans: AiSpan[];
  dropped: DroppedSpan[];
  /** Set when the texts could not be compared within the limits; every span is then dropped. */
  couldNotReanchor?: string;
}

export function reanchorSpans(oldText: string, newText: string, spans: readonly AiSpan[], limits?: ReanchorLimits): ReanchorResult {
  if (spans.length === 0) return { spans: [], dropped: [] };
  const tooLong = spans.find((s) => s.ranges.some((r) => r.end > oldText.length));
  if (tooLong) {
    const reason = `span ${tooLong.id} reaches past the end of the content it was recorded against`;
    return { spans: [], dropped: spans.map((s) => ({ id: s.id, reason })), couldNotReanchor: reason };
  }
  const eol = eolOnlyMapping(oldText, newText);
  if (eol) return { spans: mapSpansThrough(spans, eol), dropped: [] };
  const result = diffToEdits(oldText, newText, limits);
  if (!result.ok) return { spans: [], dropped: spans.map((s) => ({ id: s.id, reason: result.reason })), couldNotReanchor: result.reason };
  const tracker = new SpanTracker(spans);
  tracker.applyEdits(result.edits);
  const survivors = tracker.spans();
  const alive = new Set(survivors.map((s) => s.id));
  const dropped = spans.filter((s) => !alive.has(s.id)).map((s) => ({ id: s.id, reason: 'all its text was deleted or rewritten' }));
  return { spans: survivors, dropped };
}
