// Claude Code's payload names no model; its transcript (JSONL at `transcript_path`) does, on each
// assistant message. Only the tail is read, so a long session costs no more than a short one.
import * as fs from 'node:fs/promises';

const TAIL_BYTES = 256 * 1024;

export async function modelFromTranscript(file: string): Promise<string | undefined> {
  let text: string;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      text = buf.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].includes('"assistant"')) continue;
    try {
      const entry = JSON.parse(lines[i]) as { type?: unknown; message?: { model?: unknown } };
      if (entry.type === 'assistant' && typeof entry.message?.model === 'string' && entry.message.model) return entry.message.model;
    } catch {
      // a line cut by the tail window, or not JSON: look further back
    }
  }
  return undefined;
}
