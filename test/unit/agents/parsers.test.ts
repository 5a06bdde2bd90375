// The pure parts: patch and search/replace parsers, and rebuilding the pre-tool text.
import * as assert from 'node:assert/strict';
import { parseApplyPatch } from '../../../src/core/agents/adapters/applyPatch';
import { parseSearchReplace } from '../../../src/core/agents/adapters/searchReplace';
import { rebuildPreImage } from '../../../src/core/agents/preImage';

describe('agent payload parsing', () => {
  it('apply_patch: update chunks become search/replace pairs, added files are whole writes, deleted files are skipped, moves follow the new path', () => {
    const r = parseApplyPatch(
      [
        '*** Begin Patch',
        '*** Add File: docs/new.md',
        '+# New',
        '*** Update File: src/a.ts',
        '*** Move to: src/b.ts',
        '@@ function f() {',
        ' const x = 1;',
        '-return x;',
        '+return x + 1;',
        '@@',
        '',
        '+// end',
        '*** End of File',
        '*** Delete File: src/old.ts',
        '*** End Patch',
      ].join('\n'),
    );
    assert.ok(r.ok);
    assert.deepEqual(r.files, [
      { path: 'docs/new.md', hint: { kind: 'write', created: true } },
      {
        path: 'src/b.ts',
        hint: {
          kind: 'replacements',
          edits: [
            { oldText: 'const x = 1;\nreturn x;', newText: 'const x = 1;\nreturn x + 1;' },
            { oldText: '', newText: '\n// end' },
          ],
        },
      },
    ]);
  });

  it('apply_patch: text without the envelope is refused with a reason', () => {
    assert.deepEqual(parseApplyPatch('--- a/x\n+++ b/x\n'), { ok: false, reason: 'no "*** Begin Patch" line' });
  });

  it('Cline replace_in_file: both marker styles, several blocks in order', () => {
    const diff = [
      '------- SEARCH',
      'a',
      '=======',
      'b',
      '+++++++ REPLACE',
      '',
      '<<<<<<< SEARCH',
      'c',
      'd',
      '=======',
      '>>>>>>> REPLACE',
    ].join('\n');
    assert.deepEqual(parseSearchReplace(diff), [
      { oldText: 'a', newText: 'b' },
      { oldText: 'c\nd', newText: '' },
    ]);
  });

  describe('rebuildPreImage', () => {
    it('undoes replacements last first', () => {
      const after = 'one\nTWO\nthree!\n';
      const hint = {
        kind: 'replacements' as const,
        edits: [
          { oldText: 'two', newText: 'TWO' },
          { oldText: 'three', newText: 'three!' },
        ],
      };
      assert.equal(rebuildPreImage(after, hint, ''), 'one\ntwo\nthree\n');
    });

    it('when the new text occurs twice, picks the place that leaves the search text unique, as the agent required', () => {
      // Before: "x = 1; y = 2;" with the agent turning the only "y = 2" into "x = 1".
      const after = 'x = 1; x = 1;';
      assert.equal(
        rebuildPreImage(after, { kind: 'replacements', edits: [{ oldText: 'y = 2', newText: 'x = 1' }] }, 'x = 1; y = 2;'),
        'x = 1; y = 2;',
      );
    });

    it('among equally possible places, picks the one nearest the search text in the last record', () => {
      const after = 'AB\nAB\nAB\n';
      const known = 'AB\nAB\nA\n';
      assert.equal(rebuildPreImage(after, { kind: 'replacements', edits: [{ oldText: 'A\n', newText: 'AB\n' }] }, known), 'AB\nAB\nA\n');
    });

    it('when the surroundings changed since, undoes just the inserted text if it occurs once', () => {
      const edit = { oldText: 'return x;', newText: 'check(x);\nreturn x;' };
      assert.equal(rebuildPreImage('check(x);\nreturn x + 1;', { kind: 'replacements', edits: [edit] }, ''), 'return x + 1;');
      assert.equal(
        rebuildPreImage('check(x);\ncheck(x);\nreturn 0;', { kind: 'replacements', edits: [edit] }, ''),
        undefined,
        'ambiguous: not guessed',
      );
    });

    it('a line number from the payload (Cursor Tab) picks among several places', () => {
      const after = 'f(a)\nf(b)\nf(c)\n';
      assert.equal(
        rebuildPreImage(after, { kind: 'replacements', edits: [{ oldText: '', newText: ')', line: 3 }] }, ''),
        'f(a)\nf(b)\nf(c\n',
      );
      assert.equal(
        rebuildPreImage(after, { kind: 'replacements', edits: [{ oldText: '', newText: ')' }] }, ''),
        'f(a\nf(b)\nf(c)\n',
        'without it: the first',
      );
    });

    it('undoes replace_all everywhere', () => {
      assert.equal(
        rebuildPreImage('b b b', { kind: 'replacements', edits: [{ oldText: 'a', newText: 'b', replaceAll: true }] }, ''),
        'a a a',
      );
    });

    it('matches LF edits against a CRLF file', () => {
      assert.equal(
        rebuildPreImage('a\r\nNEW\r\nb\r\n', { kind: 'replacements', edits: [{ oldText: 'a\nb', newText: 'a\nNEW\nb' }] }, ''),
        'a\r\nb\r\n',
      );
    });

    it('skips pure deletions (they attribute nothing) and gives up when the new text is missing', () => {
      assert.equal(rebuildPreImage('kept', { kind: 'replacements', edits: [{ oldText: 'gone', newText: '' }] }, ''), 'kept');
      assert.equal(rebuildPreImage('kept', { kind: 'replacements', edits: [{ oldText: 'x', newText: 'absent' }] }, ''), undefined);
    });

    it('a created file was empty; an overwrite cannot be rebuilt without a snapshot', () => {
      assert.equal(rebuildPreImage('x', { kind: 'write', created: true }, ''), '');
      assert.equal(rebuildPreImage('x', { kind: 'write' }, ''), undefined);
    });
  });
});
