// Moves spans recorded against old content onto new content. The edits come from the diff and the
// characters move through the span tracker, so one mechanism defines how text carries spans.
import type { AiSpan } from '../model';
import { SpanTracker } from '../spans/tracker';
import { lineIndexAt, lineStarts } from '../text/lines';
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

export type LineMapResult = { ok: true; map: (oldLine: number) => number | undefined } | { ok: false; reason: string };

/** Maps 0-based lines of oldText to newText; undefined for lines that were changed or deleted. */
export function mapLines(oldText: string, newText: string, limits?: ReanchorLimits): LineMapResult {
  const result = diffToEdits(oldText, newText, limits);
  if (!result.ok) return result;
  // Each old line becomes a one-character "span"; a line survives when its whole text survived.
  const oldStarts = lineStarts(oldText);
  const newStarts = lineStarts(newText);
  const changedOld = new Set<number>();
  const lineOf = lineIndexAt;
  // Shift of each unchanged old line = inserted - deleted before it.
  const shifts: Array<{ at: number; shift: number }> = [];
  let shift = 0;
  for (const e of result.edits) {
    const first = lineOf(oldStarts, e.offset);
    if (e.deleteLength > 0) {
      const last = lineOf(oldStarts, e.offset + e.deleteLength - 1);
      for (let l = first; l <= last; l++) changedOld.add(l);
    } else if (e.offset > oldStarts[first]) {
      // An insertion inside a line changes it; one at a line start only pushes it down.
      changedOld.add(first);
    }
    shift += e.text.length - e.deleteLength;
    shifts.push({ at: e.offset + e.deleteLength, shift });
  }
  return {
    ok: true,
    map: (oldLine) => {
      if (oldLine < 0 || oldLine >= oldStarts.length || changedOld.has(oldLine)) return undefined;
      const start = oldStarts[oldLine];
      let s = 0;
      for (const entry of shifts) {
        if (entry.at <= start) s = entry.shift;
        else break;
      }
      return lineOf(newStarts, start + s);
    },
  };
}
