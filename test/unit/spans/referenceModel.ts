// The naive definition the tracker must agree with: one owner (or null) per character.
import type { CharRange, TextEdit } from '../../../src/core/model';

export class ReferenceModel {
  owners: (string | null)[] = [];

  constructor(length: number) {
    this.owners = new Array(length).fill(null);
  }

  replace(offset: number, deleteLength: number, insertLength: number, owner: string | null): void {
    this.owners.splice(offset, deleteLength, ...new Array<string | null>(insertLength).fill(owner));
  }

  applyEdits(edits: readonly TextEdit[]): void {
    const ordered = [...edits].sort((a, b) => b.offset - a.offset);
    for (const e of ordered) this.replace(e.offset, e.deleteLength, e.text.length, null);
  }

  removeOwner(owner: string): void {
    this.owners = this.owners.map((o) => (o === owner ? null : o));
  }

  /** id -> maximal runs, in document order of first character. */
  spans(): Array<{ id: string; ranges: CharRange[] }> {
    const byId = new Map<string, CharRange[]>();
    for (let i = 0; i < this.owners.length; i++) {
      const o = this.owners[i];
      if (o === null) continue;
      let ranges = byId.get(o);
      if (!ranges) byId.set(o, (ranges = []));
      const last = ranges[ranges.length - 1];
      if (last && last.end === i) (last as { end: number }).end = i + 1;
      else ranges.push({ start: i, end: i + 1 });
    }
    return [...byId].map(([id, ranges]) => ({ id, ranges }));
  }
}
