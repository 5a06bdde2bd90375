import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  buildSidecar,
  checkRepoPath,
  parseSidecar,
  readSidecarFile,
  repoPathOfSidecar,
  serializeSidecar,
  SidecarError,
  sidecarPathFor,
  spansOf,
} from '../../../src/core/format';
import type { AiSpan } from '../../../src/core/model';
import { SpanTracker } from '../../../src/core/spans/tracker';

const fixtures = path.resolve(__dirname, '../../fixtures/sidecars');
const content = fs.readFileSync(path.join(fixtures, 'app.ts.txt'), 'utf8');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function parseError(name: string, opts = { content }): SidecarError {
  try {
    parseSidecar(read(name), name, opts);
  } catch (err) {
    assert.ok(err instanceof SidecarError, `expected SidecarError, got ${String(err)}`);
    return err;
  }
  assert.fail(`${name} parsed without error`);
}

describe('.aiprov sidecar v1', () => {
  it('parses a valid sidecar against its content', () => {
    const sidecar = parseSidecar(read('valid.aiprov'), 'valid.aiprov', { content });
    assert.equal(sidecar.path, 'src/app.ts');
    assert.equal(spansOf(sidecar)[0].attribution.tool, 'GitHub Copilot');
  });

  const badCases: Array<[string, string, RegExp]> = [
    ['truncated.aiprov', 'syntax', /not valid JSON/],
    ['future-version.aiprov', 'future-version', /newer aiprov: version 2; this aiprov reads version 1/],
    ['wrong-version.aiprov', 'unsupported-version', /invalid "version"/],
    ['range-past-end.aiprov', 'range', /past the end of src\/app\.ts/],
    ['path-escapes.aiprov', 'path', /escapes the repository/],
    ['path-absolute.aiprov', 'path', /absolute/],
    ['unknown-origin.aiprov', 'schema', /spans\[0\]\.origin: must be one of/],
    ['overlapping-ranges.aiprov', 'range', /overlaps/],
    [
      'unordered-ranges.aiprov',
      'range',
      /spans\[0\]\.ranges\[1\]: starts at 0, before spans\[0\]\.ranges\[0\] ends \(67\); a span's ranges must be in file order/,
    ],
  ];
  for (const [file, code, reason] of badCases) {
    it(`rejects ${file} with a typed error naming the file and the reason`, () => {
      const err = parseError(file);
      assert.equal(err.code, code);
      assert.equal(err.file, file);
      assert.match(err.message, new RegExp(`^${file.replace('.', '\\.')}: `));
      assert.match(err.reason, reason);
    });
  }

  it('refuses a 50 MB file by its size before reading it, and leaves it untouched', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-'));
    const big = path.join(dir, 'big.aiprov');
    fs.writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 32));
    const before = fs.statSync(big);
    const r = await readSidecarFile(big, 'big.aiprov');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'too-large');
    const after = fs.statSync(big);
    assert.equal(after.size, before.size);
    assert.equal(after.mtimeMs, before.mtimeMs);
    fs.rmSync(dir, { recursive: true });
  });

  it('reports an unreadable file as an io error rather than throwing', async () => {
    const r = await readSidecarFile(path.join(fixtures, 'does-not-exist.aiprov'), 'missing.aiprov');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'io');
  });

  it('serialises canonically: sorted keys, stable order, trailing newline, idempotent', () => {
    const sidecar = parseSidecar(read('valid.aiprov'), 'valid.aiprov');
    const text = serializeSidecar(sidecar);
    assert.ok(text.endsWith('}\n'));
    assert.equal(serializeSidecar(parseSidecar(text, 'x')), text);
    const keys = Object.keys(JSON.parse(text));
    assert.deepEqual(keys, [...keys].sort());
  });

  it('round-trips random tracker states through build, serialise and parse', () => {
    const attribution = {
      origin: 'chatApply' as const,
      confidence: 'likely' as const,
      tool: 'Chat',
      capturedAt: '2026-11-01T10:00:00.000Z',
    };
    fc.assert(
      fc.property(
        fc.string({ minLength: 20, maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 15 })), { maxLength: 8 }),
        (text, marks) => {
          const tracker = new SpanTracker();
          marks.forEach(([at, len], i) => {
            const start = at % text.length;
            tracker.markAi({ start, end: Math.min(text.length, start + len) }, attribution, `id-${i}`);
          });
          const sidecar = buildSidecar('src/x.ts', text, tracker.spans());
          const again = parseSidecar(serializeSidecar(sidecar), 'x.aiprov', { content: text });
          assert.deepEqual(again, JSON.parse(JSON.stringify(sidecar)));
          const sortedSpans = (spans: AiSpan[]) => [...spans].sort((a, b) => a.ranges[0].start - b.ranges[0].start);
          assert.deepEqual(sortedSpans(spansOf(again)), sortedSpans(tracker.spans()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('records 1-based line ranges for each character range', () => {
    const tracker = new SpanTracker();
    const start = content.indexOf('return');
    tracker.markAi(
      { start, end: content.length },
      { origin: 'inlineCompletion', confidence: 'certain', capturedAt: '2026-11-01T10:00:00.000Z' },
      'A',
    );
    const [span] = buildSidecar('src/app.ts', content, tracker.spans()).spans;
    assert.deepEqual(
      span.ranges.map((r) => [r.startLine, r.endLine]),
      [[2, 3]],
    );
  });
});

describe('sidecar paths', () => {
  it('mirrors the file under .aiprov/ and back', () => {
    assert.equal(sidecarPathFor('src/app.ts'), '.aiprov/src/app.ts.aiprov');
    assert.equal(repoPathOfSidecar('.aiprov/src/app.ts.aiprov'), 'src/app.ts');
    assert.equal(repoPathOfSidecar('.aiprov/policy.json'), undefined);
    assert.equal(repoPathOfSidecar('.aiprov/../x.aiprov'), undefined);
  });

  it('accepts only normal relative paths inside the repository', () => {
    assert.equal(checkRepoPath('src/app.ts'), undefined);
    for (const bad of ['', '/abs', 'C:/x', '../x', 'a/../../x', 'a\\b', 'a//b', './a', 'a\0b']) assert.ok(checkRepoPath(bad), bad);
  });
});

describe('sidecar span ids', () => {
  it('two spans with one id make the sidecar invalid, so one approval cannot cover both', async () => {
    const { buildSidecar, parseSidecar, serializeSidecar } = await import('../../../src/core/format');
    const content = 'aaaa\nbbbb\n';
    const attribution = { origin: 'chatApply' as const, confidence: 'certain' as const, capturedAt: '2026-11-20T10:00:00.000Z' };
    const sidecar = buildSidecar('x.ts', content, [
      { id: 'dup', attribution, ranges: [{ start: 0, end: 4 }], acceptedLength: 4 },
      { id: 'dup', attribution, ranges: [{ start: 5, end: 9 }], acceptedLength: 4 },
    ]);
    assert.throws(() => parseSidecar(serializeSidecar(sidecar), 'x.ts.aiprov'), /span id dup is used twice/);
  });
});
