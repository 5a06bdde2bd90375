// Interop on a large file: a 20,000-line file with 5,000 AI spans exported to an Agent Trace
// record and a git-ai note (line ownership + per-range sha256), and the record read back into
// line claims and spans. Targets keep a whole-repository export of a big change interactive.
import { readTraceRecord } from '../src/core/interop/agentTrace';
import { sidecarsToTrace } from '../src/core/interop/agentTraceExport';
import { claimsToSpans } from '../src/core/interop/claims';
import { sidecarsToGitAiNote } from '../src/core/interop/gitAiExport';
import { parseGitAiNote } from '../src/core/interop/gitAiNotes';
import { buildSidecar } from '../src/core/format';
import type { Attribution } from '../src/core/model';
import { documentWithSpans } from './fixtures';
import { median, type Bench } from './types';

const SPANS = 5_000;

const bench: Bench = async () => {
  const attribution: Attribution = {
    origin: 'chatApply',
    confidence: 'certain',
    tool: 'Claude Code',
    model: 'claude-opus-4-5',
    sessionId: 's-1',
    capturedAt: '2026-11-01T10:00:00.000Z',
  };
  const { content, spans } = documentWithSpans(SPANS, attribution);
  const files = [{ sidecar: buildSidecar('src/big.ts', content, spans), content }];
  const record = sidecarsToTrace(files, 'a'.repeat(40), 'bench');
  readTraceRecord(record); // compiles the schema validator once
  const note = sidecarsToGitAiNote(files, 'a'.repeat(40));

  const exportTrace: number[] = [];
  const exportNote: number[] = [];
  const importTrace: number[] = [];
  const importNote: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    const json = JSON.stringify(sidecarsToTrace(files, 'a'.repeat(40), 'bench'));
    const t1 = performance.now();
    sidecarsToGitAiNote(files, 'a'.repeat(40));
    const t2 = performance.now();
    const read = readTraceRecord(JSON.parse(json));
    if (read.ok) claimsToSpans(content, read.claims, new Date(), () => `id-${Math.random()}`);
    const t3 = performance.now();
    const parsed = parseGitAiNote(note);
    if (parsed.ok) claimsToSpans(content, parsed.claims, new Date(), () => `id-${Math.random()}`);
    const t4 = performance.now();
    exportTrace.push(t1 - t0);
    exportNote.push(t2 - t1);
    importTrace.push(t3 - t2);
    importNote.push(t4 - t3);
  }
  return [
    { name: `Agent Trace export, 20,000 lines, ${SPANS} spans`, value: median(exportTrace), unit: 'ms', target: 100 },
    { name: 'git-ai note export, same file', value: median(exportNote), unit: 'ms', target: 100 },
    { name: 'Agent Trace record read + spans', value: median(importTrace), unit: 'ms', target: 100 },
    { name: 'git-ai note read + spans', value: median(importNote), unit: 'ms', target: 100 },
  ];
};

export default bench;
