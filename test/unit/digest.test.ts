import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { coveredTextDigest, gitBlobId, normalizeEol, sha256Hex, spanDigest } from '../../src/core/digest';
import type { AiSpan } from '../../src/core/model';

const span = (id: string, start: number, end: number): AiSpan => ({
  id,
  attribution: { origin: 'inlineCompletion', confidence: 'certain', capturedAt: '2026-01-01T00:00:00.000Z' },
  ranges: [{ start, end }],
  acceptedLength: end - start,
});

describe('digests', () => {
  it('computes git blob ids exactly as git hash-object does', () => {
    for (const text of ['', 'hello\n', 'crlf\r\nline\r\n', 'ünïcödé 😀\n']) {
      const git = execFileSync('git', ['hash-object', '--stdin'], { input: Buffer.from(text, 'utf8') })
        .toString()
        .trim();
      assert.equal(gitBlobId(text), git, JSON.stringify(text));
      assert.equal(gitBlobId(Buffer.from(text, 'utf8')), git);
    }
  });

  it('normalises CRLF and lone CR before hashing span text', () => {
    assert.equal(normalizeEol('a\r\nb\rc\n'), 'a\nb\nc\n');
    assert.equal(sha256Hex('a\r\nb'), sha256Hex('a\nb'));
    assert.notEqual(sha256Hex('a\nb'), sha256Hex('a b'));
  });

  it('a covered-text digest ignores moves but not edits inside a span', () => {
    const before = 'xx HELLO yy WORLD';
    const moved = 'new line\nxx HELLO yy WORLD';
    const d1 = coveredTextDigest(before, [span('A', 3, 8), span('B', 12, 17)]);
    assert.equal(coveredTextDigest(moved, [span('B', 21, 26), span('A', 12, 17)]), d1);
    const edited = 'xx HELxLO yy WORLD';
    assert.notEqual(coveredTextDigest(edited, [span('A', 3, 9), span('B', 13, 18)]), d1);
  });

  it('a span digest covers its whole extent, human text typed inside included', () => {
    const split: AiSpan = {
      ...span('A', 0, 3),
      ranges: [
        { start: 0, end: 3 },
        { start: 5, end: 8 },
      ],
    };
    assert.equal(spanDigest('abcXYdef', split), sha256Hex('abcXYdef'));
  });
});
