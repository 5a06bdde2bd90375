// Per-document AI span tracking. Every character is either human or owned by one span; a span's
// ranges are exactly the maximal runs of characters it owns. Edits move characters the way the
// editor does, so highlights, digests and sign-offs follow the text.
import { v7 as uuidv7 } from 'uuid';
import type { AiSpan, Attribution, CharRange, TextEdit } from '../model';
import { RunList, type Run } from './runList';

interface SpanMeta {
  attribution: Attribution;
  acceptedLength: number;
}

/** A span that lost its last character. */
export interface VanishedSpan extends SpanMeta {
  id: string;
}

export class SpanTracker {
  private readonly runs: RunList;
  private readonly meta = new Map<string, SpanMeta>();
  private changes = 0;

  constructor(initial: readonly AiSpan[] = []) {
    const runs: Run[] = [];
    for (const span of initial) {
      this.meta.set(span.id, { attribution: span.attribution, acceptedLength: span.acceptedLength });
      for (const r of span.ranges) if (r.end > r.start) runs.push({ start: r.start, end: r.end, owner: span.id });
    }
    runs.sort((a, b) => a.start - b.start);
    for (let i = 1; i < runs.length; i++) {
      if (runs[i].start < runs[i - 1].end) throw new Error(`overlapping spans ${runs[i - 1].owner} and ${runs[i].owner}`);
    }
    this.runs = new RunList(mergeTouching(runs));
  }

  /** Number of spans. */
  get size(): number {
    return this.meta.size;
  }

  /** Increments on every change: a cheap "did anything change" check for callers. */
  get version(): number {
    return this.changes;
  }

  /**
   * One change event's edits, all in pre-event coordinates and non-overlapping, in any order.
   * Inserted characters are human. Returns the spans that lost their last character.
   */
  applyEdits(edits: readonly TextEdit[]): VanishedSpan[] {
    const vanished: VanishedSpan[] = [];
    if (edits.length === 1) {
      this.replace(edits[0], undefined, vanished);
      return vanished;
    }
    // Last edit first, so each edit's offsets are still valid when it is applied.
    const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.offset - a.e.offset || b.i - a.i);
    for (const { e } of ordered) this.replace(e, undefined, vanished);
    return vanished;
  }

  /** Applies an edit whose inserted text is AI-written, as a new span. */
  applyAiEdit(edit: TextEdit, attribution: Attribution, id: string = uuidv7()): AiSpan | undefined {
    if (edit.text.length === 0) {
      this.replace(edit, undefined);
      return undefined;
    }
    this.meta.set(id, { attribution, acceptedLength: edit.text.length });
    this.replace(edit, id);
    return this.span(id);
  }

  /** Marks existing text as AI-written; characters of other spans in the range move to this one. */
  markAi(range: CharRange, attribution: Attribution, id: string = uuidv7(), acceptedLength?: number): AiSpan | undefined {
    const length = range.end - range.start;
    if (length <= 0) return undefined;
    const existing = this.meta.get(id);
    this.meta.set(id, { attribution, acceptedLength: acceptedLength ?? existing?.acceptedLength ?? length });
    this.forget(this.runs.replace(range.start, length, length, id), []);
    this.changes++;
    return this.span(id);
  }

  /** The span's characters become human. */
  removeSpan(id: string): boolean {
    if (!this.meta.delete(id)) return false;
    this.runs.removeOwner(id);
    this.changes++;
    return true;
  }

  /** All spans, sorted by their first character. */
  spans(): AiSpan[] {
    return this.group(this.runs.toArray());
  }

  span(id: string): AiSpan | undefined {
    if (!this.meta.has(id) || !this.runs.hasOwner(id)) return undefined;
    return this.group(this.runs.toArray().filter((r) => r.owner === id))[0];
  }

  /** The span owning the character at `offset`. */
  spanAt(offset: number): AiSpan | undefined {
    const run = this.runs.runAt(offset);
    return run && this.span(run.owner);
  }

  /** Spans with any character inside `range`. */
  spansIn(range: CharRange): AiSpan[] {
    const owners = new Set(this.runs.runsIn(range.start, range.end).map((r) => r.owner));
    if (owners.size === 0) return [];
    return this.group(this.runs.toArray().filter((r) => owners.has(r.owner)));
  }

  private replace(edit: TextEdit, owner: string | undefined, vanished: VanishedSpan[] = []): void {
    if (edit.deleteLength === 0 && edit.text.length === 0) return;
    this.forget(this.runs.replace(edit.offset, edit.deleteLength, edit.text.length, owner), vanished);
    this.changes++;
  }

  /** A span whose last character was deleted is gone. */
  private forget(emptied: string[], vanished: VanishedSpan[]): void {
    for (const id of emptied) {
      const meta = this.meta.get(id);
      if (!meta) continue;
      this.meta.delete(id);
      vanished.push({ id, ...meta });
    }
  }

  private group(runs: Run[]): AiSpan[] {
    const byId = new Map<string, CharRange[]>();
    for (const r of runs) {
      let ranges = byId.get(r.owner);
      if (!ranges) byId.set(r.owner, (ranges = []));
      ranges.push({ start: r.start, end: r.end });
    }
    const spans: AiSpan[] = [];
    for (const [id, ranges] of byId) {
      const meta = this.meta.get(id);
      if (!meta) continue;
      spans.push({ id, attribution: meta.attribution, ranges, acceptedLength: meta.acceptedLength });
    }
    return spans;
  }
}

function mergeTouching(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.owner === r.owner && last.end === r.start) last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}

/** The span's extent: first character to last, including human text typed inside it. */
export function spanExtent(span: AiSpan): CharRange {
  return { start: span.ranges[0].start, end: span.ranges[span.ranges.length - 1].end };
}

export function aiCharCount(span: AiSpan): number {
  let n = 0;
  for (const r of span.ranges) n += r.end - r.start;
  return n;
}

/** Share of the span a human has changed: 1 - aiChars / max(acceptedLength, extentLength). */
export function humanEditedShare(span: AiSpan): number {
  const extent = spanExtent(span);
  const denominator = Math.max(span.acceptedLength, extent.end - extent.start);
  if (denominator <= 0) return 0;
  return Math.min(1, Math.max(0, 1 - aiCharCount(span) / denominator));
}
