// A real git repository with real SSH keys, for testing `aiprov verify` the way a team (and an
// adversarial developer) would use it: main lists the seniors, a feature branch adds AI code.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSidecar, parseSidecar, serializeSidecar, sidecarPathFor, spansOf, type Sidecar } from '../../../src/core/format';
import type { Attribution, Decision, Reviewer, SignOff } from '../../../src/core/model';
import { createSignOff, signSignOff } from '../../../src/core/signoff';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from './cli';

export const SENIOR = 'senior@example.com';
export const LEAD = 'lead@example.com';
export const JUNIOR = 'junior@example.com';
export type KeyName = 'senior' | 'lead' | 'mallory';

export class GateRepo {
  readonly root: string;
  readonly keys: string;
  private readonly env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-gate-')));
    this.keys = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-gate-keys-'));
    for (const name of ['senior', 'lead', 'mallory'])
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', this.key(name as KeyName)]);
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', JUNIOR);
    this.git('config', 'user.name', 'Junior');
    this.git('config', 'commit.gpgsign', 'false');
  }

  key(name: KeyName): string {
    return path.join(this.keys, name);
  }

  publicKey(name: KeyName): string {
    return fs.readFileSync(`${this.key(name)}.pub`, 'utf8').trim();
  }

  /** An allowed_signers line for `principals` with `name`'s key. */
  signerLine(principals: string, name: KeyName, options = 'namespaces="aiprov"'): string {
    return `${principals} ${options} ${this.publicKey(name)}\n`;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, stdio: 'pipe', env: this.env }).toString();
  }

  write(rel: string, text: string | Buffer): void {
    fs.mkdirSync(path.dirname(path.join(this.root, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.root, rel), text);
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-qm', message, '--allow-empty');
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** main with the seniors (senior and lead keys) and, optionally, a policy. */
  seedMain(policy?: object, signers = this.signerLine(SENIOR, 'senior') + this.signerLine(LEAD, 'lead')): void {
    this.write('src/base.ts', 'export const a = 1;\n');
    this.write('.aiprov/allowed_signers', signers);
    if (policy) this.write('.aiprov/policy.json', JSON.stringify({ version: 1, ...policy }));
    this.commitAll('base');
  }

  /** Writes `rel` as `before + ai + after` with one AI span over `ai`, and its sidecar. */
  writeAi(
    rel: string,
    ai: string,
    opts: { before?: string; after?: string; id?: string; attribution?: Partial<Attribution> } = {},
  ): string {
    const before = opts.before ?? '';
    const content = before + ai + (opts.after ?? '');
    const tracker = new SpanTracker();
    const attribution: Attribution = {
      origin: 'chatApply',
      confidence: 'certain',
      tool: 'Claude Code',
      author: JUNIOR,
      capturedAt: '2026-11-20T10:00:00.000Z',
      ...opts.attribution,
    };
    tracker.markAi({ start: before.length, end: before.length + ai.length }, attribution, opts.id ?? `span-${path.basename(rel)}`);
    this.write(rel, content);
    this.writeSidecar(rel, buildSidecar(rel, content, tracker.spans()));
    return content;
  }

  sidecar(rel: string): Sidecar {
    const sc = sidecarPathFor(rel);
    return parseSidecar(this.read(sc), sc);
  }

  writeSidecar(rel: string, sidecar: Sidecar): void {
    this.write(sidecarPathFor(rel), serializeSidecar(sidecar));
  }

  /** A decision over every span of `rel` (as the file is now), signed with `key` unless undefined. */
  async record(rel: string, reviewer: Reviewer, key: KeyName | undefined, decision: Decision = 'approved', now?: Date): Promise<SignOff> {
    const content = this.read(rel);
    const sidecar = this.sidecar(rel);
    const record = createSignOff({
      reviewer,
      file: rel,
      spans: spansOf(sidecar),
      content,
      decision,
      checklist: ['rollback', 'tests'],
      ...(now && { now }),
    });
    return key ? signSignOff(record, this.key(key)) : record;
  }

  /** Adds the records to `rel`'s sidecar (byte for byte as given). */
  addRecords(rel: string, ...records: SignOff[]): void {
    const sidecar = this.sidecar(rel);
    this.writeSidecar(rel, { ...sidecar, signoffs: [...sidecar.signoffs, ...records] });
  }

  async signOff(rel: string, reviewer: Reviewer, key: KeyName | undefined, decision: Decision = 'approved', now?: Date): Promise<SignOff> {
    const record = await this.record(rel, reviewer, key, decision, now);
    this.addRecords(rel, record);
    this.commitAll(`${decision} by ${reviewer.email}`);
    return record;
  }

  verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    return runCliCaptured(['verify', '--base', 'main', ...args], this.root);
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
    fs.rmSync(this.keys, { recursive: true, force: true });
  }
}
