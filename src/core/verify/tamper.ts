// Tamper evidence across a change: what was recorded at the base or in any commit of the change
// must still be recorded at HEAD wherever its text still is. Each earlier sidecar version is
// mapped onto HEAD through the file diff (the core re-anchoring); text moved or copied into
// another file stays AI; a reviewer's decision cannot disappear while the text it covers remains.
import { reanchorSpans } from '../anchor';
import { AiLineIndex, findMovedRuns, nonBlankLength as nonBlank } from '../anchor/movedCode';
import type { Sidecar } from '../format';
import { spansOf } from '../format';
import { BOUND_ATTRIBUTION_KEYS, type AiSpan, type Attribution } from '../model';
import { signOffKey } from '../signoff/records';
import { lineStarts, lineIndexAt } from '../text/lines';
import type { Violation } from './violations';

export interface HeadFile {
  content: string;
  spans: readonly AiSpan[];
  /** Keys of the sign-off records the HEAD sidecar holds. */
  recordKeys: ReadonlySet<string>;
  /** Whether the file is new or changed by the change (where moved AI code can land). */
  changed: boolean;
  /** Lines of the file at the base, to tell text the change added from text it kept. */
  baseLines?: ReadonlySet<string>;
}

export interface EarlierVersion {
  /** Commit the version was recorded in ("the base" for the merge base). */
  where: string;
  commit?: string;
  /** File path the sidecar describes at that point. */
  file: string;
  sidecar: Sidecar;
  /** The content the sidecar describes (its recorded blob). */
  content: string;
}

const ATTRIBUTION_KEYS = BOUND_ATTRIBUTION_KEYS;

function sameAttribution(a: Attribution, b: Attribution): boolean {
  return ATTRIBUTION_KEYS.every((k) => (a[k] ?? undefined) === (b[k] ?? undefined));
}

function describe(a: Attribution): string {
  return ATTRIBUTION_KEYS.filter((k) => a[k] !== undefined)
    .map((k) => `${k} ${a[k]}`)
    .join(', ');
}

/** Per HEAD line: AI characters (non-blank) with each attribution. */
function aiByLine(file: HeadFile): Map<number, Array<{ attribution: Attribution; chars: number }>> {
  const starts = lineStarts(file.content);
  const byLine = new Map<number, Array<{ attribution: Attribution; chars: number }>>();
  for (const span of file.spans) {
    for (const r of span.ranges) {
      for (let line = lineIndexAt(starts, r.start); line < starts.length && starts[line] < r.end; line++) {
        const from = Math.max(r.start, starts[line]);
        const to = Math.min(r.end, starts[line + 1] ?? file.content.length);
        const chars = nonBlank(file.content.slice(from, to));
        if (chars === 0) continue;
        const list = byLine.get(line) ?? [];
        list.push({ attribution: span.attribution, chars });
        byLine.set(line, list);
      }
    }
  }
  return byLine;
}

export interface TamperInput {
  earlier: readonly EarlierVersion[];
  /** AI lines committed at the base in files the change does not touch (copies from them). */
  baseAi?: AiLineIndex;
  head: ReadonlyMap<string, HeadFile>;
  /** Where a file of the base or of an earlier commit is at HEAD (renames), when it moved. */
  renamedTo: ReadonlyMap<string, string>;
}

export function findTampering(input: TamperInput): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const report = (v: Violation) => {
    const key = `${v.kind}\0${v.file}\0${v.startLine}\0${v.spanId}`;
    if (!seen.has(key)) {
      seen.add(key);
      violations.push(v);
    }
  };
  const lineCache = new Map<string, ReturnType<typeof aiByLine>>();
  const linesOf = (path: string, file: HeadFile) => {
    let m = lineCache.get(path);
    if (!m) lineCache.set(path, (m = aiByLine(file)));
    return m;
  };
  // Text of AI lines recorded anywhere, for finding it again where it is not recorded.
  const aiLines = input.baseAi ?? new AiLineIndex();

  for (const version of input.earlier) {
    const spans = spansOf(version.sidecar);
    aiLines.add(version.file, version.content, spans);
    const target = input.renamedTo.get(version.file) ?? version.file;
    const head = input.head.get(target);
    const surviving = new Set<string>();
    if (head && spans.length) {
      const headIds = new Map(head.spans.map((s) => [s.id, s]));
      const unchanged =
        head.content === version.content &&
        spans.every(
          (s) =>
            headIds.has(s.id) &&
            JSON.stringify(headIds.get(s.id)!.ranges) === JSON.stringify(s.ranges) &&
            sameAttribution(headIds.get(s.id)!.attribution, s.attribution),
        );
      if (unchanged) {
        for (const s of spans) surviving.add(s.id);
      } else {
        const moved = reanchorSpans(version.content, head.content, spans);
        if (moved.couldNotReanchor) {
          report({
            kind: 'dropped-provenance',
            file: target,
            commit: version.commit,
            message: `${target}: provenance recorded ${version.where} could not be compared with HEAD (${moved.couldNotReanchor})`,
          });
        }
        const starts = lineStarts(head.content);
        const ai = linesOf(target, head);
        for (const span of moved.spans) {
          surviving.add(span.id);
          checkSpanStillRecorded(span, head, target, starts, ai, version, report);
        }
      }
    }
    // A reviewer's decision stays, in its file's own sidecar (a record elsewhere decides nothing
    // here), while any text it covers is still there.
    for (const record of version.sidecar.signoffs) {
      if (!record.spans.some((id) => surviving.has(id))) continue;
      if (!head?.recordKeys.has(signOffKey(record))) {
        report({
          kind: 'deleted-signoff',
          file: target,
          commit: version.commit,
          message: `${target}: the ${record.decision} record by ${record.reviewer.email} of ${record.at} (recorded ${version.where}) was removed while the text it covers is still there`,
        });
      }
    }
  }
  for (const [path, head] of input.head) aiLines.add(path, head.content, head.spans);

  // AI text moved or copied into text the change added and recorded as human.
  for (const [path, head] of input.head) {
    if (!head.changed) continue;
    const ai = linesOf(path, head);
    for (const run of findMovedRuns(head.content, aiLines, (line) => ai.has(line), head.baseLines)) {
      report({
        kind: 'moved-ai-code',
        file: path,
        startLine: run.first + 1,
        endLine: run.last + 1,
        message: `AI-written code from ${run.source.file} appears at ${path}:${run.first + 1}-${run.last + 1}, which is recorded as human`,
      });
    }
  }
  return violations;
}

/**
 * Every HEAD line that still holds text of `span` must hold AI text with the same attribution. A
 * line-level check: the diff and the editor may align repeated characters differently, never
 * differently enough to move text to another line unless the line is repeated nearby.
 */
function checkSpanStillRecorded(
  span: AiSpan,
  head: HeadFile,
  target: string,
  starts: readonly number[],
  ai: ReturnType<typeof aiByLine>,
  version: EarlierVersion,
  report: (v: Violation) => void,
): void {
  const lineText = (line: number) => head.content.slice(starts[line], starts[line + 1] ?? head.content.length);
  const dropped: number[] = [];
  const relabelled: Array<{ line: number; now: Attribution }> = [];
  for (const r of span.ranges) {
    for (let line = lineIndexAt(starts, r.start); line < starts.length && starts[line] < r.end; line++) {
      const from = Math.max(r.start, starts[line]);
      const to = Math.min(r.end, starts[line + 1] ?? head.content.length);
      if (nonBlank(head.content.slice(from, to)) === 0) continue;
      const recorded = ai.get(line) ?? [];
      if (recorded.some((x) => sameAttribution(x.attribution, span.attribution))) continue;
      // The same line repeated nearby and recorded there: the two alignments disagree, nothing lost.
      const text = lineText(line);
      const window = Math.max(3, span.ranges.length + 2);
      let elsewhere = false;
      for (let other = Math.max(0, line - window); other <= Math.min(starts.length - 1, line + window) && !elsewhere; other++) {
        elsewhere =
          other !== line && lineText(other) === text && (ai.get(other) ?? []).some((x) => sameAttribution(x.attribution, span.attribution));
      }
      if (elsewhere) continue;
      if (recorded.length) relabelled.push({ line, now: recorded[0].attribution });
      else dropped.push(line);
    }
  }
  if (dropped.length) {
    report({
      kind: 'dropped-provenance',
      file: target,
      startLine: dropped[0] + 1,
      endLine: dropped[dropped.length - 1] + 1,
      spanId: span.id,
      commit: version.commit,
      message: `AI span ${span.id} (${describe(span.attribution)}) recorded ${version.where} is still at ${target}:${dropped[0] + 1}-${dropped[dropped.length - 1] + 1} but no longer recorded as AI`,
    });
  }
  if (relabelled.length) {
    const first = relabelled[0];
    report({
      kind: 'relabelled-provenance',
      file: target,
      startLine: first.line + 1,
      endLine: relabelled[relabelled.length - 1].line + 1,
      spanId: span.id,
      commit: version.commit,
      message: `AI span ${span.id} at ${target}:${first.line + 1} was recorded ${version.where} with ${describe(span.attribution)}, now with ${describe(first.now)}`,
    });
  }
}
