import * as assert from 'node:assert/strict';
import { reanchorSpans, reanchorWithoutBlob } from '../../../src/core/anchor';
import { coveredTextDigest } from '../../../src/core/digest';
import { buildSidecar, spansOf } from '../../../src/core/format';
import type { AiSpan } from '../../../src/core/model';

const attribution = { origin: 'inlineCompletion' as const, confidence: 'certain' as const, capturedAt: '2026-11-01T10:00:00.000Z' };
const span = (id: string, text: string, aiText: string, ranges?: Array<[number, number]>): AiSpan => {
  const at = text.indexOf(aiText);
  return {
    id,
    attribution,
    acceptedLength: aiText.length,
    ranges: (ranges ?? [[0, aiText.length]]).map(([s, e]) => ({ start: at + s, end: at + e })),
  };
};

const header = 'import { x } from "./x";\n\n';
const ai1 = 'export function double(n: number) {\n  return n * 2;\n}\n';
const middle = '\nconst human = 1;\n\n';
const ai2 = '  const label = `value: ${n}`; // inline\n';
const oldText = `${header}${ai1}${middle}function f(n: number) {\n${ai2}}\n`;

describe('re-anchoring without the recorded content', () => {
  const recorded = buildSidecar('a.ts', oldText, [
    span('s1', oldText, ai1, [
      [0, 20],
      [25, ai1.length],
    ]),
    span('s2', oldText, ai2),
  ]).spans;

  it('finds every span where it was when nothing moved', () => {
    const r = reanchorWithoutBlob(oldText, recorded);
    assert.deepEqual(r.notFound, []);
    assert.deepEqual(r.spans, recorded);
  });

  it('follows spans moved down by lines inserted above them, keeping ranges inside a span', () => {
    const newText = `// upstream licence header\n// second line\n${header}${ai1}${middle}// upstream comment\nfunction f(n: number) {\n${ai2}}\n// upstream tail\n`;
    const r = reanchorWithoutBlob(newText, recorded);
    assert.deepEqual(r.notFound, []);
    // The same result as the diff mapping would give with the old content at hand.
    const viaDiff = buildSidecar(
      'a.ts',
      newText,
      reanchorSpans(oldText, newText, spansOf({ version: 1, path: 'a.ts', blob: '', spans: recorded, signoffs: [] })).spans,
    ).spans;
    assert.deepEqual(r.spans, viaDiff);
    // A sign-off bound to the covered text stays valid.
    const before = coveredTextDigest(oldText, spansOf({ version: 1, path: 'a.ts', blob: '', spans: recorded, signoffs: [] }));
    const after = coveredTextDigest(newText, spansOf({ version: 1, path: 'a.ts', blob: '', spans: r.spans, signoffs: [] }));
    assert.equal(after, before);
  });

  it('follows spans moved up by lines deleted above them', () => {
    const newText = `${ai1}${middle}function f(n: number) {\n${ai2}}\n`;
    const r = reanchorWithoutBlob(newText, recorded);
    assert.deepEqual(r.notFound, []);
    assert.equal(newText.slice(r.spans[0].ranges[0].start, r.spans[0].ranges[1].end), ai1);
    assert.equal(r.spans[0].ranges[0].startLine, 1);
  });

  it('reports a span whose text really changed and still places the others', () => {
    const newText = `// new first line\n${header}${ai1}${middle}function f(n: number) {\n${ai2.replace('inline', 'edited')}}\n`;
    const r = reanchorWithoutBlob(newText, recorded);
    assert.deepEqual(
      r.spans.map((s) => s.id),
      ['s1'],
    );
    assert.deepEqual(
      r.notFound.map((s) => s.id),
      ['s2'],
    );
    assert.match(r.notFound[0].reason, /not in the file any more/);
  });

  it('never places two spans on the same text', () => {
    const twice = `${ai2}${ai2}`;
    const rec = buildSidecar('b.ts', twice, [
      { id: 'a', attribution, acceptedLength: ai2.length, ranges: [{ start: 0, end: ai2.length }] },
      { id: 'b', attribution, acceptedLength: ai2.length, ranges: [{ start: ai2.length, end: 2 * ai2.length }] },
    ]).spans;
    const newText = `\n\n${ai2}${ai2}`;
    const r = reanchorWithoutBlob(newText, rec);
    assert.deepEqual(
      r.spans.map((s) => s.ranges[0].start).sort((x, y) => x - y),
      [2, 2 + ai2.length],
    );
  });

  it('gives up within its budget on a complete rewrite and says so', () => {
    const newText = 'x'.repeat(40).concat('\n').repeat(5_000);
    const r = reanchorWithoutBlob(newText, recorded, { maxHashedChars: 100_000 });
    assert.equal(r.spans.length, 0);
    assert.match(r.notFound[0].reason + r.notFound[1].reason, /budget/);
  });
});

describe('re-anchoring across line-ending conversion (core.autocrlf)', () => {
  it('maps offsets exactly between a CRLF working copy and the LF content', () => {
    const lf = `${header}${ai1}${middle}`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const s = span('s', crlf, ai1.replace(/\n/g, '\r\n'));
    const r = reanchorSpans(crlf, lf, [s]);
    assert.equal(lf.slice(r.spans[0].ranges[0].start, r.spans[0].ranges[0].end), ai1);
    const back = reanchorSpans(lf, crlf, r.spans);
    assert.deepEqual(back.spans[0].ranges, s.ranges);
  });
});
