// AI-written text that turns up again where it is not recorded as AI: code a person moved or
// copied from an AI span into other text. Lines are compared trimmed; a run of consecutive
// matching lines counts once it holds MOVED_CODE_MIN_CHARS non-blank characters, so a lone `}` or
// a common import never does. verify reports such runs; the commit hook records them as AI.
import type { AiSpan, Attribution } from '../model';
import { lineIndexAt, lineStarts } from '../text/lines';

export const MOVED_CODE_MIN_CHARS = 40;

export interface AiLineSource {
  file: string;
  attribution: Attribution;
}

export interface MovedRun {
  /** 0-based first and last line of the run in the target text. */
  first: number;
  last: number;
  /** Character range of the run: first non-blank character to the end of the last line's text. */
  start: number;
  end: number;
  source: AiLineSource;
}

export const nonBlankLength = (s: string) => s.replace(/\s+/g, '').length;

interface LineEntry {
  source: AiLineSource;
  /** The span the line belongs to, and its place among that span's lines. */
  span: string;
  ordinal: number;
}

/** Collects the trimmed text of every line an AI span touches, with where it was recorded. */
export class AiLineIndex {
  private readonly lines = new Map<string, LineEntry[]>();
  private count = 0;

  add(file: string, content: string, spans: readonly AiSpan[]): void {
    const starts = lineStarts(content);
    for (const span of spans) {
      const key = `${file}\0${span.id}`;
      let ordinal = 0;
      const seen = new Set<number>();
      for (const r of span.ranges) {
        for (let line = lineIndexAt(starts, r.start); line < starts.length && starts[line] < r.end; line++) {
          if (seen.has(line)) continue;
          seen.add(line);
          const text = content.slice(starts[line], starts[line + 1] ?? content.length).trim();
          if (nonBlankLength(text) === 0) continue;
          const entries = this.lines.get(text) ?? [];
          entries.push({ source: { file, attribution: span.attribution }, span: key, ordinal: ordinal++ });
          this.lines.set(text, entries);
          this.count++;
        }
      }
    }
  }

  get(text: string): readonly LineEntry[] {
    return this.lines.get(text) ?? [];
  }

  get size(): number {
    return this.count;
  }
}

/**
 * Runs of lines of `content` that repeat consecutive AI lines of one span in `index`, are new (not
 * among `oldLines`, the trimmed lines the file had before) and hold no AI text yet (`isAiLine`).
 */
export function findMovedRuns(
  content: string,
  index: AiLineIndex,
  isAiLine: (line: number) => boolean,
  oldLines?: ReadonlySet<string>,
): MovedRun[] {
  const runs: MovedRun[] = [];
  if (index.size === 0) return runs;
  const starts = lineStarts(content);
  const lineText = (line: number) => content.slice(starts[line], starts[line + 1] ?? content.length);
  // The run so far, with the span lines it can still be a copy of.
  let run: { first: number; last: number; chars: number; at: LineEntry[] } | undefined;
  const flush = () => {
    if (run && run.chars >= MOVED_CODE_MIN_CHARS) {
      const firstText = lineText(run.first);
      const lastText = lineText(run.last);
      const start = starts[run.first] + (firstText.length - firstText.trimStart().length);
      const end = starts[run.last] + lastText.trimEnd().length;
      runs.push({ first: run.first, last: run.last, start, end, source: run.at[0].source });
    }
    run = undefined;
  };
  for (let line = 0; line < starts.length; line++) {
    const text = lineText(line).trim();
    const chars = nonBlankLength(text);
    if (chars === 0) continue;
    const entries = oldLines?.has(text) || isAiLine(line) ? [] : index.get(text);
    const next = run ? entries.filter((e) => run!.at.some((a) => a.span === e.span && a.ordinal + 1 === e.ordinal)) : [];
    if (run && next.length) {
      run.last = line;
      run.chars += chars;
      run.at = next;
      continue;
    }
    flush();
    if (entries.length) run = { first: line, last: line, chars, at: [...entries] };
  }
  flush();
  return runs;
}
