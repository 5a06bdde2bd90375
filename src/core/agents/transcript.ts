// The model, from the agent's transcript at `transcript_path` when the payload does not name it.
// Claude Code keeps JSONL whose assistant entries carry `message.model`; Gemini CLI keeps JSONL
// records (JSON with a `messages` array in older releases) whose `gemini` messages carry `model`.
// Only the tail is read, so a long session costs no more than a short one.
import * as fs from 'node:fs/promises';
import type { AgentId } from './registry';

const TAIL_BYTES = 256 * 1024;
/** A whole-JSON transcript (older Gemini CLI) is parsed only up to this size. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

type JsonRecord = Record<string, unknown>;

/** How each agent's transcript names the model: a cheap marker of the entries to parse, and where the model sits. */
const READERS: Partial<Record<AgentId, { marker: string; modelOf: (entry: JsonRecord) => unknown }>> = {
  'claude-code': {
    marker: '"assistant"',
    modelOf: (e) => (e.type === 'assistant' ? (e.message as JsonRecord | undefined)?.model : undefined),
  },
  gemini: { marker: '"gemini"', modelOf: (e) => (e.type === 'gemini' ? e.model : undefined) },
};

export async function modelFromTranscript(file: string, agent: AgentId = 'claude-code'): Promise<string | undefined> {
  const reader = READERS[agent];
  if (!reader) return undefined;
  let text: string;
  let whole: boolean;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      // An older Gemini CLI transcript is one JSON document: read it whole when it is small enough.
      const start = agent === 'gemini' && size <= MAX_JSON_BYTES ? 0 : Math.max(0, size - TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      text = buf.toString('utf8');
      whole = start === 0;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  const usable = (m: unknown): m is string => typeof m === 'string' && m !== '' && m !== '<synthetic>';
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].includes(reader.marker)) continue;
    try {
      const model = reader.modelOf(JSON.parse(lines[i]) as JsonRecord);
      if (usable(model)) return model;
    } catch {
      // a line cut by the tail window, or part of a pretty-printed document: look further back
    }
  }
  if (!whole || agent !== 'gemini') return undefined;
  try {
    const messages = (JSON.parse(text) as JsonRecord).messages;
    if (!Array.isArray(messages)) return undefined;
    for (let i = messages.length - 1; i >= 0; i--) {
      const model = reader.modelOf((messages[i] ?? {}) as JsonRecord);
      if (usable(model)) return model;
    }
  } catch {
    // not one JSON document either
  }
  return undefined;
}
