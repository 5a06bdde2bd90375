// Standard input as the CLI reads it (agent hook payloads, `import -`): a blocking read of the
// descriptor, and the stream where the descriptor is non-blocking. Run in a real child process,
// because what is tested is how a process's own fd 0 behaves.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const STDIN_MODULE = path.resolve(__dirname, '../../../src/cli/stdin.ts');

/**
 * Runs readProcessStdin in a child. Once the child is about to read, `writes` go to its stdin one
 * by one, `gapMs` apart: gaps long enough that the reader finds the pipe empty in between.
 */
function readInChild(writes: Buffer[], options: { gapMs?: number; touchStreamFirst?: boolean; noStdin?: boolean } = {}): Promise<string> {
  const script = [
    // Creating process.stdin makes a pipe's descriptor non-blocking, as an embedding runner might.
    options.touchStreamFirst ? 'process.stdin.pause();' : '',
    `import(${JSON.stringify(STDIN_MODULE)})`,
    '  .then((m) => { process.stderr.write("reading\\n"); return (m.readProcessStdin ?? m.default.readProcessStdin)(); })',
    '  .then((text) => process.stdout.write(JSON.stringify(text)));',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      stdio: [options.noStdin ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as string) : reject(new Error(`exit ${code}: ${err}`)),
    );
    let i = 0;
    const next = (): void => {
      if (i === writes.length) {
        child.stdin?.end();
        return;
      }
      child.stdin?.write(writes[i++]);
      setTimeout(next, options.gapMs ?? 0);
    };
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      if (err === 'reading\n' && child.stdin) next();
    });
  });
}

/** Equal texts, without printing 100 kB when they are not. */
function assertSameText(actual: string, expected: string): void {
  if (actual === expected) return;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  assert.fail(`lengths ${actual.length} / ${expected.length}, first difference at ${at}`);
}

describe('reading standard input', function () {
  this.timeout(30_000);
  const payload = JSON.stringify({ tool_input: { new_string: 'naïve café — ünïcödé ✓ '.repeat(5000) } });
  const bytes = Buffer.from(payload, 'utf8');
  // Split inside a multi-byte character, so a chunk-by-chunk decoding would corrupt it.
  const splitAt = bytes.indexOf(Buffer.from('ï', 'utf8')) + 1;

  it('reads a payload written in pieces, a multi-byte character split between them, whole', async () => {
    const pieces = [bytes.subarray(0, splitAt), bytes.subarray(splitAt, 70_000), bytes.subarray(70_000)];
    assertSameText(await readInChild(pieces, { gapMs: 50 }), payload);
  });

  it('reads the rest through the stream when the descriptor is non-blocking and the writer is slow', async () => {
    const pieces = [bytes.subarray(0, splitAt), bytes.subarray(splitAt)];
    assertSameText(await readInChild(pieces, { gapMs: 300, touchStreamFirst: true }), payload);
  });

  it('reads no standard input as empty', async () => {
    assert.equal(await readInChild([], { noStdin: true }), '');
  });
});
