// The review rules of a repository: its policy and its seniors (allowed_signers), read in one
// place, with every problem reported instead of silently meaning "no seniors".
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AiSpan, SignOff } from '../model';
import { parseAllowedSigners, type AllowedSigner } from './allowedSigners';
import { evaluateSpans, type SpanReview } from './evaluate';
import { ALLOWED_SIGNERS_FILE, DEFAULT_POLICY, parsePolicy, POLICY_FILE, type Policy } from './policy';
import { signOffKey } from './records';
import { verifySignOffs, type VerifyOutcome } from './ssh';

export interface ReviewRules {
  policy: Policy;
  signers: AllowedSigner[];
  signersText: string;
  /** Why part of the rules could not be read (the default policy is used in its place). */
  problems: string[];
  /** False when the policy file could not be read: callers that gate must fail. */
  policyOk: boolean;
}

/** Rules from the texts of the two files (undefined: the file does not exist). */
export function parseReviewRules(policyText: string | undefined, signersText: string | undefined, where = ''): ReviewRules {
  const problems: string[] = [];
  let policy = DEFAULT_POLICY;
  let policyOk = true;
  if (policyText !== undefined) {
    try {
      policy = parsePolicy(policyText, `${POLICY_FILE}${where}`);
    } catch (err) {
      policyOk = false;
      problems.push((err as Error).message);
    }
  }
  const parsed = parseAllowedSigners(signersText ?? '');
  for (const e of parsed.errors) problems.push(`${ALLOWED_SIGNERS_FILE}${where}:${e.line}: ${e.reason}`);
  return { policy, signers: parsed.signers, signersText: signersText ?? '', problems, policyOk };
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The rules in the working tree (what the editor and `aiprov signoff` guide by). */
export async function loadReviewRules(repoRoot: string): Promise<ReviewRules> {
  return parseReviewRules(
    await readOptional(path.join(repoRoot, POLICY_FILE)),
    await readOptional(path.join(repoRoot, ALLOWED_SIGNERS_FILE)),
  );
}

/**
 * Remembers signature outcomes by record content, so a long-lived caller (the editor) runs
 * ssh-keygen once per record and allowed_signers version.
 */
export class SignatureCache {
  private readonly outcomes = new Map<string, VerifyOutcome>();

  async verify(records: readonly SignOff[], signersText: string): Promise<Map<string, VerifyOutcome>> {
    const signers = createHash('sha256').update(signersText).digest('hex');
    const scope = (key: string) => `${signers}:${key}`;
    const missing = records.filter((r) => r.signature && !this.outcomes.has(scope(signOffKey(r))));
    if (missing.length) for (const [key, outcome] of await verifySignOffs(missing, signersText)) this.outcomes.set(scope(key), outcome);
    const result = new Map<string, VerifyOutcome>();
    for (const r of records) {
      const key = signOffKey(r);
      const outcome = this.outcomes.get(scope(key));
      if (outcome) result.set(key, outcome);
    }
    return result;
  }
}

/** Checks signatures where the policy needs them, then evaluates: what every view of review state uses. */
export async function reviewFile(input: {
  file: string;
  content: string;
  spans: readonly AiSpan[];
  signoffs: readonly SignOff[];
  rules: ReviewRules;
  signatures?: SignatureCache;
}): Promise<SpanReview[]> {
  const { rules } = input;
  const verification = rules.policy.requireSignature
    ? await (input.signatures ?? new SignatureCache()).verify(input.signoffs, rules.signersText)
    : undefined;
  return evaluateSpans({
    file: input.file,
    content: input.content,
    spans: input.spans,
    signoffs: input.signoffs,
    policy: rules.policy,
    signers: rules.signers,
    verification,
  });
}
