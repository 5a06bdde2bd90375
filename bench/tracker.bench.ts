// Span tracker cost per edit against VS Code's own text buffer applying the same edits.
import { PieceTreeTextBufferBuilder } from 'vscode-textbuffer';
import type { Attribution, TextEdit } from '../src/core/model';
import { SpanTracker } from '../src/core/spans/tracker';
import { seededRandom, sourceDocument } from './fixtures';
import { median, type Bench } from './types';

const LINES = 20_000;
const SPANS = 10_000;
const EDITS = 20_000;

function editStream(docLength: number, random: () => number): TextEdit[] {
  const edits: TextEdit[] = [];
  let length = docLength;
  for (let i = 0; i < EDITS; i++) {
    const offset = Math.floor(random() * length);
    const kind = random();
    let edit: TextEdit;
    if (kind < 0.7) edit = { offset, deleteLength: 0, text: 'x' };
    else if (kind < 0.95) edit = { offset, deleteLength: Math.min(1, length - offset), text: '' };
    else edit = { offset, deleteLength: 0, text: 'pasted();\nmore();\n' };
    length += edit.text.length - edit.deleteLength;
    edits.push(edit);
  }
  return edits;
}

const bench: Bench = async () => {
  const random = seededRandom(42);
  const text = sourceDocument(LINES);
  const attribution: Attribution = { origin: 'inlineCompletion', confidence: 'certain', capturedAt: new Date(0).toISOString() };
  const lineLength = Math.floor(text.length / LINES);
  const seed = new SpanTracker();
  for (let i = 0; i < SPANS; i++) seed.markAi({ start: i * 2 * lineLength, end: i * 2 * lineLength + 20 }, attribution, `span-${i}`);
  const edits = editStream(text.length, random);

  const buildBuffer = () => {
    const builder = new PieceTreeTextBufferBuilder();
    builder.acceptChunk(text);
    return builder.finish(false).create(1 /* DefaultEndOfLine.LF */);
  };

  const timeTracker = () => {
    const tracker = new SpanTracker(seed.spans());
    const perEdit: number[] = new Array(edits.length);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < edits.length; i++) {
      const s = process.hrtime.bigint();
      tracker.applyEdits([edits[i]]);
      perEdit[i] = Number(process.hrtime.bigint() - s);
    }
    return { total: Number(process.hrtime.bigint() - t0), perEdit, spans: tracker.size };
  };
  const timeBuffer = () => {
    const buffer = buildBuffer();
    const t0 = process.hrtime.bigint();
    for (const e of edits) {
      if (e.deleteLength) buffer.delete(e.offset, e.deleteLength);
      if (e.text) buffer.insert(e.offset, e.text, true);
    }
    return Number(process.hrtime.bigint() - t0);
  };

  // Warm both up, then take the median of several rounds.
  timeTracker();
  timeBuffer();
  const trackerRounds: number[] = [];
  const bufferRounds: number[] = [];
  let perKeystroke: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t = timeTracker();
    trackerRounds.push(t.total / EDITS);
    perKeystroke = perKeystroke.concat(t.perEdit);
    bufferRounds.push(timeBuffer() / EDITS);
  }
  const trackerNs = median(trackerRounds);
  const bufferNs = median(bufferRounds);
  return [
    { name: `ns per edit, ${LINES} lines, ${SPANS} spans`, value: trackerNs, unit: 'ns', detail: `${EDITS} edits x 5 rounds` },
    { name: 'ns per edit, vscode-textbuffer (same edits)', value: bufferNs, unit: 'ns' },
    { name: 'tracker / text buffer cost ratio', value: trackerNs / bufferNs, unit: 'x', target: 1 },
    { name: 'median per keystroke', value: median(perKeystroke), unit: 'ns', target: 100_000 },
  ];
};

export default bench;
