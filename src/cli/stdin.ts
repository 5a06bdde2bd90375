// Reads all of this process's standard input. Agents pipe a payload to every hook and wait for it:
// a blocking read costs well under a millisecond where setting up process.stdin costs about 8, so
// the descriptor is read directly, and the stream is used only where that cannot be done.
import * as fs from 'node:fs';

const CHUNK = 64 * 1024;

export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const read = fs.readSync(0, buffer, 0, CHUNK, null);
      if (read === 0) return Buffer.concat(chunks).toString('utf8');
      chunks.push(buffer.subarray(0, read));
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Windows reports the end of a pipe as an error; no standard input at all reads as empty.
    if (code === 'EOF' || code === 'EBADF') return Buffer.concat(chunks).toString('utf8');
    // EAGAIN: a non-blocking descriptor with nothing to read yet. What was read is kept, and the
    // rest arrives through the stream.
  }
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
