// A git merge driver for `.aiprov` sidecars: both branches' spans and sign-offs survive, mapped
// onto the merged file content, so nobody hand-edits JSON after a merge.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { reanchorSpans } from '../anchor';
import { buildSidecar, parseSidecar, serializeSidecar, spansOf, type Sidecar } from '../format';
import type { AiSpan, SignOff } from '../model';
import { git, readBlob } from './git';

export interface MergeOutcome {
  text: string;
  /** False when the source file itself conflicts; spans then stay on "ours" until the next export. */
  mappedOntoMergedContent: boolean;
}

function unionById<T extends { id: string }>(first: readonly T[], second: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of [...second, ...first]) byId.set(item.id, item);
  return [...byId.values()];
}

async function mergedContent(repoRoot: string, base: string, ours: string, theirs: string): Promise<string | undefined> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aiprov-merge-'));
  try {
    const files = ['ours', 'base', 'theirs'].map((n) => path.join(dir, n));
    await Promise.all([ours, base, theirs].map((text, i) => fs.writeFile(files[i], text)));
    try {
      return (await git(repoRoot, ['merge-file', '-p', ...files])).toString('utf8');
    } catch {
      return undefined; // conflicts (exit code = their number)
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The source file as it was at the merge base (git merge-file needs the common ancestor). */
async function mergeBaseContent(repoRoot: string, repoPath: string, base: Sidecar | undefined): Promise<string | undefined> {
  try {
    // `git merge` names the commit being merged in GITHEAD_<sha> while drivers run (MERGE_HEAD is
    // only written afterwards).
    const other = Object.keys(process.env).find((k) => /^GITHEAD_[0-9a-f]{40,64}$/.test(k))?.slice('GITHEAD_'.length) ?? 'MERGE_HEAD';
    const mergeBase = (await git(repoRoot, ['merge-base', 'HEAD', other])).toString().trim();
    return (await git(repoRoot, ['show', `${mergeBase}:${repoPath}`])).toString('utf8');
  } catch {
    // Not a `git merge` (or the file is new on both sides): fall back to the base sidecar's content.
    return base ? readBlob(repoRoot, base.blob) : '';
  }
}

export async function mergeSidecarTexts(repoRoot: string, baseText: string, oursText: string, theirsText: string, file: string): Promise<MergeOutcome> {
  const ours = parseSidecar(oursText, `${file} (ours)`);
  const theirs = parseSidecar(theirsText, `${file} (theirs)`);
  const base: Sidecar | undefined = baseText.trim() ? parseSidecar(baseText, `${file} (base)`) : undefined;
  const signoffs: SignOff[] = unionById(ours.signoffs, theirs.signoffs);

  const [oursContent, theirsContent, baseContent] = await Promise.all([readBlob(repoRoot, ours.blob), readBlob(repoRoot, theirs.blob), mergeBaseContent(repoRoot, ours.path, base)]);
  const merged = oursContent !== undefined && theirsContent !== undefined && baseContent !== undefined ? await mergedContent(repoRoot, baseContent, oursContent, theirsContent) : undefined;
  if (merged === undefined || oursContent === undefined || theirsContent === undefined) {
    return { text: serializeSidecar({ ...ours, signoffs }), mappedOntoMergedContent: false };
  }
  const fromOurs = reanchorSpans(oursContent, merged, spansOf(ours)).spans;
  const oursIds = new Set(fromOurs.map((s) => s.id));
  const fromTheirs = reanchorSpans(theirsContent, merged, spansOf(theirs).filter((s) => !oursIds.has(s.id))).spans;
  // Two spans may not claim the same characters: ours wins where they overlap.
  const spans: AiSpan[] = [...fromOurs];
  for (const s of fromTheirs) {
    const clash = s.ranges.some((r) => spans.some((o) => o.ranges.some((q) => r.start < q.end && q.start < r.end)));
    if (!clash) spans.push(s);
  }
  return { text: serializeSidecar(buildSidecar(ours.path, merged, spans, signoffs)), mappedOntoMergedContent: true };
}
