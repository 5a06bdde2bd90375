// The git runner turns every failure into a rejected GitError: git exiting before it read its
// input (a folder that is not a repository, a repository removed meanwhile) must not become an
// uncaught EPIPE that kills the process (a hook, the CLI, the extension host, the test run).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, GitError } from '../../../src/core/repo/git';

describe('git runner', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-not-a-repo-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rejects with GitError, never an uncaught EPIPE, when git exits without reading its input', async () => {
    const uncaught: Error[] = [];
    const listener = (err: Error) => uncaught.push(err);
    // Mocha's own handler would fail the test anyway; this one says what happened.
    const mochaHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', listener);
    try {
      const input = 'x'.repeat(4_000_000); // far more than a pipe holds, so the write meets the closed pipe
      await assert.rejects(git(dir, ['cat-file', '--batch'], input), (err: unknown) => {
        assert.ok(err instanceof GitError);
        assert.match(err.message, /not a git repository/);
        return true;
      });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.removeListener('uncaughtException', listener);
      for (const h of mochaHandlers) process.on('uncaughtException', h);
    }
    assert.deepEqual(
      uncaught.map((e) => e.message),
      [],
    );
  });
});
