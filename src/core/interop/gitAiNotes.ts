// git-ai authorship logs in `refs/notes/ai`: per commit, file paths each followed by indented
// lines `<prompt-hash> <ranges>` (ranges like `1-10,15`), then `---` and a JSON block whose
// `prompts` name the agent and model behind each hash. Read only: aiprov never writes there.
import type { LineClaim } from './agentTrace';

export type NoteParse = { ok: true; claims: LineClaim[] } | { ok: false; reason: string };

interface PromptInfo {
  agent_id?: { tool?: string; model?: string; id?: string };
}

export function parseGitAiNote(text: string): NoteParse {
  const separator = text.indexOf('\n---');
  const attestation = separator >= 0 ? text.slice(0, separator) : text;
  let prompts: Record<string, PromptInfo> = {};
  if (separator >= 0) {
    const json = text.slice(separator + 4).trim();
    if (json) {
      try {
        prompts = (JSON.parse(json) as { prompts?: Record<string, PromptInfo> }).prompts ?? {};
      } catch (err) {
        return { ok: false, reason: `the JSON block after --- is not valid JSON (${(err as Error).message})` };
      }
    }
  }
  const claims: LineClaim[] = [];
  let file: string | undefined;
  for (const line of attestation.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      file = line.trim();
      continue;
    }
    if (!file) return { ok: false, reason: `an indented line comes before any file path: "${line.trim()}"` };
    const m = /^\s+(\S+)\s+([\d,\s-]+)$/.exec(line);
    if (!m) return { ok: false, reason: `${file}: cannot read "${line.trim()}" (expected "<prompt-hash> <ranges>")` };
    const info = prompts[m[1]]?.agent_id;
    for (const part of m[2].split(',').map((p) => p.trim()).filter(Boolean)) {
      const [a, b] = part.split('-').map(Number);
      const startLine = a;
      const endLine = b ?? a;
      if (!(startLine >= 1 && endLine >= startLine)) return { ok: false, reason: `${file}: bad range "${part}"` };
      claims.push({ path: file, startLine, endLine, tool: info?.tool ? `git-ai (${info.tool})` : 'git-ai', confidence: 'certain', ...(info?.model && { model: info.model }), ...(info?.id && { sessionId: info.id }) });
    }
  }
  return { ok: true, claims };
}
