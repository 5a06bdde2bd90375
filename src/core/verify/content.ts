// File bytes to the text spans are measured in. UTF-8 when the bytes are valid UTF-8 (what the
// editor shows); otherwise one character per byte, so no two different files decode to the same
// text and a one-byte change inside a signed span always changes its digest.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeContent(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}
