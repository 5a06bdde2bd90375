// Durability: how many of the code lines each class added were rewritten or deleted within 30 and
// 90 days. Replays every commit's -U0 hunks (whitespace-only changes excluded) onto per-file line
// arrays, following first parents; a branch gets its own copy of its parent's files. Lines that
// arrive through a merge are followed on the branch they were written on, up to the merge.
// Pure: works from cached commit facts only.
import { HUMAN_LINE, LINE_CLASSES, type CommitFacts, type LineClass } from './model';
import { ratio } from './stats';

const DAY = 86_400;
export const HORIZONS = [30, 90] as const;

export interface DurabilityFigures {
  lines: number;
  /** Lines at least 30 (90) days older than the newest audited commit: the ones that could have been rewritten. */
  observable30d: number;
  rewritten30d: number;
  share30d: number;
  observable90d: number;
  rewritten90d: number;
  share90d: number;
}

export interface CommitDurability {
  ai30: number;
  ai90: number;
  human30: number;
  human90: number;
}

interface FileState {
  files: Map<string, number[]>;
  owned: Set<string>;
}

const UNTRACKED = -1;

export function lineDurability(
  commits: readonly CommitFacts[],
  classOf: (commit: CommitFacts, aiIndex: number) => LineClass,
): { byClass: Record<LineClass, DurabilityFigures>; byCommit: Map<string, CommitDurability> } {
  // Each followed line is an origin: who added it, when, and when it was first rewritten.
  const originCommit: number[] = [];
  const originClass: LineClass[] = [];
  const addedAt: number[] = [];
  const removedAt: number[] = [];
  const children = new Map<string, number>();
  for (const c of commits) if (c.parents[0]) children.set(c.parents[0], (children.get(c.parents[0]) ?? 0) + 1);
  const states = new Map<string, FileState>();

  commits.forEach((c, index) => {
    const parent = c.parents[0];
    let state: FileState;
    const inherited = parent ? states.get(parent) : undefined;
    if (inherited && (children.get(parent) ?? 0) > 1) {
      // Both lines of history now share the arrays: each copies a file before changing it.
      state = { files: new Map(inherited.files), owned: new Set() };
      inherited.owned.clear();
      children.set(parent, children.get(parent)! - 1);
    } else {
      state = inherited ?? { files: new Map(), owned: new Set() };
      if (parent) states.delete(parent);
    }
    const lines = (file: string): number[] => {
      let arr = state.files.get(file);
      if (!arr) arr = [];
      else if (!state.owned.has(file)) arr = arr.slice();
      state.files.set(file, arr);
      state.owned.add(file);
      return arr;
    };
    for (const edit of c.edits) {
      const arr = edit.from ? lines(edit.from) : [];
      if (edit.from) state.files.delete(edit.from);
      // Bottom-up, so the old positions of earlier hunks stay valid.
      let added = edit.kinds.length;
      for (let h = edit.hunks.length - 4; h >= 0; h -= 4) {
        const [oldStart, oldCount, , newCount] = edit.hunks.slice(h, h + 4);
        added -= newCount;
        const at = oldCount === 0 ? oldStart : oldStart - 1;
        while (arr.length < at) arr.push(UNTRACKED); // lines before the audited range
        const ids = edit.kinds.slice(added, added + newCount).map((kind) => {
          if (kind !== HUMAN_LINE && kind < 0) return UNTRACKED;
          originCommit.push(index);
          originClass.push(kind === HUMAN_LINE ? 'human' : classOf(c, kind));
          addedAt.push(c.commitTime);
          removedAt.push(Number.NaN);
          return originCommit.length - 1;
        });
        for (const id of arr.splice(at, oldCount, ...ids))
          if (id !== undefined && id >= 0 && Number.isNaN(removedAt[id])) removedAt[id] = c.commitTime;
      }
      if (edit.to) {
        state.files.set(edit.to, arr);
        state.owned.add(edit.to);
      } else for (const id of arr) if (id >= 0 && Number.isNaN(removedAt[id])) removedAt[id] = c.commitTime;
    }
    states.set(c.sha, state);
  });

  const newest = Math.max(0, ...commits.map((c) => c.commitTime));
  const empty = (): DurabilityFigures => ({
    lines: 0,
    observable30d: 0,
    rewritten30d: 0,
    share30d: 0,
    observable90d: 0,
    rewritten90d: 0,
    share90d: 0,
  });
  const byClass = Object.fromEntries(LINE_CLASSES.map((k) => [k, empty()])) as Record<LineClass, DurabilityFigures>;
  const byCommit = new Map<string, CommitDurability>();
  for (let id = 0; id < originCommit.length; id++) {
    const f = byClass[originClass[id]];
    const sha = commits[originCommit[id]].sha;
    const d = byCommit.get(sha) ?? { ai30: 0, ai90: 0, human30: 0, human90: 0 };
    byCommit.set(sha, d);
    f.lines++;
    const age = removedAt[id] - addedAt[id];
    const human = originClass[id] === 'human';
    for (const days of HORIZONS) {
      if (newest - addedAt[id] < days * DAY) continue;
      const rewritten = age <= days * DAY; // NaN (still there) compares false
      if (days === 30) {
        f.observable30d++;
        if (rewritten) {
          f.rewritten30d++;
          if (human) d.human30++;
          else d.ai30++;
        }
      } else {
        f.observable90d++;
        if (rewritten) {
          f.rewritten90d++;
          if (human) d.human90++;
          else d.ai90++;
        }
      }
    }
  }
  for (const f of Object.values(byClass)) {
    f.share30d = ratio(f.rewritten30d, f.observable30d);
    f.share90d = ratio(f.rewritten90d, f.observable90d);
  }
  return { byClass, byCommit };
}
