// The repository's sign-off policy, `.aiprov/policy.json`: which AI spans need a senior's
// sign-off, how many, whether self-sign-off and unsigned records count, and the checklist.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { SIDECAR_DIR } from '../format';
import { CONFIDENCES, ORIGINS, type Confidence, type Origin } from '../model';
import { FileError } from '../fileError';
import type { ValidateFunction } from 'ajv';
import { createValidator } from './policyValidator';

export interface ChecklistItem {
  id: string;
  label: string;
}

export interface Policy {
  version: 1;
  /** Origins whose spans need sign-off. */
  origins: Origin[];
  confidences: Confidence[];
  forbidSelfSignOff: boolean;
  minSeniors: number;
  /**
   * Sign-offs count only with a valid SSH signature by a key allowed_signers lists for the
   * reviewer. Turning it off makes reviewer identities self-declared (any git user.email).
   */
  requireSignature: boolean;
  /**
   * Every non-merge commit in the change must carry an `AI-Assisted:` trailer (the hooks write
   * one on every commit), so commits made without the hooks or with --no-verify show up.
   */
  requireAiAssistedTrailer: boolean;
  checklist: ChecklistItem[];
}

export const POLICY_FILE = `${SIDECAR_DIR}/policy.json`;
export const ALLOWED_SIGNERS_FILE = `${SIDECAR_DIR}/allowed_signers`;

export const DEFAULT_POLICY: Policy = {
  version: 1,
  origins: [...ORIGINS],
  confidences: [...CONFIDENCES],
  forbidSelfSignOff: true,
  minSeniors: 1,
  requireSignature: true,
  requireAiAssistedTrailer: false,
  checklist: [
    { id: 'tests', label: 'I ran or reviewed tests for this change' },
    { id: 'rollback', label: 'A rollback plan exists' },
  ],
};

let validate: ValidateFunction | undefined;

export class PolicyError extends FileError {}

export function parsePolicy(text: string, file: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(file, `not valid JSON (${(err as Error).message})`);
  }
  validate ??= createValidator();
  if (!validate(raw)) {
    const e = validate.errors?.[0];
    throw new PolicyError(file, `${e?.instancePath || '(top level)'}: ${e?.message ?? 'invalid'}`);
  }
  return { ...DEFAULT_POLICY, ...(raw as Partial<Policy>) };
}

/** The policy at `repoRoot`, the default when there is none. A bad file throws PolicyError. */
export async function loadPolicy(repoRoot: string): Promise<Policy> {
  try {
    return parsePolicy(await fs.readFile(path.join(repoRoot, POLICY_FILE), 'utf8'), POLICY_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_POLICY;
    throw err;
  }
}

export function policyCovers(policy: Policy, origin: Origin, confidence: Confidence): boolean {
  return policy.origins.includes(origin) && policy.confidences.includes(confidence);
}

/** The policy's checklist items an approval did not confirm (an approval counts only with none). */
export function missingChecklist(policy: Policy, confirmed: readonly string[] | undefined): ChecklistItem[] {
  return policy.checklist.filter((c) => !confirmed?.includes(c.id));
}
