import * as assert from 'node:assert/strict';
import { attributeLines } from '../../../src/core/interop/lineAttribution';

const at = (content: string, s: string) => content.indexOf(s);

describe('interop: which whole lines an AI span accounts for', () => {
  it('a line two spans share goes to the one with more characters on it, never to both', () => {
    const content = 'aaaa bb\ncccc\n';
    const spans = [{ ranges: [{ start: 0, end: 4 }] }, { ranges: [{ start: 5, end: content.length }] }];
    assert.deepEqual(attributeLines(content, spans), [
      { runs: [{ startLine: 1, endLine: 1, mixed: false }] },
      { runs: [{ startLine: 2, endLine: 2, mixed: false }] },
    ]);
  });

  it('a completion after human-typed text on its line is mixed; indentation alone is not', () => {
    const content = 'const x = compute();\n    return x;\n';
    const spans = [
      { ranges: [{ start: at(content, 'compute'), end: at(content, '\n') }] },
      { ranges: [{ start: at(content, 'return'), end: content.length }] },
    ];
    assert.deepEqual(
      attributeLines(content, spans).map((s) => s.runs),
      [[{ startLine: 1, endLine: 1, mixed: true }], [{ startLine: 2, endLine: 2, mixed: false }]],
    );
  });

  it('a span covering only a line break claims no line; CRLF counts as one break', () => {
    const content = 'one\r\ntwo\r\n';
    assert.deepEqual(attributeLines(content, [{ ranges: [{ start: 3, end: 5 }] }]), [{ runs: [] }]);
    assert.deepEqual(attributeLines(content, [{ ranges: [{ start: 0, end: content.length }] }]), [
      { runs: [{ startLine: 1, endLine: 2, mixed: false }] },
    ]);
  });
});
