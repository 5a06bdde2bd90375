import * as assert from 'node:assert/strict';
import { aggregate } from '../../../src/core/audit/aggregate';
import type { CommitFacts } from '../../../src/core/audit/model';
import { auditHtml } from '../../../src/extension/review/auditPage';

const commit = (sha: string, time: number, extra: Partial<CommitFacts> = {}): CommitFacts => ({
  sha,
  parents: [],
  authorTime: time,
  commitTime: time,
  subject: sha,
  humanLines: 0,
  ai: [],
  approvals: [],
  edits: [],
  problems: [],
  ...extra,
});

describe('audit page', () => {
  const report = aggregate({
    repository: '<repo & co>',
    head: 'h'.repeat(40),
    range: 'HEAD',
    commits: [
      commit('a'.repeat(40), 1_767_225_600, {
        ai: [{ spanId: 's', file: 'f.ts', lines: 10, origin: 'chatApply', confidence: 'certain', tool: '<img src=x>' }],
        humanLines: 10,
      }),
      commit('b'.repeat(40), 1_769_904_000, {
        parents: ['a'.repeat(40)],
        humanLines: 5,
        fix: {
          via: 'pattern',
          refs: [],
          blamed: [{ inducing: 'a'.repeat(40), file: 'f.ts', line: 1, span: { id: 's', origin: 'chatApply' }, approvedAtInducing: false }],
        },
      }),
    ],
    changes: ['a'.repeat(40), 'b'.repeat(40)],
  });

  it('renders the charts inline as static SVG, with no script, style element or inline style', () => {
    const html = auditHtml(report);
    assert.equal((html.match(/<svg /g) ?? []).length, 3);
    assert.doesNotMatch(html, /<script|<style|style=|on\w+=|javascript:/i);
    assert.match(html, /<td>ai-unreviewed<\/td><td class="num">10<\/td><td class="num">1<\/td><td class="num">100<\/td>/);
    assert.match(html, /2 commits \(HEAD\); 10 of 25 code lines added by AI \(40%\)/);
  });

  it('shows why the audit could not run instead of failing the report', () => {
    assert.match(
      auditHtml({ error: 'no git repository in this workspace' }),
      /The audit could not run: no git repository in this workspace/,
    );
  });
});
