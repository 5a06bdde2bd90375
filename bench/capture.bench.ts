// The per-keystroke capture path outside VS Code: classify the change, then update the tracker.
import { classifyChange, type ChangeFacts } from '../src/core/capture/classify';
import type { Attribution, TextEdit } from '../src/core/model';
import { SpanTracker } from '../src/core/spans/tracker';
import { seededRandom, sourceDocument } from './fixtures';
import { median, percentile, type Bench } from './types';

const LINES = 20_000;
const SPANS = 10_000;
const KEYSTROKES = 20_000;

const bench: Bench = async () => {
  const random = seededRandom(3);
  const text = sourceDocument(LINES);
  const lineLength = Math.floor(text.length / LINES);
  const attribution: Attribution = { origin: 'inlineCompletion', confidence: 'certain', capturedAt: new Date(0).toISOString() };
  const tracker = new SpanTracker();
  for (let i = 0; i < SPANS; i++) tracker.markAi({ start: i * 2 * lineLength, end: i * 2 * lineLength + 20 }, attribution, `s${i}`);
  let length = text.length;
  const costs: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const offset = Math.floor(random() * length);
    const edit: TextEdit = random() < 0.8 ? { offset, deleteLength: 0, text: 'x' } : { offset, deleteLength: 1, text: '' };
    const started = process.hrtime.bigint();
    const facts: ChangeFacts = {
      editSource: { source: 'cursor', metadata: { kind: 'type' } },
      recentUserInput: true,
      inFocusedEditor: true,
      scheme: 'file',
      insertedChars: edit.text.length,
      insertedLines: edit.text ? 1 : 0,
    };
    const verdict = classifyChange(facts);
    if (verdict.ai) tracker.applyAiEdit(edit, attribution);
    else tracker.applyEdits([edit]);
    costs.push(Number(process.hrtime.bigint() - started));
    length += edit.text.length - edit.deleteLength;
  }
  return [
    { name: `median per keystroke, ${LINES} lines, ${SPANS} spans`, value: median(costs) / 1e6, unit: 'ms', target: 0.1 },
    { name: 'p99 per keystroke', value: percentile(costs, 99) / 1e6, unit: 'ms', detail: `${KEYSTROKES} keystrokes` },
  ];
};

export default bench;
