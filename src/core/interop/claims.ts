// What other tools' records say, reduced to whole-line AI claims, and how claims become spans of a
// file's text. Line formats (Agent Trace, git-ai) cannot say which characters of a line are AI, so
// a claimed line is AI from its first character through its line break.
import { sha256Hex } from '../digest';
import type { AiSpan, Confidence, Origin } from '../model';
import { lineStarts } from '../text/lines';

export interface LineClaim {
  path: string;
  /** Claims with the same group become one span (one conversation, one git-ai entry). */
  group: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  tool: string;
  model?: string;
  confidence: Confidence;
  sessionId?: string;
  /** Our own origin when the record came from aiprov; otherwise 'imported'. */
  origin?: Origin;
  author?: string;
  capturedAt?: string;
  /** The record's hash of these lines (Agent Trace `content_hash`), checked when it is sha256. */
  contentHash?: string;
}

/** Number of lines of `content` as editors count them (a final line break ends the last line). */
export function lineCount(content: string, starts: readonly number[] = lineStarts(content)): number {
  return content.length === 0 ? 0 : content.endsWith('\n') ? starts.length - 1 : starts.length;
}

/** One span per claim group, covering whole lines of `content`. */
export function claimsToSpans(
  content: string,
  claims: readonly LineClaim[],
  now: Date,
  newId: () => string,
): { spans: AiSpan[]; problems: string[]; warnings: string[] } {
  const starts = lineStarts(content);
  const lines = lineCount(content, starts);
  const groups = new Map<string, { first: LineClaim; ranges: Array<{ start: number; end: number }> }>();
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const c of claims) {
    if (c.endLine > lines) {
      problems.push(`${c.path}: lines ${c.startLine}-${c.endLine} are past the end of the file (${lines} lines)`);
      continue;
    }
    const start = starts[c.startLine - 1];
    const end = c.endLine < starts.length ? starts[c.endLine] : content.length;
    if (end <= start) continue;
    if (!hashMatches(c.contentHash, content.slice(start, end)))
      warnings.push(`${c.path}: lines ${c.startLine}-${c.endLine} do not match the record's content_hash; imported by line number`);
    const group = groups.get(c.group) ?? { first: c, ranges: [] };
    group.ranges.push({ start, end });
    groups.set(c.group, group);
  }
  const spans: AiSpan[] = [];
  // Records repeat one capture time across their conversations: each distinct value is read once.
  const times = new Map<unknown, string | undefined>();
  const capturedAt = (value: unknown) => {
    if (!times.has(value)) times.set(value, isoTime(value));
    return times.get(value);
  };
  for (const { first: c, ranges } of groups.values()) {
    const merged = mergeRanges(ranges);
    spans.push({
      id: newId(),
      // Records are input: only well-formed values reach the live store, whose reader is strict.
      attribution: {
        origin: c.origin ?? 'imported',
        confidence: c.confidence,
        tool: text(c.tool) ?? 'unknown tool',
        capturedAt: capturedAt(c.capturedAt) ?? now.toISOString(),
        ...(text(c.model) && { model: text(c.model) }),
        ...(text(c.sessionId) && { sessionId: text(c.sessionId) }),
        ...(text(c.author) && { author: text(c.author) }),
      },
      ranges: merged,
      acceptedLength: merged.reduce((n, r) => n + r.end - r.start, 0),
    });
  }
  return { spans, problems, warnings };
}

/** Other hash algorithms (murmur3, …) cannot be checked and pass; sha256 is taken with or without the final line break. */
function hashMatches(hash: string | undefined, text: string): boolean {
  // Checked by prefix and length, not a regular expression: records carry thousands of ranges.
  if (hash?.length !== SHA256_PREFIX.length + 64 || hash.slice(0, SHA256_PREFIX.length).toLowerCase() !== SHA256_PREFIX) return true;
  const want = hash.slice(SHA256_PREFIX.length).toLowerCase();
  return sha256Hex(text) === want || sha256Hex(text.replace(/\r?\n$/, '')) === want;
}

const SHA256_PREFIX = 'sha256:';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** An ISO-8601 UTC time as sidecars store it, or undefined. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) || Number.isNaN(Date.parse(value)))
    return undefined;
  return new Date(value).toISOString();
}

/** Sorted, with overlapping and touching ranges joined (a span's ranges never touch). */
function mergeRanges(ranges: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** "1-3,7" style line sets, as git-ai writes them, from sorted 1-based lines. */
export function lineRuns(lines: readonly number[]): Array<{ startLine: number; endLine: number }> {
  const runs: Array<{ startLine: number; endLine: number }> = [];
  for (const l of lines) {
    const last = runs[runs.length - 1];
    if (last && l === last.endLine + 1) last.endLine = l;
    else runs.push({ startLine: l, endLine: l });
  }
  return runs;
}
