// Which whole lines each AI span accounts for, for the line-based formats we export (Agent Trace,
// git-ai). A line belongs to the span with most characters on it, so no line is claimed twice;
// a line is "mixed" when it also holds non-blank characters no AI span wrote.
import { lineIndexAt, lineStarts } from '../text/lines';

export interface SpanLines {
  /** Runs of consecutive owned lines, 1-based inclusive; a run never mixes ai and mixed lines. */
  runs: Array<{ startLine: number; endLine: number; mixed: boolean }>;
}

export function attributeLines(
  content: string,
  spans: ReadonlyArray<{ ranges: ReadonlyArray<{ start: number; end: number }> }>,
): SpanLines[] {
  const starts = lineStarts(content);
  const covered = new Uint8Array(content.length);
  const owner = new Map<number, { span: number; chars: number }>();
  const lineEnd = (line: number) => (line + 1 < starts.length ? starts[line + 1] : content.length);
  spans.forEach((span, i) => {
    const perLine = new Map<number, number>();
    for (const r of span.ranges) {
      covered.fill(1, r.start, r.end);
      for (let line = lineIndexAt(starts, r.start); line < starts.length && starts[line] < r.end; line++) {
        const from = Math.max(r.start, starts[line]);
        const to = Math.min(r.end, lineEnd(line), textEnd(content, starts[line], lineEnd(line)));
        if (to > from) perLine.set(line, (perLine.get(line) ?? 0) + to - from);
      }
    }
    for (const [line, chars] of perLine) {
      const best = owner.get(line);
      if (!best || chars > best.chars) owner.set(line, { span: i, chars });
    }
  });
  const result: SpanLines[] = spans.map(() => ({ runs: [] }));
  for (const line of [...owner.keys()].sort((a, b) => a - b)) {
    const end = lineEnd(line);
    let mixed = false;
    for (let at = starts[line]; at < end && !mixed; at++) mixed = covered[at] === 0 && !isBlank(content.charCodeAt(at));
    const runs = result[owner.get(line)!.span].runs;
    const last = runs[runs.length - 1];
    if (last && last.endLine === line && last.mixed === mixed) last.endLine = line + 1;
    else runs.push({ startLine: line + 1, endLine: line + 1, mixed });
  }
  return result;
}

/** End of a line's text, before its line break (LF or CRLF). */
function textEnd(content: string, start: number, end: number): number {
  let at = end;
  if (at > start && content.charCodeAt(at - 1) === 10) at--;
  if (at > start && content.charCodeAt(at - 1) === 13) at--;
  return at;
}

/** Space, tab and the other blanks that carry no authorship. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff;
}

/** The text of lines `startLine`..`endLine` (1-based, inclusive) with their line breaks. */
export function linesText(content: string, starts: readonly number[], startLine: number, endLine: number): string {
  return content.slice(starts[startLine - 1], endLine < starts.length ? starts[endLine] : content.length);
}
