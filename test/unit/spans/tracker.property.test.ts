import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Attribution, TextEdit } from '../../../src/core/model';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { ReferenceModel } from './referenceModel';

const attribution: Attribution = { origin: 'inlineCompletion', confidence: 'certain', capturedAt: '2026-01-01T00:00:00.000Z' };

type Step =
  | { kind: 'human'; edits: Array<{ at: number; del: number; ins: number }> }
  | { kind: 'ai'; at: number; del: number; ins: number }
  | { kind: 'mark'; at: number; len: number; reuse: number }
  | { kind: 'remove'; pick: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('human' as const),
      edits: fc.array(fc.record({ at: fraction, del: fc.nat(6), ins: fc.nat(4) }), { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('ai' as const), at: fraction, del: fc.nat(5), ins: fc.integer({ min: 1, max: 12 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('mark' as const), at: fraction, len: fc.integer({ min: 1, max: 10 }), reuse: fc.nat(5) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(20) }) },
);

/** Turns random fractions into non-overlapping edits on a document of `length` characters. */
function toEdits(length: number, raw: Array<{ at: number; del: number; ins: number }>): TextEdit[] {
  const edits: TextEdit[] = [];
  const taken: Array<[number, number]> = [];
  for (const r of raw) {
    const offset = Math.floor(r.at * (length + 1));
    const deleteLength = Math.min(r.del, length - offset);
    const end = offset + deleteLength;
    // Two edits may not overlap, nor insert at the same place (VS Code never sends that).
    if (
      taken.some(
        ([s, e]) => (offset < e && end > s) || offset === s || (deleteLength === 0 && offset === e) || (e === s && offset <= s && end >= s),
      )
    )
      continue;
    taken.push([offset, end]);
    edits.push({ offset, deleteLength, text: 'x'.repeat(r.ins) });
  }
  return edits;
}

function check(tracker: SpanTracker, model: ReferenceModel): void {
  const expected = model.spans();
  const actual = tracker.spans().map((s) => ({ id: s.id, ranges: s.ranges.map((r) => ({ start: r.start, end: r.end })) }));
  assert.deepEqual(actual, expected);
  assert.equal(tracker.size, expected.length);
  for (let i = 0; i < model.owners.length; i += 3) assert.equal(tracker.spanAt(i)?.id ?? null, model.owners[i]);
  const probe = { start: Math.floor(model.owners.length / 3), end: Math.floor((2 * model.owners.length) / 3) + 1 };
  const inside = new Set(model.owners.slice(probe.start, probe.end).filter((o) => o !== null));
  assert.deepEqual(new Set(tracker.spansIn(probe).map((s) => s.id)), inside);
}

describe('SpanTracker agrees with the per-character reference model', () => {
  it('after every step of thousands of random edit sequences', () => {
    // Counts what the generated sequences exercised, so the test fails if the generator stops
    // producing some kind of step (a property over nothing would pass vacuously).
    const exercised = { human: 0, ai: 0, mark: 0, remove: 0, checks: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(stepArb, { minLength: 1, maxLength: 40 }), (initialLength, steps) => {
        const tracker = new SpanTracker();
        const model = new ReferenceModel(initialLength);
        let nextId = 0;
        for (const step of steps) {
          const length = model.owners.length;
          exercised[step.kind]++;
          if (step.kind === 'human') {
            const edits = toEdits(length, step.edits);
            tracker.applyEdits(edits);
            model.applyEdits(edits);
          } else if (step.kind === 'ai') {
            const offset = Math.floor(step.at * (length + 1));
            const deleteLength = Math.min(step.del, length - offset);
            const id = `s${nextId++}`;
            tracker.applyAiEdit({ offset, deleteLength, text: 'a'.repeat(step.ins) }, attribution, id);
            model.replace(offset, deleteLength, step.ins, id);
          } else if (step.kind === 'mark') {
            if (length === 0) continue;
            const start = Math.floor(step.at * length);
            const end = Math.min(length, start + step.len);
            // Sometimes re-mark with an existing id (how undo restores a span).
            const existing = model.spans();
            const id = step.reuse < existing.length && step.reuse < 2 ? existing[step.reuse].id : `s${nextId++}`;
            tracker.markAi({ start, end }, attribution, id);
            model.replace(start, end - start, end - start, id);
          } else {
            const existing = model.spans();
            if (existing.length === 0) continue;
            const id = existing[step.pick % existing.length].id;
            assert.equal(tracker.removeSpan(id), true);
            model.removeOwner(id);
          }
          check(tracker, model);
          exercised.checks++;
        }
      }),
      { numRuns: 3000 },
    );
    for (const kind of ['human', 'ai', 'mark', 'remove'] as const)
      assert.ok(exercised[kind] > 1000, `only ${exercised[kind]} ${kind} steps were generated`);
    assert.ok(exercised.checks > 10_000, `only ${exercised.checks} steps were checked against the model`);
  });

  it('with many spans across block boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fraction, del: fc.nat(40), ins: fc.nat(30), ai: fc.boolean() }), { minLength: 50, maxLength: 300 }),
        (ops) => {
          const tracker = new SpanTracker();
          const model = new ReferenceModel(2000);
          let n = 0;
          for (const op of ops) {
            const length = model.owners.length;
            const offset = Math.floor(op.at * (length + 1));
            const deleteLength = Math.min(op.del, length - offset);
            if (op.ai && op.ins > 0) {
              const id = `b${n++}`;
              tracker.applyAiEdit({ offset, deleteLength, text: 'a'.repeat(op.ins) }, attribution, id);
              model.replace(offset, deleteLength, op.ins, id);
            } else {
              tracker.applyEdits([{ offset, deleteLength, text: 'h'.repeat(op.ins) }]);
              model.replace(offset, deleteLength, op.ins, null);
            }
          }
          check(tracker, model);
        },
      ),
      { numRuns: 300 },
    );
  });
});
