// OpenSSH's SSHSIG signature format (PROTOCOL.sshsig), checked in-process for the common key
// types, so verifying hundreds of sign-offs costs one ssh-keygen call per senior rather than per
// record. Whether a key may sign for a principal is still asked of ssh-keygen (ssh.ts).
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface SshSig {
  publicKey: Buffer;
  namespace: string;
  hashAlgorithm: string;
  signatureFormat: string;
  signature: Buffer;
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  bytes(n: number): Buffer {
    if (this.at + n > this.buf.length) throw new Error('truncated');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  string(): Buffer {
    return this.bytes(this.uint32());
  }
  get done(): boolean {
    return this.at === this.buf.length;
  }
}

/** Parses an armored `-----BEGIN SSH SIGNATURE-----` block; undefined when it is not one. */
export function parseSshSig(armored: string): SshSig | undefined {
  const m = /-----BEGIN SSH SIGNATURE-----([\s\S]*?)-----END SSH SIGNATURE-----/.exec(armored);
  if (!m) return undefined;
  try {
    const r = new Reader(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
    if (r.bytes(6).toString('latin1') !== 'SSHSIG' || r.uint32() !== 1) return undefined;
    const publicKey = r.string();
    const namespace = r.string().toString('utf8');
    r.string(); // reserved
    const hashAlgorithm = r.string().toString('utf8');
    const sig = new Reader(r.string());
    const signatureFormat = sig.string().toString('utf8');
    const signature = sig.string();
    return { publicKey, namespace, hashAlgorithm, signatureFormat, signature };
  } catch {
    return undefined;
  }
}

/** `SHA256:…` as ssh-keygen prints it. */
export function keyFingerprint(publicKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKey).digest('base64').replace(/=+$/, '')}`;
}

const b64url = (b: Buffer) => b.toString('base64url');
/** An SSH mpint without its sign byte, left-padded to `size` when given. */
function unsigned(mpint: Buffer, size?: number): Buffer {
  let b = mpint;
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  if (size && b.length < size) b = Buffer.concat([Buffer.alloc(size - b.length), b]);
  return b;
}

const CURVES: Record<string, { crv: string; hash: string; size: number }> = {
  nistp256: { crv: 'P-256', hash: 'sha256', size: 32 },
  nistp384: { crv: 'P-384', hash: 'sha384', size: 48 },
  nistp521: { crv: 'P-521', hash: 'sha512', size: 66 },
};

/**
 * Checks the signature over `message` cryptographically. True or false for ed25519, RSA and
 * ECDSA keys; undefined for anything else (security keys, certificates), which ssh-keygen checks.
 */
export function verifySshSigCrypto(sig: SshSig, message: string | Buffer): boolean | undefined {
  try {
    const key = new Reader(sig.publicKey);
    const type = key.string().toString('utf8');
    if (sig.hashAlgorithm !== 'sha512' && sig.hashAlgorithm !== 'sha256') return false;
    const signed = Buffer.concat([
      Buffer.from('SSHSIG'),
      sshString(Buffer.from(sig.namespace)),
      sshString(Buffer.alloc(0)),
      sshString(Buffer.from(sig.hashAlgorithm)),
      sshString(createHash(sig.hashAlgorithm).update(message).digest()),
    ]);
    let publicKey: KeyObject;
    if (type === 'ssh-ed25519' && sig.signatureFormat === 'ssh-ed25519') {
      publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(key.string()) }, format: 'jwk' });
      return verify(null, signed, publicKey, sig.signature);
    }
    if (type === 'ssh-rsa') {
      const e = unsigned(key.string());
      const n = unsigned(key.string());
      const hash = sig.signatureFormat === 'rsa-sha2-512' ? 'sha512' : sig.signatureFormat === 'rsa-sha2-256' ? 'sha256' : undefined;
      if (!hash) return false;
      publicKey = createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
      return verify(hash, signed, publicKey, sig.signature);
    }
    const curve = /^ecdsa-sha2-(nistp\d+)$/.exec(type)?.[1];
    if (curve && CURVES[curve] && sig.signatureFormat === type) {
      const { crv, hash, size } = CURVES[curve];
      key.string(); // curve name
      const q = key.string();
      if (q[0] !== 4) return undefined;
      publicKey = createPublicKey({
        key: { kty: 'EC', crv, x: b64url(q.subarray(1, 1 + size)), y: b64url(q.subarray(1 + size)) },
        format: 'jwk',
      });
      const rs = new Reader(sig.signature);
      const raw = Buffer.concat([unsigned(rs.string(), size), unsigned(rs.string(), size)]);
      return verify(hash, signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw);
    }
    return undefined;
  } catch {
    return false;
  }
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length, 0);
  return Buffer.concat([len, b]);
}
