// Deterministic inputs shared by benchmarks: a seeded generator and a large source-like document.
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
