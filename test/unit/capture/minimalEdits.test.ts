import * as assert from 'node:assert/strict';
import { applyEdits, minimalEdits } from '../../../src/core/capture/minimalEdits';
import { TextShadow } from '../../../src/core/capture/textShadow';
import type { TextEdit } from '../../../src/core/model';

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('minimalEdits', () => {
  it('a replacement with identical text changes nothing', () => {
    const before = 'a\nb\nc\n';
    assert.deepEqual(minimalEdits(before, [{ offset: 2, deleteLength: 2, text: 'b\n' }]), []);
  });

  it('a line rewritten with itself plus a new line keeps only the new line', () => {
    const before = 'one\ntwo\nthree\n';
    const edits = minimalEdits(before, [{ offset: 4, deleteLength: 4, text: 'two\n// added\n' }]);
    assert.deepEqual(edits, [{ offset: 8, deleteLength: 0, text: '// added\n' }]);
  });

  it('a suggestion that re-types the typed prefix inserts only what follows it', () => {
    assert.deepEqual(minimalEdits('let x = fo', [{ offset: 8, deleteLength: 2, text: 'foo(1);' }]), [
      { offset: 10, deleteLength: 0, text: 'o(1);' },
    ]);
  });

  it('a whole-document replacement becomes each separate change it makes', () => {
    const before = 'keep 1\nAI ONE\nkeep 2\nkeep 3\nAI TWO\nkeep 4\n';
    const after = 'keep 1\nkeep 2\nkeep 3\nkeep 4\n';
    const edits = minimalEdits(before, [{ offset: 0, deleteLength: before.length, text: after }]);
    assert.deepEqual(edits, [
      { offset: 7, deleteLength: 7, text: '' },
      { offset: 28, deleteLength: 7, text: '' },
    ]);
    assert.equal(applyEdits(before, edits), after);
  });

  it('always produces the same result as the edits it was given (random replacements)', () => {
    const random = seeded(7);
    const alphabet = 'ab\n x';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const before = word(Math.floor(random() * 60));
      const offset = Math.floor(random() * (before.length + 1));
      const deleteLength = Math.floor(random() * (before.length - offset + 1));
      const edit: TextEdit = {
        offset,
        deleteLength,
        text: random() < 0.5 ? before.slice(offset, offset + deleteLength) + word(3) : word(Math.floor(random() * 20)),
      };
      const minimal = minimalEdits(before, [edit]);
      assert.equal(applyEdits(before, minimal), applyEdits(before, [edit]), JSON.stringify({ before, edit }));
      const changed = minimal.reduce((n, e) => n + e.text.length + e.deleteLength, 0);
      assert.ok(changed <= edit.text.length + edit.deleteLength);
    }
  });
});

describe('TextShadow', () => {
  it('stays equal to the text it mirrors through random edits across chunk boundaries', () => {
    const random = seeded(11);
    let text = 'x'.repeat(20_000);
    const shadow = new TextShadow(text);
    for (let i = 0; i < 2000; i++) {
      const offset = Math.floor(random() * (text.length + 1));
      const deleteLength = Math.min(text.length - offset, Math.floor(random() * (random() < 0.05 ? 9000 : 5)));
      const insert = random() < 0.05 ? 'y'.repeat(Math.floor(random() * 10_000)) : 'ab\n'.slice(0, Math.floor(random() * 4));
      const edit = { offset, deleteLength, text: insert };
      text = applyEdits(text, [edit]);
      shadow.apply([edit]);
      assert.equal(shadow.length, text.length);
      const a = Math.floor(random() * text.length);
      assert.equal(shadow.slice(a, a + 50), text.slice(a, a + 50));
    }
    assert.equal(shadow.toString(), text);
  });

  it('applies a multi-edit batch in pre-event coordinates', () => {
    const shadow = new TextShadow('abcdef');
    shadow.apply([
      { offset: 1, deleteLength: 1, text: 'X' },
      { offset: 4, deleteLength: 0, text: 'YY' },
    ]);
    assert.equal(shadow.toString(), 'aXcdYYef');
  });
});
