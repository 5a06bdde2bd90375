// Measures the wall time during which at least one git process is running, so the audit can say
// what share of its time git took (blame runs two at a time; overlaps count once).
export class GitClock {
  private active = 0;
  private since = 0;
  private total = 0;

  async time<T>(work: () => Promise<T>): Promise<T> {
    if (this.active++ === 0) this.since = performance.now();
    try {
      return await work();
    } finally {
      if (--this.active === 0) this.total += performance.now() - this.since;
    }
  }

  get ms(): number {
    return this.total + (this.active ? performance.now() - this.since : 0);
  }
}
