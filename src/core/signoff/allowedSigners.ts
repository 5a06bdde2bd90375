// Seniors, in OpenSSH allowed_signers format: `principals [options] keytype key [comment]`.
import { keyFingerprint } from './sshsig';

export interface AllowedSigner {
  principals: string[];
  namespaces?: string[];
  keyType: string;
  key: string;
  line: number;
}

export interface AllowedSignersParse {
  signers: AllowedSigner[];
  errors: Array<{ line: number; reason: string }>;
}

const KEY_TYPE = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

/** Splits on whitespace, keeping quoted option values (namespaces="a,b") together. */
function tokens(line: string): string[] {
  return line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

export function parseAllowedSigners(text: string): AllowedSignersParse {
  const signers: AllowedSigner[] = [];
  const errors: AllowedSignersParse['errors'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = tokens(line);
    const keyAt = parts.findIndex((p, idx) => idx > 0 && KEY_TYPE.test(p));
    if (keyAt < 1 || !parts[keyAt + 1]) {
      errors.push({ line: i + 1, reason: 'expected "principals [options] keytype key"' });
      return;
    }
    const options = parts.slice(1, keyAt).join(',');
    const ns = /namespaces="([^"]*)"/i.exec(options)?.[1];
    signers.push({
      principals: parts[0].split(','),
      ...(ns !== undefined && { namespaces: ns.split(',') }),
      keyType: parts[keyAt],
      key: parts[keyAt + 1],
      line: i + 1,
    });
  });
  return { signers, errors };
}

function patternMatches(pattern: string, email: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(email);
}

/**
 * OpenSSH's match_pattern_list for one line's principals: `*`/`?` wildcards, and a matching
 * `!pattern` excludes the principal whatever else on the line matches.
 */
function principalsMatch(patterns: readonly string[], email: string): boolean {
  let positive = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (patternMatches(p.slice(1), email)) return false;
    } else if (patternMatches(p, email)) positive = true;
  }
  return positive;
}

/**
 * True when `email` is listed for the aiprov namespace. Used to guide people (warnings, the
 * editor's hints); whether a signed sign-off counts is decided by ssh-keygen itself.
 */
export function isSenior(email: string, signers: readonly AllowedSigner[]): boolean {
  return signers.some((s) => (!s.namespaces || s.namespaces.includes('aiprov')) && principalsMatch(s.principals, email));
}

/**
 * True when allowed_signers names `email` itself (not through a wildcard) for the key with this
 * fingerprint (`SHA256:…`) in the aiprov namespace: that key is that person's, so a decision
 * signed with it is theirs, whichever of the key's principals the record names.
 */
export function keyIsListedFor(fingerprint: string, email: string, signers: readonly AllowedSigner[]): boolean {
  const named = email.toLowerCase();
  return signers.some(
    (s) =>
      (!s.namespaces || s.namespaces.includes('aiprov')) &&
      s.principals.some((p) => p.toLowerCase() === named) &&
      principalsMatch(s.principals, email) &&
      keyFingerprint(Buffer.from(s.key, 'base64')) === fingerprint,
  );
}
