// SSH signatures over sign-off records: `ssh-keygen -Y sign|verify -n aiprov`, the same tool and
// allowed_signers format git uses for SSH-signed commits.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SignOff } from '../model';
import { gitConfig } from '../repo/git';
import { signOffCanonicalBytes } from './records';

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
    if (r.code !== 0) throw new Error(`ssh-keygen could not sign with ${keyPath}: ${r.stderr.trim()}`);
    return { ...signoff, signature: await fs.readFile(`${file}.sig`, 'utf8') };
  });
}

export interface VerifyOutcome {
  ok: boolean;
  reason?: string;
}

/** Verifies every signed record against the allowed signers, a few ssh-keygen processes at a time. */
export async function verifySignOffs(records: readonly SignOff[], allowedSignersText: string, parallel = 4): Promise<Map<string, VerifyOutcome>> {
  const results = new Map<string, VerifyOutcome>();
  await withTempDir(async (dir) => {
    const allowed = path.join(dir, 'allowed_signers');
    await fs.writeFile(allowed, allowedSignersText);
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const record = records[next++];
        if (!record.signature) {
          results.set(record.id, { ok: false, reason: 'not signed' });
          continue;
        }
        const sig = path.join(dir, `${record.id}.sig`);
        await fs.writeFile(sig, record.signature);
        const r = await run('ssh-keygen', ['-Y', 'verify', '-n', SIGNATURE_NAMESPACE, '-I', record.reviewer.email, '-f', allowed, '-s', sig], signOffCanonicalBytes(record));
        results.set(record.id, r.code === 0 ? { ok: true } : { ok: false, reason: (r.stderr || r.stdout).trim() || 'signature does not verify' });
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, records.length) }, worker));
  });
  return results;
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
