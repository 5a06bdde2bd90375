// Digests that bind records to text: sha256 of span text (line endings normalised, so a CRLF
// checkout does not stale a sign-off) and git blob ids computed exactly as git does.
import * as crypto from 'node:crypto';
import type { AiSpan } from './model';
import { spanExtent } from './spans/tracker';

export function normalizeEol(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

// One-shot hashing (Node 20.12+) costs a third of a Hash object for the short texts of spans and
// line ranges, which readers of other tools' records hash by the thousand.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256Hex(text: string): string {
  const normalised = normalizeEol(text);
  return oneShotHash ? oneShotHash('sha256', normalised, 'hex') : crypto.createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/** What `git hash-object` prints for this content. */
export function gitBlobId(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** sha256 of the span's extent: first AI character to last, human text typed inside included. */
export function spanDigest(text: string, span: AiSpan): string {
  const extent = spanExtent(span);
  return sha256Hex(text.slice(extent.start, extent.end));
}

/**
 * The digest a sign-off binds to: every covered span's extent text, by span id. Moving the spans
 * never changes it; any edit inside an extent does.
 */
export function coveredTextDigest(text: string, spans: readonly AiSpan[]): string {
  const hash = crypto.createHash('sha256');
  for (const span of [...spans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const extent = spanExtent(span);
    hash.update(`${span.id}\n${normalizeEol(text.slice(extent.start, extent.end))}\n\0`, 'utf8');
  }
  return hash.digest('hex');
}
