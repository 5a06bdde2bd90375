import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextEdit } from '../../../src/core/model';
import { diffToEdits, reanchorSpans } from '../../../src/core/anchor';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.deleteLength);
  return out;
}

const lineArb = fc.oneof(
  fc.constantFrom('const a = 1;', '}', '', '  return x;', 'äöü 😀 ünïcode', 'if (x) {'),
  fc.string({ maxLength: 12 }),
);
const textArb = fc
  .tuple(fc.array(lineArb, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));

describe('diffToEdits', () => {
  it('produces ascending, non-overlapping edits that turn the old text into the new text exactly', () => {
    fc.assert(
      fc.property(textArb, textArb, (a, b) => {
        const r = diffToEdits(a, b);
        assert.ok(r.ok);
        for (let i = 1; i < r.edits.length; i++) assert.ok(r.edits[i].offset >= r.edits[i - 1].offset + r.edits[i - 1].deleteLength);
        assert.equal(apply(a, r.edits), b);
      }),
      { numRuns: 1500 },
    );
  });

  it('produces correct edits for random modifications of one text', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 10 })), { maxLength: 6 }), (a, mods) => {
        let b = a;
        for (const [at, del, ins] of mods) {
          const o = b.length ? at % b.length : 0;
          b = b.slice(0, o) + ins + b.slice(o + del);
        }
        const r = diffToEdits(a, b);
        assert.ok(r.ok);
        assert.equal(apply(a, r.edits), b);
      }),
      { numRuns: 1500 },
    );
  });

  it('gives up with a reason instead of freezing on a huge rewrite', () => {
    const random = (seed: number) =>
      Array.from({ length: 200_000 }, (_, i) => String.fromCharCode(97 + ((i * seed) % 23)) + (i % 40 === 0 ? '\n' : '')).join('');
    const r = diffToEdits(random(7), random(13), { maxMillis: 30 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /could not re-anchor/);
  });

  it('refuses inputs above the size limit', () => {
    const r = diffToEdits('a'.repeat(100), 'b'.repeat(100), { maxChars: 150 });
    assert.deepEqual(r, { ok: false, reason: 'file too large to re-anchor (200 characters, limit 150)' });
  });
});

describe('reanchorSpans', () => {
  const span = (id: string, start: number, end: number) => ({
    id,
    attribution: { origin: 'chatApply' as const, confidence: 'likely' as const, capturedAt: '2026-01-01T00:00:00.000Z' },
    ranges: [{ start, end }],
    acceptedLength: end - start,
  });

  it('drops every span with the reason when re-anchoring gives up', () => {
    const r = reanchorSpans('a'.repeat(100), 'b'.repeat(100), [span('A', 0, 10)], { maxChars: 150 });
    assert.deepEqual(r.spans, []);
    assert.equal(r.dropped[0].id, 'A');
    assert.match(r.couldNotReanchor ?? '', /too large/);
  });

  it('refuses spans that reach past the recorded content', () => {
    const r = reanchorSpans('short', 'short text', [span('A', 0, 50)]);
    assert.deepEqual(r.spans, []);
    assert.match(r.dropped[0].reason, /past the end/);
  });
});
