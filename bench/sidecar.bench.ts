// Parse + validate + serialise a sidecar with 5,000 spans.
import { buildSidecar, parseSidecar, serializeSidecar } from '../src/core/format';
import type { Attribution } from '../src/core/model';
import { documentWithSpans } from './fixtures';
import { median, type Bench } from './types';

const SPANS = 5_000;

const bench: Bench = async () => {
  const attribution: Attribution = {
    origin: 'chatApply',
    confidence: 'likely',
    tool: 'GitHub Copilot Chat',
    author: 'dev@example.com',
    capturedAt: '2026-11-01T10:00:00.000Z',
  };
  const { content, spans } = documentWithSpans(SPANS, attribution);
  const text = serializeSidecar(buildSidecar('src/big.ts', content, spans));
  parseSidecar(text, 'warm-up'); // compiles the schema validator once, as the first read in a session would

  const parse: number[] = [];
  const serialise: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const sidecar = parseSidecar(text, 'big.aiprov', { content });
    const t1 = performance.now();
    serializeSidecar(sidecar);
    const t2 = performance.now();
    parse.push(t1 - t0);
    serialise.push(t2 - t1);
    total.push(t2 - t0);
  }
  return [
    { name: `parse + validate, ${SPANS} spans (${(text.length / 1024).toFixed(0)} KiB)`, value: median(parse), unit: 'ms' },
    { name: 'serialise (canonical)', value: median(serialise), unit: 'ms' },
    { name: 'parse + validate + serialise', value: median(total), unit: 'ms', target: 20 },
  ];
};

export default bench;
