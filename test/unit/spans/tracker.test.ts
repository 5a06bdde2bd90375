import * as assert from 'node:assert/strict';
import type { Attribution } from '../../../src/core/model';
import { SpanTracker, humanEditedShare, spanExtent } from '../../../src/core/spans/tracker';

const ai: Attribution = {
  origin: 'inlineCompletion',
  confidence: 'certain',
  tool: 'GitHub Copilot',
  capturedAt: '2026-01-01T00:00:00.000Z',
};
const ranges = (t: SpanTracker) => t.spans().map((s) => [s.id, s.ranges.map((r) => [r.start, r.end])]);

describe('SpanTracker', () => {
  it('records an accepted suggestion as one span with its attribution', () => {
    const t = new SpanTracker();
    const span = t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'return a + b;' }, ai, 'A');
    assert.deepEqual(span, { id: 'A', attribution: ai, ranges: [{ start: 0, end: 13 }], acceptedLength: 13 });
  });

  it('moves a span when text is typed before it', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 5, deleteLength: 0, text: 'abc' }, ai, 'A');
    t.applyEdits([{ offset: 0, deleteLength: 0, text: 'xy' }]);
    assert.deepEqual(ranges(t), [['A', [[7, 10]]]]);
  });

  it('typing inside an AI span splits it and marks the typed characters human', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'abcdef' }, ai, 'A');
    t.applyEdits([{ offset: 3, deleteLength: 0, text: 'XY' }]);
    assert.deepEqual(ranges(t), [
      [
        'A',
        [
          [0, 3],
          [5, 8],
        ],
      ],
    ]);
    assert.equal(t.spanAt(3), undefined);
    assert.equal(t.spanAt(5)?.id, 'A');
    assert.equal(humanEditedShare(t.span('A')!), 0.25);
  });

  it('typing at a span boundary does not extend the span', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'abc' }, ai, 'A');
    t.applyEdits([{ offset: 3, deleteLength: 0, text: 'd' }]);
    t.applyEdits([{ offset: 0, deleteLength: 0, text: 'z' }]);
    assert.deepEqual(ranges(t), [['A', [[1, 4]]]]);
  });

  it('deleting the human text between two pieces of a span merges them', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'abcdef' }, ai, 'A');
    t.applyEdits([{ offset: 3, deleteLength: 0, text: 'XY' }]);
    t.applyEdits([{ offset: 3, deleteLength: 2, text: '' }]);
    assert.deepEqual(ranges(t), [['A', [[0, 6]]]]);
  });

  it('deleting all of a span removes it', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 2, deleteLength: 0, text: 'abc' }, ai, 'A');
    t.applyEdits([{ offset: 0, deleteLength: 10, text: '' }]);
    assert.equal(t.size, 0);
    assert.deepEqual(t.spans(), []);
  });

  it('two different spans side by side never merge', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'abc' }, ai, 'A');
    t.applyAiEdit({ offset: 3, deleteLength: 0, text: 'def' }, ai, 'B');
    assert.deepEqual(ranges(t), [
      ['A', [[0, 3]]],
      ['B', [[3, 6]]],
    ]);
  });

  it('applies a multi-edit batch in pre-event coordinates, whatever the order given', () => {
    const a = new SpanTracker();
    a.applyAiEdit({ offset: 0, deleteLength: 0, text: '0123456789' }, ai, 'A');
    const b = new SpanTracker(a.spans());
    a.applyEdits([
      { offset: 2, deleteLength: 1, text: 'xx' },
      { offset: 7, deleteLength: 2, text: '' },
    ]);
    b.applyEdits([
      { offset: 7, deleteLength: 2, text: '' },
      { offset: 2, deleteLength: 1, text: 'xx' },
    ]);
    assert.deepEqual(ranges(a), [
      [
        'A',
        [
          [0, 2],
          [4, 9],
        ],
      ],
    ]);
    assert.deepEqual(ranges(b), ranges(a));
  });

  it('an accepted replacement of typed text owns only the inserted characters', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 4, deleteLength: 3, text: 'function foo() {}' }, ai, 'A');
    assert.deepEqual(spanExtent(t.span('A')!), { start: 4, end: 21 });
  });

  it('markAi takes characters from the span that owned them', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'abcdef' }, ai, 'A');
    t.markAi({ start: 2, end: 4 }, { ...ai, origin: 'chatApply' }, 'B');
    assert.deepEqual(ranges(t), [
      [
        'A',
        [
          [0, 2],
          [4, 6],
        ],
      ],
      ['B', [[2, 4]]],
    ]);
  });

  it('removeSpan turns the span human and bumps the version', () => {
    const t = new SpanTracker();
    t.applyAiEdit({ offset: 0, deleteLength: 0, text: 'abc' }, ai, 'A');
    const v = t.version;
    assert.equal(t.removeSpan('A'), true);
    assert.equal(t.removeSpan('A'), false);
    assert.ok(t.version > v);
    assert.equal(t.spanAt(1), undefined);
  });

  it('refuses overlapping initial spans rather than guessing', () => {
    const span = (id: string, start: number, end: number) => ({
      id,
      attribution: ai,
      ranges: [{ start, end }],
      acceptedLength: end - start,
    });
    assert.throws(() => new SpanTracker([span('A', 0, 5), span('B', 3, 8)]), /overlapping/);
  });
});
