// The `.aiprov` sidecar v1: read with clear errors, written in one canonical form.
import * as fs from 'node:fs/promises';
import { gitBlobId, spanDigest } from '../digest';
import type { AiSpan, Confidence, Origin, SignOff } from '../model';
import { humanEditedShare } from '../spans/tracker';
import { lineLocator } from '../text/lines';
import { canonicalJson } from './canonicalJson';
import { SidecarError } from './errors';
import { migrateSidecar, SIDECAR_VERSION } from './migrate';
import { checkRepoPath } from './paths';
import { schemaProblems } from './validate';

export interface SidecarRange {
  /** Half-open character range in UTF-16 code units of the file text. */
  start: number;
  end: number;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export interface SidecarSpan {
  id: string;
  origin: Origin;
  confidence: Confidence;
  tool?: string;
  model?: string;
  modelProvider?: string;
  sessionId?: string;
  author?: string;
  capturedAt: string;
  acceptedLength: number;
  ranges: SidecarRange[];
  sha256: string;
  /** Share of the span a human changed since it was accepted, 0..1, three decimals. */
  humanEdited: number;
}

export interface Sidecar {
  version: 1;
  path: string;
  blob: string;
  spans: SidecarSpan[];
  signoffs: SignOff[];
}

export const DEFAULT_MAX_SIDECAR_BYTES = 10 * 1024 * 1024;

export interface ParseOptions {
  /** The file content the sidecar describes; when given, ranges are checked against it. */
  content?: string;
  maxBytes?: number;
}

export function parseSidecar(text: string, file: string, opts: ParseOptions = {}): Sidecar {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_SIDECAR_BYTES;
  if (text.length > maxBytes) throw new SidecarError(file, 'too-large', `sidecar is ${text.length} bytes, over the ${maxBytes}-byte limit`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SidecarError(file, 'syntax', `not valid JSON (${(err as Error).message})`);
  }
  const migrated = migrateSidecar(raw, file);
  const problems = schemaProblems(migrated);
  if (problems.length) throw new SidecarError(file, 'schema', problems.join('; '));
  const sidecar = migrated as Sidecar;
  const pathProblem = checkRepoPath(sidecar.path);
  if (pathProblem) throw new SidecarError(file, 'path', pathProblem);
  checkRanges(sidecar, file, opts.content);
  return sidecar;
}

function checkRanges(sidecar: Sidecar, file: string, content: string | undefined): void {
  const all: Array<{ start: number; end: number; where: string }> = [];
  const ids = new Set<string>();
  sidecar.spans.forEach((span, i) => {
    // A sign-off names spans by id: two spans with one id would let one approval cover both.
    if (ids.has(span.id)) throw new SidecarError(file, 'schema', `spans[${i}]: span id ${span.id} is used twice`);
    ids.add(span.id);
    span.ranges.forEach((r, j) => {
      const where = `spans[${i}].ranges[${j}]`;
      if (r.end <= r.start) throw new SidecarError(file, 'range', `${where}: end ${r.end} must be greater than start ${r.start}`);
      if (r.endLine < r.startLine)
        throw new SidecarError(file, 'range', `${where}: endLine ${r.endLine} is before startLine ${r.startLine}`);
      // A span's extent (what its digest and every sign-off cover) runs from its first range's
      // start to its last range's end: ranges out of order would leave text outside it.
      if (j > 0 && r.start < span.ranges[j - 1].end)
        throw new SidecarError(
          file,
          'range',
          `${where}: starts at ${r.start}, before spans[${i}].ranges[${j - 1}] ends (${span.ranges[j - 1].end}); a span's ranges must be in file order`,
        );
      if (content !== undefined && r.end > content.length) {
        throw new SidecarError(
          file,
          'range',
          `${where}: ends at character ${r.end}, past the end of ${sidecar.path} (${content.length} characters)`,
        );
      }
      all.push({ start: r.start, end: r.end, where });
    });
  });
  all.sort((a, b) => a.start - b.start);
  for (let i = 1; i < all.length; i++) {
    if (all[i].start < all[i - 1].end) throw new SidecarError(file, 'range', `${all[i].where} overlaps ${all[i - 1].where}`);
  }
}

export function serializeSidecar(sidecar: Sidecar): string {
  const spans = [...sidecar.spans].sort((a, b) => a.ranges[0].start - b.ranges[0].start || compare(a.id, b.id));
  const signoffs = [...sidecar.signoffs].sort((a, b) => compare(a.at, b.at) || compare(a.id, b.id));
  return canonicalJson({ ...sidecar, spans, signoffs });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the sidecar describing `content` with these spans and sign-offs. `blob` is git's id of
 * the file's bytes when the caller has them (a file that is not UTF-8 does not round-trip
 * through a string); otherwise it is computed from the UTF-8 text.
 */
export function buildSidecar(
  path: string,
  content: string,
  spans: readonly AiSpan[],
  signoffs: readonly SignOff[] = [],
  blob?: string,
): Sidecar {
  const lineOf = lineLocator(content);
  // Keys in canonical (sorted) order, so serialising needs no copying.
  return {
    blob: blob ?? gitBlobId(content),
    path,
    signoffs: [...signoffs],
    spans: spans.map((span) => {
      const a = span.attribution;
      return {
        acceptedLength: span.acceptedLength,
        ...(a.author !== undefined && { author: a.author }),
        capturedAt: a.capturedAt,
        confidence: a.confidence,
        humanEdited: Math.round(humanEditedShare(span) * 1000) / 1000,
        id: span.id,
        ...(a.model !== undefined && { model: a.model }),
        ...(a.modelProvider !== undefined && { modelProvider: a.modelProvider }),
        origin: a.origin,
        ranges: span.ranges.map((r) => ({ end: r.end, endLine: lineOf(r.end - 1), start: r.start, startLine: lineOf(r.start) })),
        ...(a.sessionId !== undefined && { sessionId: a.sessionId }),
        sha256: spanDigest(content, span),
        ...(a.tool !== undefined && { tool: a.tool }),
      };
    }),
    version: SIDECAR_VERSION,
  };
}

/** The spans of a sidecar, as the tracker and the rest of the core use them. */
export function spansOf(sidecar: Sidecar): AiSpan[] {
  return sidecar.spans.map((s) => ({
    id: s.id,
    attribution: {
      origin: s.origin,
      confidence: s.confidence,
      capturedAt: s.capturedAt,
      ...(s.tool !== undefined && { tool: s.tool }),
      ...(s.model !== undefined && { model: s.model }),
      ...(s.modelProvider !== undefined && { modelProvider: s.modelProvider }),
      ...(s.sessionId !== undefined && { sessionId: s.sessionId }),
      ...(s.author !== undefined && { author: s.author }),
    },
    ranges: s.ranges.map((r) => ({ start: r.start, end: r.end })),
    acceptedLength: s.acceptedLength,
  }));
}

export type ReadSidecarResult = { ok: true; sidecar: Sidecar } | { ok: false; error: SidecarError };

/** Reads and parses a sidecar file; size is checked before reading, and nothing is ever written. */
export async function readSidecarFile(absPath: string, file: string, opts: ParseOptions = {}): Promise<ReadSidecarResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_SIDECAR_BYTES;
  try {
    const stat = await fs.stat(absPath);
    if (stat.size > maxBytes)
      return { ok: false, error: new SidecarError(file, 'too-large', `sidecar is ${stat.size} bytes, over the ${maxBytes}-byte limit`) };
    return { ok: true, sidecar: parseSidecar(await fs.readFile(absPath, 'utf8'), file, opts) };
  } catch (err) {
    if (err instanceof SidecarError) return { ok: false, error: err };
    return { ok: false, error: new SidecarError(file, 'io', (err as Error).message) };
  }
}
