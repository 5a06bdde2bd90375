// The line rule of git-ai notes (a line two entries name is the later entry's), against a plain
// per-line reading of the same note, over random notes: the fast interval walk must agree.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseGitAiNote } from '../../../src/core/interop/gitAiNotes';

const METADATA = JSON.stringify({ schema_version: 'authorship/3.0.0', base_commit_sha: 'abc', prompts: {}, sessions: {} });

describe('git-ai note lines', () => {
  it('the later entry owns a line two entries name, for any overlap of entries and files', () => {
    const run = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 6 }));
    const entry = fc.record({
      file: fc.constantFrom('a.ts', 'b.ts'),
      human: fc.boolean(),
      runs: fc.array(run, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const body = entries.flatMap((e, i) => [
          e.file,
          `  ${e.human ? `h_${i}` : `s_${i}::t_${i}`} ${e.runs.map(([s, n]) => (n === 0 ? `${s}` : `${s}-${s + n}`)).join(',')}`,
        ]);
        const parsed = parseGitAiNote(`${body.join('\n')}\n---\n${METADATA}\n`);
        assert.ok(parsed.ok);
        // Plainly: each line belongs to the last entry naming it; AI entries claim their lines.
        const owner = new Map<string, number>();
        entries.forEach((e, i) => {
          for (const [s, n] of e.runs) for (let l = s; l <= s + n; l++) owner.set(`${e.file}:${l}`, i);
        });
        const expected = [...owner]
          .filter(([, i]) => !entries[i].human)
          .map(([line, i]) => `${line}@${i}`)
          .sort();
        const claimed = parsed.claims
          .flatMap((c) => {
            const i = Number(/\0s_(\d+)::/.exec(c.group)![1]);
            return Array.from({ length: c.endLine - c.startLine + 1 }, (_, k) => `${c.path}:${c.startLine + k}@${i}`);
          })
          .sort();
        assert.deepEqual([...new Set(claimed)], expected);
      }),
      { numRuns: 500 },
    );
  });
});
