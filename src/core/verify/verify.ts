// `aiprov verify`: for the files a change touches (merge base .. HEAD), every AI span the policy
// covers needs a valid, non-stale senior sign-off: a record bound to the file, the span's text and
// attribution, signed by a key the TARGET branch's allowed_signers lists for the reviewer. Policy
// and seniors come from the tip of the base ref (as code owners are read from the base branch), so
// a branch can neither approve itself nor escape a policy tightened after it forked. History in
// the change is checked too (tamper.ts): provenance and decisions recorded earlier cannot vanish.
import { reanchorSpans, reanchorWithoutBlob } from '../anchor';
import { lineLocator, parseSidecar, repoPathOfSidecar, SIDECAR_DIR, sidecarPathFor, spansOf, type Sidecar } from '../format';
import {
  ALLOWED_SIGNERS_FILE,
  evaluateSpans,
  parseReviewRules,
  POLICY_FILE,
  signOffKey,
  verifySignOffs,
  type ReviewRules,
} from '../signoff';
import type { SignOff } from '../model';
import { AUDIT_CONFIG_FILE } from '../audit/config';
import { decodeContent } from './content';
import { listTree, readObjectBytes, type TreeEntry } from '../repo/git';
import { changedPaths, commitsBetween, mergeBase, resolveCommitOrThrow, versionsUnder } from './gitFacts';
import { indexCommittedAi } from '../repo/committedAiLines';
import { findTampering, type EarlierVersion, type HeadFile } from './tamper';
import type { Violation, ViolationKind } from './violations';

export type { Violation, ViolationKind } from './violations';

export interface VerifyReport {
  /** The merge base: where the change starts. */
  base: string;
  /** The tip of the base ref: where policy and seniors are read. */
  target: string;
  head: string;
  filesChecked: number;
  spansChecked: number;
  spansApproved: number;
  commitsChecked: number;
  /** Facts a reader must know to judge the result (self-declared identities, pending rule changes). */
  notices: string[];
  violations: Violation[];
}

const SYMLINK = '120000';

interface Touched {
  from?: string;
  deleted: boolean;
  /** The source file itself changed (not only its sidecar). */
  changed: boolean;
}

export async function verifyChange(repoRoot: string, baseRef: string, headRef = 'HEAD'): Promise<VerifyReport> {
  const head = await resolveCommitOrThrow(repoRoot, headRef);
  const target = await resolveCommitOrThrow(repoRoot, baseRef);
  const base = await mergeBase(repoRoot, target, head);
  const report: VerifyReport = {
    base,
    target,
    head,
    filesChecked: 0,
    spansChecked: 0,
    spansApproved: 0,
    commitsChecked: 0,
    notices: [],
    violations: [],
  };
  const violate = (v: Violation) => report.violations.push(v);
  if (base === head)
    report.notices.push(
      `HEAD is already part of ${baseRef} (${target.slice(0, 8)}): there is no change to check; pass --base with the branch this change goes into`,
    );

  const [headTree, baseTree, targetTree] = await Promise.all([
    listTree(repoRoot, head),
    listTree(repoRoot, base),
    target === base ? undefined : listTree(repoRoot, target),
  ]);
  const rules = await readRules(repoRoot, targetTree ?? baseTree, target, report);
  if (!rules) return report;

  // What the change touches; a change to a sidecar alone (a sign-off commit) checks its file.
  const changes = await changedPaths(repoRoot, base, head);
  const touched = new Map<string, Touched>();
  const renamedTo = new Map<string, string>();
  for (const c of changes) {
    if (c.path === POLICY_FILE || c.path === ALLOWED_SIGNERS_FILE || c.from === POLICY_FILE || c.from === ALLOWED_SIGNERS_FILE) {
      report.notices.push(
        `this change edits ${c.path}; it takes effect after it is merged into the target branch (verify reads ${POLICY_FILE} and ${ALLOWED_SIGNERS_FILE} from ${target.slice(0, 8)})`,
      );
    }
    // A renamed sidecar counts as one deleted and one added (git pairs unrelated sidecars too).
    for (const p of [c.path, c.from]) {
      const file = p?.startsWith(`${SIDECAR_DIR}/`) ? repoPathOfSidecar(p) : undefined;
      if (file && !touched.has(file)) touched.set(file, { deleted: !headTree.has(file), changed: false });
    }
    if (!isBookkeeping(c.path)) {
      touched.set(c.path, { from: c.from, deleted: c.status === 'D', changed: true });
      if (c.from && c.from !== c.path) renamedTo.set(c.from, c.path);
    }
  }
  const aiprovDir = headTree.get(SIDECAR_DIR);
  if (aiprovDir?.mode === SYMLINK)
    violate({
      kind: 'unsafe-sidecar',
      file: SIDECAR_DIR,
      message: `${SIDECAR_DIR} is a symbolic link in this change; aiprov reads and writes sidecars only in a real folder`,
    });

  // Every object verify reads, in one git process, by id.
  const fileEntry = (tree: Map<string, TreeEntry>, p: string) => tree.get(p);
  const wanted: string[] = [];
  for (const [file, info] of touched) {
    for (const e of [
      fileEntry(headTree, file),
      fileEntry(headTree, sidecarPathFor(file)),
      fileEntry(baseTree, info.from ?? file),
      fileEntry(baseTree, sidecarPathFor(info.from ?? file)),
    ]) {
      if (e && e.type === 'blob') wanted.push(e.oid);
    }
  }
  const history = await versionsUnder(repoRoot, base, head, SIDECAR_DIR);
  for (const v of history) wanted.push(v.oid);
  const objects = await readObjectBytes(repoRoot, wanted);
  const text = (oid: string | undefined) => {
    const bytes = oid ? objects.get(oid) : undefined;
    return bytes && decodeContent(bytes);
  };

  // HEAD: each touched file with its sidecar.
  const headFiles = new Map<string, HeadFile>();
  const evaluated: Array<{ file: string; content: string; sidecar: Sidecar; spans: ReturnType<typeof spansOf> }> = [];
  for (const [file, info] of touched) {
    if (info.deleted) continue;
    const entry = headTree.get(file);
    if (!entry || entry.type !== 'blob' || entry.mode === SYMLINK) continue;
    const content = text(entry.oid);
    if (content === undefined) continue;
    report.filesChecked++;
    const rel = sidecarPathFor(file);
    const baseContent = text(baseTree.get(info.from ?? file)?.oid);
    const headFile: HeadFile = {
      content,
      spans: [],
      recordKeys: new Set(),
      changed: info.changed,
      ...(baseContent !== undefined && { baseLines: new Set(baseContent.split('\n').map((l) => l.trim())) }),
    };
    headFiles.set(file, headFile);
    const sidecarEntry = headTree.get(rel);
    if (!sidecarEntry) continue;
    if (sidecarEntry.mode === SYMLINK) {
      violate({ kind: 'unsafe-sidecar', file, message: `${rel} is a symbolic link; a sidecar must be a regular file` });
      continue;
    }
    let sidecar: Sidecar;
    try {
      sidecar = parseSidecar(text(sidecarEntry.oid) ?? '', rel);
    } catch (err) {
      violate({ kind: 'malformed-sidecar', file, message: (err as Error).message });
      continue;
    }
    if (sidecar.path !== file) {
      violate({ kind: 'malformed-sidecar', file, message: `${rel} says it describes ${sidecar.path}, not ${file}` });
      continue;
    }
    let spans = spansOf(sidecar);
    if (sidecar.blob !== entry.oid) {
      // Rebased or cherry-picked: the sidecar describes an earlier version of the file. Move its
      // spans onto HEAD's content when git still has that version.
      const described = decodeOrUndefined((await readObjectBytes(repoRoot, [sidecar.blob])).get(sidecar.blob));
      // Without that version (a fresh clone of a branch rebased elsewhere): find each span again
      // by its recorded position and exact-text digest; only text that really changed is stale.
      const moved = described !== undefined ? reanchorSpans(described, content, spans) : withoutBlob(sidecar, content);
      if (moved.couldNotReanchor || moved.dropped.length) {
        const why = moved.couldNotReanchor ?? moved.dropped.map((d) => `span ${d.id}: ${d.reason}`).join('; ');
        violate({
          kind: 'stale-provenance',
          file,
          message: `${rel} describes content ${sidecar.blob.slice(0, 8)}, but ${file} at HEAD is ${entry.oid.slice(0, 8)}${described === undefined ? ' (not in this clone)' : ''} and its spans cannot all be found there (${why}): export the sidecar again (commit through the aiprov hook or run aiprov export)`,
        });
        continue;
      }
      spans = moved.spans;
    } else {
      try {
        parseSidecar(text(sidecarEntry.oid) ?? '', rel, { content });
      } catch (err) {
        violate({ kind: 'malformed-sidecar', file, message: (err as Error).message });
        continue;
      }
    }
    headFile.spans = spans;
    headFile.recordKeys = new Set(sidecar.signoffs.map(signOffKey));
    evaluated.push({ file, content, sidecar, spans });
  }

  checkDuplicateIds(evaluated, violate);

  // The base and every commit of the change: what was recorded must still be recorded.
  const earlier: EarlierVersion[] = [];
  const addEarlier = (where: string, commit: string | undefined, sidecarPath: string, oid: string) => {
    const file = repoPathOfSidecar(sidecarPath);
    if (!file) return;
    const headSidecar = headTree.get(sidecarPathFor(renamedTo.get(file) ?? file));
    if (headSidecar?.oid === oid) return; // the same version as HEAD's: nothing to compare
    let sidecar: Sidecar;
    try {
      sidecar = parseSidecar(text(oid) ?? '', sidecarPath);
    } catch {
      return; // an unreadable earlier version states nothing verify could hold the change to
    }
    if (sidecar.spans.length === 0 && sidecar.signoffs.length === 0) return;
    earlier.push({ where, commit, file, sidecar, content: '' });
  };
  for (const [file, info] of touched) {
    const e = baseTree.get(sidecarPathFor(info.from ?? file));
    if (e) addEarlier(`at the base ${base.slice(0, 8)}`, undefined, sidecarPathFor(info.from ?? file), e.oid);
  }
  for (const v of history) addEarlier(`in commit ${v.commit.slice(0, 8)}`, v.commit, v.path, v.oid);
  const described = await readObjectBytes(
    repoRoot,
    earlier.map((e) => e.sidecar.blob),
  );
  // A version whose described content this clone lacks (a squash or rebase merge done by the
  // server, a commit made without the hook, or a blob id made up on purpose) still states what
  // was AI: its spans are found again in the file as committed at that point, by position and
  // exact-text digest, as for HEAD's own sidecars.
  const committedSpec = (e: EarlierVersion) => (e.commit ? `${e.commit}:${e.file}` : baseTree.get(e.file)?.oid);
  const committed = await readObjectBytes(
    repoRoot,
    earlier
      .filter((e) => described.get(e.sidecar.blob) === undefined)
      .map(committedSpec)
      .filter((spec): spec is string => spec !== undefined),
  );
  const comparable = earlier.filter((e) => {
    const bytes = described.get(e.sidecar.blob);
    if (bytes !== undefined) {
      e.content = decodeContent(bytes);
      return true;
    }
    const spec = committedSpec(e);
    const atThatPoint = spec === undefined ? undefined : committed.get(spec);
    if (atThatPoint === undefined) return false;
    e.content = decodeContent(atThatPoint);
    e.sidecar = { ...e.sidecar, spans: reanchorWithoutBlob(e.content, e.sidecar.spans).spans };
    return true;
  });
  // AI committed at the base in files the change does not touch, where its added lines also are.
  const added = [...headFiles.values()]
    .filter((f) => f.changed)
    .flatMap((f) => f.content.split('\n').filter((l) => !f.baseLines?.has(l.trim())));
  const baseAi = await indexCommittedAi(repoRoot, base, added);
  for (const v of findTampering({ earlier: comparable, head: headFiles, renamedTo, baseAi })) violate(v);

  // Commits made without the hooks.
  const commits = await commitsBetween(repoRoot, base, head);
  report.commitsChecked = commits.length;
  if (rules.policy.requireAiAssistedTrailer) {
    for (const c of commits) {
      if (c.merge || c.trailer) continue;
      violate({
        kind: 'missing-trailer',
        file: '.',
        commit: c.oid,
        message: `commit ${c.oid.slice(0, 8)} has no AI-Assisted trailer: it was made without the aiprov hooks (or with --no-verify), so its AI use was never recorded`,
      });
    }
  }

  // Sign-offs: signatures checked once per distinct record, then the policy per span.
  const allRecords: SignOff[] = evaluated.flatMap((e) => e.sidecar.signoffs);
  const verification = rules.policy.requireSignature ? await verifySignOffs(allRecords, rules.signersText) : undefined;
  for (const { file, content, sidecar, spans } of evaluated) {
    const lineOf = lineLocator(content);
    const reviews = evaluateSpans({
      file,
      content,
      spans,
      signoffs: sidecar.signoffs,
      policy: rules.policy,
      signers: rules.signers,
      verification,
    });
    reviews.forEach((review, i) => {
      if (review.state === 'not-required') return;
      report.spansChecked++;
      if (review.state === 'approved') {
        report.spansApproved++;
        return;
      }
      const ranges = spans[i].ranges;
      const startLine = lineOf(ranges[0].start);
      const endLine = lineOf(ranges[ranges.length - 1].end - 1);
      const kind: ViolationKind =
        review.state === 'stale' ? 'stale-signoff' : review.state === 'changes-requested' ? 'changes-requested' : 'unreviewed';
      const what =
        review.state === 'stale'
          ? 'has only stale sign-offs'
          : review.state === 'changes-requested'
            ? 'has changes requested'
            : 'lacks a valid senior sign-off';
      const why = review.problems.length ? ` (${review.problems.join('; ')})` : '';
      const a = spans[i].attribution;
      violate({
        kind,
        file,
        startLine,
        endLine,
        spanId: review.spanId,
        message: `AI span at ${file}:${startLine}-${endLine} (${a.tool ?? a.origin}) ${what}${why}`,
      });
    });
  }
  return report;
}

/**
 * Sidecars and the repository's aiprov settings. Anything else is checked like any source file,
 * wherever it is: code kept under .aiprov/ is code too.
 */
function isBookkeeping(p: string): boolean {
  return repoPathOfSidecar(p) !== undefined || p === POLICY_FILE || p === ALLOWED_SIGNERS_FILE || p === AUDIT_CONFIG_FILE;
}

function withoutBlob(
  sidecar: Sidecar,
  content: string,
): { spans: ReturnType<typeof spansOf>; dropped: Array<{ id: string; reason: string }>; couldNotReanchor?: string } {
  const found = reanchorWithoutBlob(content, sidecar.spans);
  return { spans: spansOf({ ...sidecar, spans: found.spans }), dropped: found.notFound };
}

function decodeOrUndefined(bytes: Buffer | undefined): string | undefined {
  return bytes && decodeContent(bytes);
}

async function readRules(
  repoRoot: string,
  tree: Map<string, TreeEntry>,
  target: string,
  report: VerifyReport,
): Promise<ReviewRules | undefined> {
  const entries = [tree.get(POLICY_FILE), tree.get(ALLOWED_SIGNERS_FILE)];
  const blobs = await readObjectBytes(
    repoRoot,
    entries.filter((e): e is TreeEntry => e !== undefined).map((e) => e.oid),
  );
  const read = (e: TreeEntry | undefined) => (e ? blobs.get(e.oid)?.toString('utf8') : undefined);
  const rules = parseReviewRules(read(entries[0]), read(entries[1]), ` (at ${target.slice(0, 8)})`);
  if (!rules.policyOk) {
    report.violations.push({ kind: 'bad-policy', file: POLICY_FILE, message: rules.problems[0] });
    return undefined;
  }
  for (const p of rules.problems) report.notices.push(p);
  if (!rules.policy.requireSignature) {
    report.notices.push(
      'the policy allows unsigned reviews (requireSignature: false): reviewer identities are self-declared git emails, so anyone can sign off as a senior',
    );
  }
  if (rules.signers.length === 0)
    report.notices.push(`${ALLOWED_SIGNERS_FILE} at ${target.slice(0, 8)} lists no seniors: no sign-off can count`);
  return rules;
}

function checkDuplicateIds(evaluated: ReadonlyArray<{ file: string; sidecar: Sidecar }>, violate: (v: Violation) => void): void {
  const byId = new Map<string, { key: string; file: string }>();
  for (const { file, sidecar } of evaluated) {
    for (const record of sidecar.signoffs) {
      const key = signOffKey(record);
      const first = byId.get(record.id);
      if (!first) byId.set(record.id, { key, file });
      else if (first.key !== key || first.file !== file) {
        violate({
          kind: 'duplicate-record',
          file,
          message: `sign-off record id ${record.id} appears in ${first.file === file ? `${file} twice` : `${first.file} and ${file}`} with ${first.key === key ? 'the same content' : 'different content'}: a record is one decision about one file`,
        });
      }
    }
  }
}
