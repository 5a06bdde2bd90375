// Deterministic inputs shared by benchmarks: a seeded generator and a large source-like document.
import type { AiSpan, Attribution } from '../src/core/model';
import { SpanTracker } from '../src/core/spans/tracker';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sourceDocument(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`  const value${i} = compute(${i}, "item-${i % 97}"); // line ${i}`);
  return out.join('\n') + '\n';
}

/** A 20,000-line document with `spans` AI spans of two lines every four lines, all with `attribution`. */
export function documentWithSpans(spans: number, attribution: Attribution): { content: string; spans: AiSpan[] } {
  const content = sourceDocument(20_000);
  const lineLength = Math.floor(content.length / 20_000);
  const tracker = new SpanTracker();
  for (let i = 0; i < spans; i++) {
    tracker.markAi(
      { start: i * 4 * lineLength, end: i * 4 * lineLength + 2 * lineLength },
      attribution,
      `span-${String(i).padStart(5, '0')}`,
    );
  }
  return { content, spans: tracker.spans() };
}
