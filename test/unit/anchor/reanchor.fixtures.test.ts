import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AiSpan } from '../../../src/core/model';
import { reanchorSpans } from '../../../src/core/anchor';

const root = path.resolve(__dirname, '../../fixtures/anchor');

interface Fixture {
  spans: Array<{ id: string; start: number; end: number }>;
  expected: { texts: Record<string, string[]>; dropped: string[] };
}

describe('re-anchoring fixtures (test/fixtures/anchor)', () => {
  for (const name of fs.readdirSync(root).sort()) {
    it(name, () => {
      const dir = path.join(root, name);
      const oldText = fs.readFileSync(path.join(dir, 'old.txt'), 'utf8');
      const newText = fs.readFileSync(path.join(dir, 'new.txt'), 'utf8');
      const fixture = JSON.parse(fs.readFileSync(path.join(dir, 'spans.json'), 'utf8')) as Fixture;
      const spans: AiSpan[] = fixture.spans.map((s) => ({
        id: s.id,
        attribution: { origin: 'inlineCompletion', confidence: 'certain', capturedAt: '2026-01-01T00:00:00.000Z' },
        ranges: [{ start: s.start, end: s.end }],
        acceptedLength: s.end - s.start,
      }));
      const result = reanchorSpans(oldText, newText, spans);
      const texts = Object.fromEntries(result.spans.map((s) => [s.id, s.ranges.map((r) => newText.slice(r.start, r.end))]));
      assert.deepEqual(texts, fixture.expected.texts);
      assert.deepEqual(result.dropped.map((d) => d.id).sort(), fixture.expected.dropped);
      for (const d of result.dropped) assert.match(d.reason, /deleted or rewritten/);
    });
  }
});
