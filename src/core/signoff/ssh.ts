// SSH signatures over sign-off records: `ssh-keygen -Y sign|verify -n aiprov`, the same tool and
// allowed_signers format git uses for SSH-signed commits. Who counts as a senior is ssh-keygen's
// decision (principal patterns, `!` exclusions, namespaces, valid-after/valid-before at the time
// of the decision), never a re-implementation of it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SignOff } from '../model';
import { gitConfig } from '../repo/git';
import { signOffCanonicalBytes, signOffKey } from './records';
import { keyFingerprint, parseSshSig, verifySshSigCrypto } from './sshsig';

export const SIGNATURE_NAMESPACE = 'aiprov';

function run(cmd: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', (e) => resolve({ code: null, stdout, stderr: e.message }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    // ssh-keygen may exit before reading its input (a bad signature file): that is its answer,
    // not an error of ours.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aiprov-ssh-'));
  try {
    return await body(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function signSignOff(signoff: SignOff, keyPath: string): Promise<SignOff> {
  const bytes = signOffCanonicalBytes(signoff);
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'record');
    await fs.writeFile(file, bytes);
    const r = await run('ssh-keygen', ['-Y', 'sign', '-n', SIGNATURE_NAMESPACE, '-f', keyPath, file]);
    if (r.code !== 0) throw new Error(`ssh-keygen could not sign with ${keyPath}: ${r.stderr.trim() || `exit ${r.code}`}`);
    return { ...signoff, signature: await fs.readFile(`${file}.sig`, 'utf8') };
  });
}

export interface VerifyOutcome {
  ok: boolean;
  reason?: string;
  /** `SHA256:…` of the key that made a good signature: distinct seniors are distinct keys. */
  fingerprint?: string;
}

/** ssh-keygen's verify-time: the record's own time, as git passes a commit's time. */
function verifyTime(at: string): string | undefined {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

/**
 * Verifies each signed record against `allowed_signers` for its reviewer. Results are keyed by
 * `signOffKey` (content and signature), so a forged record that reuses a genuine record's id
 * cannot borrow its result.
 *
 * The signature itself is checked in-process (sshsig.ts); whether the key may sign for the
 * reviewer is ssh-keygen's decision, asked once per key and principal (and per record when the
 * file has validity windows, whose answer depends on the record's time) with a real record of
 * that group, so ssh-keygen also re-checks one signature of every group. Records whose key type
 * is not checked in-process go to ssh-keygen one by one.
 */
export async function verifySignOffs(
  records: readonly SignOff[],
  allowedSignersText: string,
  parallel = Math.max(2, os.cpus().length * 2),
): Promise<Map<string, VerifyOutcome>> {
  const results = new Map<string, VerifyOutcome>();
  const groups = new Map<string, Array<{ key: string; record: SignOff; fingerprint?: string }>>();
  const timeMatters = /valid-(after|before)/i.test(allowedSignersText);
  const seen = new Set<string>();
  for (const record of records) {
    const key = signOffKey(record);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!record.signature) {
      results.set(key, { ok: false, reason: 'not signed' });
      continue;
    }
    if (!allowedSignersText.trim()) {
      results.set(key, { ok: false, reason: 'no senior keys are listed in allowed_signers' });
      continue;
    }
    const sig = parseSshSig(record.signature);
    if (!sig) {
      results.set(key, { ok: false, reason: 'the signature is not an SSH signature' });
      continue;
    }
    if (sig.namespace !== SIGNATURE_NAMESPACE) {
      results.set(key, { ok: false, reason: `the signature is for namespace "${sig.namespace}", not "${SIGNATURE_NAMESPACE}"` });
      continue;
    }
    const good = verifySshSigCrypto(sig, signOffCanonicalBytes(record));
    if (good === false) {
      results.set(key, { ok: false, reason: 'the signature does not match the record (edited after signing, or forged)' });
      continue;
    }
    const fingerprint = keyFingerprint(sig.publicKey);
    const group = good === undefined ? `one:${key}` : `${fingerprint}\0${record.reviewer.email}${timeMatters ? `\0${record.at}` : ''}`;
    const members = groups.get(group) ?? [];
    members.push({ key, record, fingerprint });
    groups.set(group, members);
  }
  if (groups.size === 0) return results;
  const queue = [...groups.values()];
  await withTempDir(async (dir) => {
    const allowed = path.join(dir, 'allowed_signers');
    await fs.writeFile(allowed, allowedSignersText);
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const n = next++;
        const members = queue[n];
        const outcome = await sshKeygenVerify(dir, allowed, n, members[0].record);
        for (const m of members) results.set(m.key, outcome.ok ? { ok: true, fingerprint: outcome.fingerprint ?? m.fingerprint } : outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  });
  return results;
}

async function sshKeygenVerify(dir: string, allowed: string, n: number, record: SignOff): Promise<VerifyOutcome> {
  const sig = path.join(dir, `${n}.sig`);
  await fs.writeFile(sig, record.signature!);
  const time = verifyTime(record.at);
  const args = [
    '-Y',
    'verify',
    '-n',
    SIGNATURE_NAMESPACE,
    '-I',
    record.reviewer.email,
    '-f',
    allowed,
    '-s',
    sig,
    ...(time ? [`-Overify-time=${time}`] : []),
  ];
  const r = await run('ssh-keygen', args, signOffCanonicalBytes(record));
  if (r.code === 0) {
    const fingerprint = /\bkey (SHA256:[A-Za-z0-9+/=]+)/.exec(r.stdout)?.[1];
    return { ok: true, ...(fingerprint && { fingerprint }) };
  }
  const reason = (r.stderr || r.stdout).trim().split('\n').filter(Boolean).pop();
  return { ok: false, reason: reason ? `ssh-keygen: ${reason}` : 'signature does not verify' };
}

/** The SSH key git signs with (`gpg.format=ssh`, `user.signingkey`), when it is a key file. */
export async function gitSigningKey(repoRoot: string): Promise<string | undefined> {
  if ((await gitConfig(repoRoot, 'gpg.format')) !== 'ssh') return undefined;
  const key = await gitConfig(repoRoot, 'user.signingkey');
  if (!key || key.startsWith('key::') || key.startsWith('ssh-')) return undefined;
  const expanded = key.startsWith('~/') ? path.join(os.homedir(), key.slice(2)) : path.resolve(repoRoot, key);
  // git accepts the public key file; ssh-keygen signs with the private key beside it.
  return expanded.endsWith('.pub') ? expanded.slice(0, -4) : expanded;
}

/** Public keys in ~/.ssh a senior could sign with, offered when signing is not set up yet. */
export async function sshPublicKeys(home = os.homedir()): Promise<string[]> {
  try {
    const dir = path.join(home, '.ssh');
    return (await fs.readdir(dir))
      .filter((f) => f.endsWith('.pub'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** How to set up SSH signing for sign-offs: the two git settings, with a key that exists. */
export async function signingSetupAdvice(): Promise<string> {
  const keys = await sshPublicKeys();
  const key = keys[0] ?? '~/.ssh/id_ed25519.pub';
  const make = keys.length ? '' : ' (create one with: ssh-keygen -t ed25519)';
  return `sign-offs must be signed with your SSH key: git config --global gpg.format ssh && git config --global user.signingkey ${key}${make}; then ask for your public key to be listed in .aiprov/allowed_signers on the target branch`;
}
