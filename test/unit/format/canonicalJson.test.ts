import * as assert from 'node:assert/strict';
import { canonicalJson, canonicalJsonCompact } from '../../../src/core/format';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined and ends with a newline', () => {
    const value = { b: 1, a: { d: [{ z: 1, y: undefined, x: 2 }], c: 'x' }, e: undefined };
    assert.equal(canonicalJsonCompact(value), '{"a":{"c":"x","d":[{"x":2,"z":1}]},"b":1}');
    assert.ok(canonicalJson(value).endsWith('}\n'));
  });

  it('gives equal bytes for equal data whatever the key order', () => {
    assert.equal(canonicalJson({ a: 1, b: [{ c: 1, d: 2 }] }), canonicalJson({ b: [{ d: 2, c: 1 }], a: 1 }));
  });

  it('leaves the input untouched', () => {
    const value = { b: 1, a: 2 };
    canonicalJson(value);
    assert.deepEqual(Object.keys(value), ['b', 'a']);
  });
});
