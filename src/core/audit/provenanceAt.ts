// The committed provenance of files at given revisions, read in one `git cat-file --batch`: which
// AI span covers each line, and which spans the sidecar's sign-offs approve under the policy and
// seniors committed at that same revision.
import { gitBlobId } from '../digest';
import { parseSidecar, sidecarPathFor, spansOf, type Sidecar, type SidecarSpan } from '../format';
import { attributeLines, isBlank } from '../interop/lineAttribution';
import { lineStarts } from '../text/lines';
import { readObjects } from '../repo/git';
import { ALLOWED_SIGNERS_FILE, parseReviewRules, POLICY_FILE, reviewFile, SignatureCache, type ReviewRules } from '../signoff';
import { GitClock } from './gitClock';
import type { Approval } from './model';

export interface ProvenanceAt {
  hasSidecar: boolean;
  /** The span covering a 1-based line, when the sidecar describes this exact content. */
  spanAt(line: number): SidecarSpan | undefined;
  approvals: Approval[];
  problem?: string;
}

const NONE: ProvenanceAt = { hasSidecar: false, spanAt: () => undefined, approvals: [] };
const key = (rev: string, file: string) => `${rev}\0${file}`;

export async function provenanceAt(
  repoRoot: string,
  pairs: ReadonlyArray<{ rev: string; file: string }>,
  clock = new GitClock(),
): Promise<Map<string, ProvenanceAt>> {
  const revs = [...new Set(pairs.map((p) => p.rev))];
  const specs = [
    ...pairs.flatMap((p) => [`${p.rev}:${p.file}`, `${p.rev}:${sidecarPathFor(p.file)}`]),
    ...revs.flatMap((r) => [`${r}:${POLICY_FILE}`, `${r}:${ALLOWED_SIGNERS_FILE}`]),
  ];
  const objects = await clock.time(() => readObjects(repoRoot, specs));
  // The rules committed at each revision, read once; signatures checked once per record.
  const rulesByRev = new Map<string, ReviewRules>();
  const rulesAt = (rev: string) => {
    let r = rulesByRev.get(rev);
    if (!r)
      rulesByRev.set(
        rev,
        (r = parseReviewRules(
          objects.get(`${rev}:${POLICY_FILE}`),
          objects.get(`${rev}:${ALLOWED_SIGNERS_FILE}`),
          ` at ${rev.slice(0, 8)}`,
        )),
      );
    return r;
  };
  const signatures = new SignatureCache();

  const result = new Map<string, ProvenanceAt>();
  for (const { rev, file } of pairs) {
    if (result.has(key(rev, file))) continue;
    const content = objects.get(`${rev}:${file}`);
    const text = objects.get(`${rev}:${sidecarPathFor(file)}`);
    if (content === undefined || text === undefined) {
      result.set(key(rev, file), NONE);
      continue;
    }
    const where = `${sidecarPathFor(file)} at ${rev.slice(0, 8)}`;
    let sidecar: Sidecar;
    try {
      sidecar = parseSidecar(text, where, { content });
    } catch (err) {
      result.set(key(rev, file), { ...NONE, hasSidecar: true, problem: `${(err as Error).message}; its lines were counted as human` });
      continue;
    }
    if (sidecar.blob !== gitBlobId(content)) {
      result.set(key(rev, file), {
        ...NONE,
        hasSidecar: true,
        problem: `${where} describes other content than ${file} (${sidecar.blob.slice(0, 8)}); its lines were counted as human`,
      });
      continue;
    }
    const rules = rulesAt(rev);
    const problem = rules.policyOk ? undefined : `${rules.problems[0]}; the default policy was used`;
    const reviews = await reviewFile({ file, content, spans: spansOf(sidecar), signoffs: sidecar.signoffs, rules, signatures });
    const approvals: Approval[] = [];
    for (const r of reviews) {
      if (r.state === 'approved')
        approvals.push({ spanId: r.spanId, file, reviewer: r.approvals[0].reviewer.email, at: r.approvals[0].at });
    }
    // A line is the span's that wrote most of its characters, as the line-based exports count it:
    // a completion that starts with a line break does not make the human line before it AI. A
    // line a human also typed on is AI only when AI wrote most of its non-blank characters: a
    // statement retyped inside an AI span, keeping only the AI's indentation, is human.
    const byLine = new Map<number, SidecarSpan>();
    const mostlyAi = mostlyAiLines(content, sidecar.spans);
    attributeLines(content, sidecar.spans).forEach((owned, i) => {
      for (const r of owned.runs)
        for (let l = r.startLine; l <= r.endLine; l++) if (!r.mixed || mostlyAi(l)) byLine.set(l, sidecar.spans[i]);
    });
    result.set(key(rev, file), { hasSidecar: true, spanAt: (l) => byLine.get(l), approvals, problem });
  }
  return result;
}

/** Whether AI spans wrote more of a 1-based line's non-blank characters than humans did. */
function mostlyAiLines(content: string, spans: readonly SidecarSpan[]): (line: number) => boolean {
  const starts = lineStarts(content);
  const covered = new Uint8Array(content.length);
  for (const span of spans) for (const r of span.ranges) covered.fill(1, r.start, r.end);
  return (line) => {
    let ai = 0;
    let human = 0;
    const end = line < starts.length ? starts[line] : content.length;
    for (let at = starts[line - 1]; at < end; at++) {
      if (isBlank(content.charCodeAt(at))) continue;
      if (covered[at]) ai++;
      else human++;
    }
    return ai > human;
  };
}

export function provenanceKey(rev: string, file: string): string {
  return key(rev, file);
}
