// Every command answers bad input with one line, `aiprov <command>: <reason>`, and exit code 2:
// never a stack trace, whatever throws underneath.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBounded } from '../../../src/cli/boundary';
import { runCliCaptured } from '../helpers/cli';
import { makeRepo, type TestRepo } from '../helpers/gitRepo';
import { PassThrough } from 'node:stream';

async function bounded(command: () => Promise<number>): Promise<{ code: number; err: string }> {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (c) => (err += c));
  const code = await runBounded('demo', command, [], { stdout: new PassThrough(), stderr, readStdin: async () => '', cwd: os.tmpdir() });
  return { code, err };
}

const oneLine = (err: string, command: string) => {
  assert.match(err, new RegExp(`^aiprov ${command}: [^\\n]+\\n$`), err);
  assert.doesNotMatch(err, /\n\s+at /);
};

describe('the CLI error boundary', function () {
  this.timeout(30_000);
  let repo: TestRepo;
  beforeEach(() => {
    repo = makeRepo('aiprov-boundary-');
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
  });
  afterEach(() => repo.remove());

  it("a repository git refuses as another user's (CI containers) is named as such, with git's remedy", async () => {
    // git's own switch for this check: the repository is taken to belong to someone else.
    process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = '1';
    try {
      for (const command of ['verify', 'export', 'report']) {
        const r = await runCliCaptured([command], repo.root);
        assert.equal(r.code, 2, r.err);
        oneLine(r.err, command);
        assert.match(
          r.err,
          /git refuses the repository at .+: it is owned by another user; if you trust it: git config --global --add safe\.directory /,
        );
      }
    } finally {
      delete process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER;
    }
  });

  it('a bug in a command is one line that says it is internal, exit 2', async () => {
    const r = await bounded(async () => {
      const missing: { x?: { y: number } } = {};
      return missing.x!.y;
    });
    assert.equal(r.code, 2);
    oneLine(r.err, 'demo');
    assert.match(r.err, /internal error: .* \(set AIPROV_DEBUG=1 for details\)/);
  });

  it('blame, report and signoff say a broken policy in one line', async () => {
    repo.write('.aiprov/policy.json', '{ "version": 1, "minSeniors": 0 }');
    for (const args of [['blame', 'src/a.ts'], ['report'], ['signoff', 'src/a.ts']]) {
      const r = await runCliCaptured(args, repo.root);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      oneLine(
        r.err
          .split('\n')
          .filter((l) => !l.startsWith('aiprov: '))
          .join('\n'),
        args[0],
      );
    }
  });

  it('hooks install and merge-driver install outside a repository are one line each', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-nowhere-'));
    try {
      for (const args of [['hooks', 'install'], ['merge-driver', 'install'], ['verify'], ['export'], ['audit']]) {
        const r = await runCliCaptured(args, outside);
        assert.equal(r.code, 2, args.join(' '));
        oneLine(r.err, args[0]);
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('unknown options are one line for every command', async () => {
    for (const command of ['verify', 'report', 'export', 'signoff', 'blame', 'import', 'audit', 'hooks']) {
      const r = await runCliCaptured([command, '--no-such-option'], repo.root);
      assert.equal(r.code, 2, command);
      oneLine(r.err.replace(/\n\nUsage:[\s\S]*$/, '\n'), command);
    }
  });
});
