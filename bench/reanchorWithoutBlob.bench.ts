// Re-anchoring a sidecar whose recorded content git does not have (a fresh clone of a rebased
// branch): spans found again by exact text after upstream inserted and deleted whole lines, plus
// the cost of spans whose text really changed (searched for, then reported).
import { reanchorWithoutBlob, type RecordedSpan } from '../src/core/anchor';
import { sha256Hex } from '../src/core/digest';
import { lineStarts } from '../src/core/text/lines';
import { seededRandom, sourceDocument } from './fixtures';
import { median, type Bench } from './types';

const LINES = 20_000;
const SPANS = 1_000;
const MOVES = 200;
const CHANGED = 10;

const bench: Bench = async () => {
  const random = seededRandom(11);
  const oldText = sourceDocument(LINES);
  const starts = lineStarts(oldText);
  const recorded: RecordedSpan[] = Array.from({ length: SPANS }, (_, i) => {
    const line = i * 20 + 3;
    const start = starts[line];
    const end = starts[line + 3];
    return { id: `s${i}`, ranges: [{ start, end, startLine: line + 1, endLine: line + 3 }], sha256: sha256Hex(oldText.slice(start, end)) };
  });
  const spanLines = new Set(recorded.flatMap((_, i) => [i * 20 + 3, i * 20 + 4, i * 20 + 5]));
  // Upstream inserts and deletes whole lines outside the spans, and rewrites a few spans.
  const lines = oldText.split('\n').map((text, i) => ({ text, span: spanLines.has(i) }));
  for (let i = 0; i < MOVES; i++) {
    const at = Math.floor(random() * lines.length);
    if (lines[at].span) continue;
    if (random() < 0.6) lines.splice(at, 0, { text: `// upstream note ${i}`, span: false });
    else lines.splice(at, 1);
  }
  const changed = new Set(Array.from({ length: CHANGED }, () => Math.floor(random() * SPANS)));
  const newText = lines.map((l) => l.text).join('\n');
  let edited = newText;
  for (const i of changed) {
    const first = oldText.slice(recorded[i].ranges[0].start, recorded[i].ranges[0].end);
    edited = edited.replace(first, first.replace(/\n/, ' // edited\n'));
  }

  const times: number[] = [];
  let found = 0;
  let missing = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = reanchorWithoutBlob(edited, recorded);
    times.push(performance.now() - t0);
    found = r.spans.length;
    missing = r.notFound.length;
  }
  return [
    {
      name: `${LINES} lines, ${SPANS} spans, ${MOVES} whole-line moves, ${changed.size} spans edited, no recorded content`,
      value: median(times),
      unit: 'ms',
      target: 100,
      detail: `${found} found, ${missing} reported changed`,
    },
  ];
};

export default bench;
