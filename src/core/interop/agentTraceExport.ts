// Writes an Agent Trace 0.1.0 record for committed sidecars: one conversation per AI span, its
// whole lines as non-overlapping ranges, each with the sha256 of that range's text. Our origin,
// confidence, tool, session and author ride under `metadata["dev.aiprov"]`, one entry per
// conversation, so an import into another clone gives the same spans back.
import { v4 as uuidv4 } from 'uuid';
import { sha256Hex } from '../digest';
import type { Sidecar } from '../format';
import { lineStarts } from '../text/lines';
import {
  AGENT_TRACE_VERSION,
  AIPROV_METADATA_KEY,
  type AiprovConversationMeta,
  type TraceConversation,
  type TraceFile,
  type TraceRecord,
} from './agentTrace';
import { attributeLines, linesText } from './lineAttribution';

export interface DescribedSidecar {
  sidecar: Sidecar;
  /** The file text the sidecar's ranges describe. */
  content: string;
}

/**
 * `provider/model` as the specification asks (§6.7, models.dev), with the same prefixes the
 * reference implementation maps; a model we cannot place is left as recorded.
 */
export function modelsDevId(model: string): string {
  if (model.includes('/')) return model;
  const providers: Array<[RegExp, string]> = [
    [/^claude-/, 'anthropic'],
    [/^(gpt-|o1|o3|o4)/, 'openai'],
    [/^gemini-/, 'google'],
  ];
  const provider = providers.find(([re]) => re.test(model))?.[1];
  return provider ? `${provider}/${model}` : model;
}

/** The schema caps `model_id` at 250 characters; a longer model stays in our metadata only. */
function modelId(model: string | undefined): { model_id?: string } {
  const id = model && modelsDevId(model);
  return id && id.length <= 250 ? { model_id: id } : {};
}

export function sidecarsToTrace(files: readonly DescribedSidecar[], revision: string, toolVersion: string, now = new Date()): TraceRecord {
  const meta: Record<string, AiprovConversationMeta[]> = {};
  const traceFiles: TraceFile[] = [];
  for (const { sidecar, content } of files) {
    const starts = lineStarts(content);
    const lines = attributeLines(content, sidecar.spans);
    const conversations: TraceConversation[] = [];
    const metas: AiprovConversationMeta[] = [];
    sidecar.spans.forEach((s, i) => {
      if (lines[i].runs.length === 0) return;
      conversations.push({
        contributor: { type: 'ai' as const, ...modelId(s.model) },
        ranges: lines[i].runs.map((r) => ({
          start_line: r.startLine,
          end_line: r.endLine,
          content_hash: `sha256:${sha256Hex(linesText(content, starts, r.startLine, r.endLine))}`,
          // A line that also holds human-written text is "mixed" (§4), not purely AI.
          ...(r.mixed && { contributor: { type: 'mixed' as const, ...modelId(s.model) } }),
        })),
      });
      metas.push({
        span: s.id,
        origin: s.origin,
        confidence: s.confidence,
        capturedAt: s.capturedAt,
        ...(s.tool && { tool: s.tool }),
        ...(s.model && { model: s.model }),
        ...(s.sessionId && { sessionId: s.sessionId }),
        ...(s.author && { author: s.author }),
      });
    });
    if (conversations.length === 0) continue;
    traceFiles.push({ path: sidecar.path, conversations });
    meta[sidecar.path] = metas;
  }
  return {
    version: AGENT_TRACE_VERSION,
    id: uuidv4(),
    timestamp: now.toISOString(),
    vcs: { type: 'git', revision },
    tool: { name: 'aiprov', version: toolVersion },
    files: traceFiles,
    metadata: { [AIPROV_METADATA_KEY]: { files: meta } },
  };
}
