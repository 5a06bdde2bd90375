// A sorted list of owned character runs, kept in blocks with a lazy offset per block so that an
// edit costs O(log n + blockSize + blocks) instead of shifting every run after it.
//
// Invariant (the definition the property test checks): runs are sorted, non-empty,
// non-overlapping, and two runs of the same owner never touch (they would be one run).

export interface Run {
  start: number;
  end: number;
  owner: string;
}

interface Block {
  /** Coordinates relative to `delta`: actual = stored + delta. */
  runs: Run[];
  delta: number;
}

const TARGET_BLOCK = 64;

export class RunList {
  private blocks: Block[] = [];
  private count = 0;
  /** Runs per owner, so "did this owner lose its last character" is O(1). */
  private readonly perOwner = new Map<string, number>();

  constructor(runs: readonly Run[] = []) {
    for (let i = 0; i < runs.length; i += TARGET_BLOCK) {
      this.blocks.push({ runs: runs.slice(i, i + TARGET_BLOCK).map((r) => ({ ...r })), delta: 0 });
    }
    this.count = runs.length;
    for (const r of runs) this.perOwner.set(r.owner, (this.perOwner.get(r.owner) ?? 0) + 1);
  }

  hasOwner(owner: string): boolean {
    return this.perOwner.has(owner);
  }

  private countOwner(owner: string, by: number): void {
    const n = (this.perOwner.get(owner) ?? 0) + by;
    if (n > 0) this.perOwner.set(owner, n);
    else this.perOwner.delete(owner);
  }

  get size(): number {
    return this.count;
  }

  /** All runs in document order, in actual coordinates. */
  toArray(): Run[] {
    const out: Run[] = [];
    for (const b of this.blocks) for (const r of b.runs) out.push({ start: r.start + b.delta, end: r.end + b.delta, owner: r.owner });
    return out;
  }

  /** The run containing the character at `offset`, if any. */
  runAt(offset: number): Run | undefined {
    const [bi, ri] = this.firstEndingAfter(offset);
    if (bi >= this.blocks.length) return undefined;
    const b = this.blocks[bi];
    const r = b.runs[ri];
    return r.start + b.delta <= offset ? { start: r.start + b.delta, end: r.end + b.delta, owner: r.owner } : undefined;
  }

  /** Runs with at least one character in [start, end). */
  runsIn(start: number, end: number): Run[] {
    const out: Run[] = [];
    let [bi, ri] = this.firstEndingAfter(start);
    for (; bi < this.blocks.length; bi++, ri = 0) {
      const b = this.blocks[bi];
      for (; ri < b.runs.length; ri++) {
        const r = b.runs[ri];
        if (r.start + b.delta >= end) return out;
        out.push({ start: r.start + b.delta, end: r.end + b.delta, owner: r.owner });
      }
    }
    return out;
  }

  /**
   * Replace [offset, offset + deleteLength) by `insertLength` characters owned by `owner`
   * (undefined = human). Returns the owners that no longer own any character.
   */
  replace(offset: number, deleteLength: number, insertLength: number, owner: string | undefined): string[] {
    const editEnd = offset + deleteLength;
    const shift = insertLength - deleteLength;
    // The window: every run that touches [offset, editEnd], so splits and merges stay local.
    let [bi, ri] = this.firstEndingAtOrAfter(offset);
    const window: Run[] = [];
    const insertAt: [number, number] = [bi, ri];
    while (bi < this.blocks.length) {
      const b = this.blocks[bi];
      if (ri >= b.runs.length) {
        bi++;
        ri = 0;
        continue;
      }
      const r = b.runs[ri];
      if (r.start + b.delta > editEnd) break;
      window.push({ start: r.start + b.delta, end: r.end + b.delta, owner: r.owner });
      b.runs.splice(ri, 1);
      this.count--;
      this.countOwner(r.owner, -1);
    }

    const pieces: Run[] = [];
    for (const r of window) {
      if (r.start < offset) pieces.push({ start: r.start, end: Math.min(r.end, offset), owner: r.owner });
    }
    if (owner !== undefined && insertLength > 0) pieces.push({ start: offset, end: offset + insertLength, owner });
    for (const r of window) {
      if (r.end > editEnd) pieces.push({ start: Math.max(r.start, editEnd) + shift, end: r.end + shift, owner: r.owner });
    }
    const merged: Run[] = [];
    for (const p of pieces) {
      const last = merged[merged.length - 1];
      if (last && last.owner === p.owner && last.end >= p.start) last.end = Math.max(last.end, p.end);
      else merged.push(p);
    }

    // Shift everything after the window, then put the merged pieces back at the window's place.
    this.shiftFrom(insertAt[0], insertAt[1], shift);
    // Blocks the window emptied go before the insert so the insert's block index stays valid.
    for (let i = Math.min(bi, this.blocks.length - 1); i > insertAt[0]; i--) {
      if (this.blocks[i].runs.length === 0) this.blocks.splice(i, 1);
    }
    this.insertRuns(insertAt[0], insertAt[1], merged);
    if (insertAt[0] < this.blocks.length && this.blocks[insertAt[0]].runs.length === 0) this.blocks.splice(insertAt[0], 1);
    return window.filter((r) => !this.perOwner.has(r.owner)).map((r) => r.owner);
  }

  /** Removes every run of `owner`; returns how many characters it held. */
  removeOwner(owner: string): number {
    let removed = 0;
    for (const b of this.blocks) {
      const kept = b.runs.filter((r) => r.owner !== owner);
      for (const r of b.runs) if (r.owner === owner) removed += r.end - r.start;
      this.count -= b.runs.length - kept.length;
      b.runs = kept;
    }
    this.blocks = this.blocks.filter((b) => b.runs.length > 0);
    this.perOwner.delete(owner);
    return removed;
  }

  /** [block, index] of the first run whose end is > offset. */
  private firstEndingAfter(offset: number): [number, number] {
    return this.search((end) => end > offset);
  }

  /** [block, index] of the first run whose end is >= offset. */
  private firstEndingAtOrAfter(offset: number): [number, number] {
    return this.search((end) => end >= offset);
  }

  private search(pred: (actualEnd: number) => boolean): [number, number] {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid];
      if (pred(b.runs[b.runs.length - 1].end + b.delta)) hi = mid;
      else lo = mid + 1;
    }
    if (lo >= this.blocks.length) return [this.blocks.length, 0];
    const b = this.blocks[lo];
    let l = 0;
    let h = b.runs.length - 1;
    while (l < h) {
      const m = (l + h) >> 1;
      if (pred(b.runs[m].end + b.delta)) h = m;
      else l = m + 1;
    }
    return [lo, l];
  }

  /** Adds `shift` to every run at or after [bi, ri]. */
  private shiftFrom(bi: number, ri: number, shift: number): void {
    if (shift === 0 || bi >= this.blocks.length) return;
    const first = this.blocks[bi];
    for (let i = ri; i < first.runs.length; i++) {
      first.runs[i].start += shift;
      first.runs[i].end += shift;
    }
    for (let i = bi + 1; i < this.blocks.length; i++) this.blocks[i].delta += shift;
  }

  private insertRuns(bi: number, ri: number, runs: Run[]): void {
    if (runs.length === 0) return;
    if (bi >= this.blocks.length) {
      // Past the last run: append to the last block (or a new one).
      if (this.blocks.length === 0) this.blocks.push({ runs: [], delta: 0 });
      bi = this.blocks.length - 1;
      ri = this.blocks[bi].runs.length;
    }
    const b = this.blocks[bi];
    b.runs.splice(ri, 0, ...runs.map((r) => ({ start: r.start - b.delta, end: r.end - b.delta, owner: r.owner })));
    this.count += runs.length;
    for (const r of runs) this.countOwner(r.owner, 1);
    if (b.runs.length > 2 * TARGET_BLOCK) {
      const tail = b.runs.splice(TARGET_BLOCK);
      this.blocks.splice(bi + 1, 0, { runs: tail, delta: b.delta });
    }
  }
}
