import * as assert from 'node:assert/strict';
import { lineRanges, parsePorcelain } from '../../../src/core/audit/blame';
import { isCodeLine } from '../../../src/core/audit/codeLines';
import { parsePatch, unquotePath } from '../../../src/core/audit/diffLog';
import { compilePatterns, DEFAULT_FIX_PATTERNS, fixClaim } from '../../../src/core/audit/fixes';
import { IncidentsError, parseCsv, parseIncidents, parseInstant, splitRange } from '../../../src/core/audit/incidents';

describe('audit parsing', () => {
  const defaults = compilePatterns(DEFAULT_FIX_PATTERNS);

  it('finds Fixes: trailers, git revert messages and configured patterns, in that order of trust', () => {
    assert.deepEqual(fixClaim('net: fix a leak\n\nFixes: 54a4f0239f2e ("net: add leak")\nSigned-off-by: A <a@b>\n', defaults), {
      via: 'trailer',
      refs: ['54a4f0239f2e'],
    });
    assert.deepEqual(fixClaim('Revert "Add mul()"\n\nThis reverts commit aab5aa1f1bf7009b893817787f9cee7596f7d209.\n', defaults), {
      via: 'revert',
      refs: ['aab5aa1f1bf7009b893817787f9cee7596f7d209'],
    });
    assert.deepEqual(fixClaim('fix(parser): off by one', defaults), { via: 'pattern', refs: [] });
    assert.equal(fixClaim('prefix: not a fix\n\nmentions fixes: nothing', defaults), undefined);
    assert.deepEqual(fixClaim('Bug 123: crash on start', compilePatterns(['^bug \\d+'])), { via: 'pattern', refs: [] });
    assert.throws(() => compilePatterns(['(']), /fix pattern \/\(\/ is not a valid regular expression/);
  });

  it('ignores blank and comment-only lines, by the language of the file', () => {
    assert.equal(isCodeLine('a.ts', '   '), false);
    assert.equal(isCodeLine('a.ts', '  // note'), false);
    assert.equal(isCodeLine('a.ts', ' * jsdoc'), false);
    assert.equal(isCodeLine('a.c', '*ptr = 1;'), true);
    assert.equal(isCodeLine('a.py', '# note'), false);
    assert.equal(isCodeLine('a.c', '#include <stdio.h>'), true);
    assert.equal(isCodeLine('q.sql', '-- note'), false);
    assert.equal(isCodeLine('a.ts', 'return 1;'), true);
    // Code after a block comment that closes on the line is code; comments after it are not.
    assert.equal(isCodeLine('a.ts', '/* istanbul ignore next */ if (x) {'), true);
    assert.equal(isCodeLine('a.ts', '/* a */ /* b */ // c'), false);
    assert.equal(isCodeLine('a.ts', '/** opens a block'), false);
    assert.equal(isCodeLine('a.html', '<!-- a --><b>x</b><!-- c -->'), true);
    assert.equal(isCodeLine('a.html', '<!-- opens a comment'), false);
    assert.equal(isCodeLine('a.html', '<!-- a -->'), false);
    assert.equal(isCodeLine('a.py', '    """Return the sum."""'), false);
    assert.equal(isCodeLine('a.py', "    r'''Raw docs.'''"), false);
    assert.equal(isCodeLine('a.py', '    x = """text"""'), true);
    assert.equal(isCodeLine('a.py', '    """a""" + b'), true);
  });

  it('parses -U0 patches with renames and quoted paths', () => {
    const patch = [
      'diff --git "a/sp ace\\303\\251.ts" "b/sp ace\\303\\251.ts"',
      'index 1..2 100644',
      '--- "a/sp ace\\303\\251.ts"',
      '+++ "b/sp ace\\303\\251.ts"',
      '@@ -2 +2,2 @@ ctx',
      '-old',
      '+new',
      '+more',
      'diff --git a/x.ts b/y.ts',
      'similarity index 90%',
      'rename from x.ts',
      'rename to y.ts',
      '--- a/x.ts',
      '+++ b/y.ts',
      '@@ -5,2 +4,0 @@',
      '-gone1',
      '-gone2',
      '',
    ].join('\n');
    assert.deepEqual(parsePatch(patch), [
      {
        oldPath: 'sp aceé.ts',
        newPath: 'sp aceé.ts',
        removed: [{ line: 2, text: 'old' }],
        added: [
          { line: 2, text: 'new' },
          { line: 3, text: 'more' },
        ],
        hunks: [[2, 1, 2, 2]],
      },
      {
        oldPath: 'x.ts',
        newPath: 'y.ts',
        removed: [
          { line: 5, text: 'gone1' },
          { line: 6, text: 'gone2' },
        ],
        added: [],
        hunks: [[5, 2, 4, 0]],
      },
    ]);
    assert.equal(unquotePath('"tab\\there"'), 'tab\there');
  });

  it('reads blame porcelain, where a commit seen before repeats no file name, and marks a shallow edge', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const c = 'c'.repeat(40);
    const out = [
      `${a} 3 1 1`,
      'author A',
      'filename old/name.ts',
      '\tx',
      `${b} 7 2 2`,
      'author B',
      'filename new.ts',
      '\ty',
      `${b} 8 3`,
      '\tz',
      `${a} 4 4 1`,
      '\tw',
      `${c} 9 5 1`,
      'author C',
      'boundary',
      'filename new.ts',
      '\tv',
      '',
    ].join('\n');
    assert.deepEqual(
      [...parsePorcelain(out)],
      [
        [1, { commit: a, file: 'old/name.ts', line: 3 }],
        [2, { commit: b, file: 'new.ts', line: 7 }],
        [3, { commit: b, file: 'new.ts', line: 8 }],
        [4, { commit: a, file: 'old/name.ts', line: 4 }],
        [5, { commit: c, file: 'new.ts', line: 9, boundary: true }],
      ],
    );
    assert.deepEqual(lineRanges([5, 2, 3, 9, 3]), ['-L', '2,3', '-L', '5,5', '-L', '9,9']);
  });

  it('reads incidents CSV with quoted fields, and refuses rows it cannot trust', () => {
    assert.deepEqual(parseCsv('id,commits\r\n"a,1","x ""y"""\n\n'), [
      ['id', 'commits'],
      ['a,1', 'x "y"'],
    ]);
    assert.deepEqual(parseIncidents('id,detected,resolved,commits\nI1,2026-01-01T00:00:00Z,,abc;def\n', 'i.csv'), [
      { id: 'I1', detected: '2026-01-01T00:00:00.000Z', resolved: undefined, commits: ['abc', 'def'], range: undefined },
    ]);
    const bad = (text: string) => assert.throws(() => parseIncidents(text, 'i.json'), IncidentsError);
    bad('[{"id":"x","detected":"2026-01-02T00:00:00Z","resolved":"2026-01-01T00:00:00Z","commits":["a"]}]');
    bad('[{"id":"x","detected":"2026-01-02T00:00:00Z"}]');
    bad('[{"id":"x","detected":"2026-01-02T00:00:00Z","range":"a...b"}]');
    bad('{"incidents": 3}');
    assert.deepEqual(splitRange('v1.2..v1.3'), ['v1.2', 'v1.3']);
    assert.equal(splitRange('main...topic'), undefined);
    bad('[{"id":');
    assert.throws(() => parseIncidents('name,when\nx,y\n', 'i.csv'), /i\.csv: CSV header lacks the "id" column/);
  });

  it('reads incident times without an offset as UTC, whatever the time zone of the machine', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const [i] = parseIncidents('id,detected,resolved,commits\nI1,2026-07-05 10:00,2026-07-05T12:30:00+02:00,abc\n', 'i.csv');
      assert.deepEqual([i.detected, i.resolved], ['2026-07-05T10:00:00.000Z', '2026-07-05T10:30:00.000Z']);
      assert.equal(parseInstant('2026-01-06'), Date.UTC(2026, 0, 6));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('refuses days and times that do not exist, unclosed quotes and rows longer than the header, naming the line', () => {
    const refused = (text: string, message: string) => assert.throws(() => parseIncidents(text, 'i.csv'), { message: `i.csv: ${message}` });
    refused('id,detected,commits\nI1,2026-02-30,abc\n', 'row 2: detected must be an ISO-8601 date-time, got "2026-02-30"');
    refused(
      'id,detected,commits\nI1,2026-02-03T24:10:00Z,abc\n',
      'row 2: detected must be an ISO-8601 date-time, got "2026-02-03T24:10:00Z"',
    );
    refused('id,detected,commits\nI1,2026-02-03,"abc\nI2,2026-02-04,def\n', 'line 2: a quoted field is never closed');
    refused('id,detected,commits\nI1,2026-02-03,abc,2026-02-04\n', 'row 2: 4 fields, but the header names 3');
    // Blank lines and a quoted field over two lines: the row named is the line it starts on.
    refused(
      'id,detected,commits\n\nI1,2026-02-03,"abc\ndef"\r\nI2,yesterday,abc\n',
      'row 5: detected must be an ISO-8601 date-time, got "yesterday"',
    );
  });
});
