// The per-keystroke capture path outside VS Code: advance the remembered text, decide the change,
// then update the tracker.
import { captureChange } from '../src/core/capture/captureChange';
import { TextShadow } from '../src/core/capture/textShadow';
import type { Attribution, TextEdit } from '../src/core/model';
import { SpanTracker } from '../src/core/spans/tracker';
import { seededRandom, sourceDocument } from './fixtures';
import { median, percentile, type Bench } from './types';

const LINES = 20_000;
const SPANS = 10_000;
const KEYSTROKES = 20_000;

const bench: Bench = async () => {
  const random = seededRandom(3);
  const text = new TextShadow(sourceDocument(LINES));
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
    const { verdict, edits } = captureChange(text, [edit], {
      editSource: { source: 'cursor', metadata: { kind: 'type' } },
      recentUserInput: true,
      inFocusedEditor: true,
      scheme: 'file',
    });
    text.apply([edit]);
    if (verdict.ai) for (const e of edits) tracker.applyAiEdit(e, attribution);
    else tracker.applyEdits(edits);
    costs.push(Number(process.hrtime.bigint() - started));
    length += edit.text.length - edit.deleteLength;
  }
  return [
    { name: `median per keystroke, ${LINES} lines, ${SPANS} spans`, value: median(costs) / 1e6, unit: 'ms', target: 0.1 },
    { name: 'p99 per keystroke', value: percentile(costs, 99) / 1e6, unit: 'ms', detail: `${KEYSTROKES} keystrokes` },
  ];
};

export default bench;
