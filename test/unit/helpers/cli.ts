// Runs the CLI in-process with captured output, as a terminal would.
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/run';

export async function runCliCaptured(args: string[], cwd: string, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(args, { stdout, stderr, readStdin: async () => stdin, cwd });
  return { code, out, err };
}
