// SARIF 2.1.0 for code scanning (GitHub reads it through upload-sarif): every result has a rule,
// a message, a file location with a start line (line 1 for file-level findings) and fingerprints
// that stay the same across runs and when the code moves, so an alert follows its span.
import { createHash } from 'node:crypto';
import type { VerifyReport, Violation } from './verify';

interface RuleText {
  short: string;
  full: string;
  help: string;
}

const RULES: Record<string, RuleText> = {
  unreviewed: {
    short: 'AI-written code lacks a valid senior sign-off',
    full: 'An AI-written span that the repository policy covers has no approving sign-off from a senior listed in the base revision\'s .aiprov/allowed_signers (or the sign-off does not count: self sign-off, missing signature, too few seniors).',
    help: 'Review the span and sign it off from the editor (Sign Off Span at Cursor) or with `aiprov signoff FILE:START-END`, then commit the updated sidecar.',
  },
  'stale-signoff': {
    short: 'AI-written code changed after its sign-off',
    full: 'The text of an AI-written span changed after a senior signed it off, so the sign-off no longer covers what is committed.',
    help: 'Review the changed span again and sign it off anew (`aiprov signoff FILE:START-END`), then commit the sidecar.',
  },
  'changes-requested': {
    short: 'A senior requested changes to AI-written code',
    full: 'A senior reviewer recorded a changes-requested decision on this AI-written span and has not approved it since.',
    help: 'Address the reviewer\'s note, then ask the reviewer to approve the span again.',
  },
  'stale-provenance': {
    short: 'The sidecar does not describe the committed file',
    full: 'The .aiprov sidecar was written for different content than the file committed at HEAD (for example, a commit made with --no-verify), so its spans cannot be trusted.',
    help: 'Run `aiprov export` (or commit through the aiprov pre-commit hook) and commit the refreshed sidecar.',
  },
  'malformed-sidecar': {
    short: 'The sidecar cannot be read',
    full: 'The .aiprov sidecar is not valid: truncated JSON, an unknown version, ranges past the end of the file, or a path outside the repository.',
    help: 'Restore the sidecar from a good revision or write it again with `aiprov export`; the message names the reason.',
  },
  'deleted-sidecar': {
    short: 'A sidecar was deleted while its AI code remains',
    full: 'The change deletes a .aiprov sidecar although AI-written spans it recorded are still in the file, which would hide them from review.',
    help: 'Restore the sidecar (or let the aiprov pre-commit hook maintain it) so the spans stay reviewable.',
  },
  'bad-policy': {
    short: 'The sign-off policy cannot be read',
    full: 'The base revision\'s .aiprov/policy.json is not valid, so the repository default policy was applied.',
    help: 'Fix .aiprov/policy.json on the base branch; the message names the problem.',
  },
};

function ruleText(kind: string): RuleText {
  return RULES[kind] ?? { short: `aiprov: ${kind}`, full: `aiprov verify reported a ${kind} violation.`, help: 'See the result message for the file and the reason.' };
}

/** A relative URI reference for a repository path: each segment percent-encoded, slashes kept. */
function fileUri(repoPath: string): string {
  return repoPath.split('/').map(encodeURIComponent).join('/');
}

/**
 * Identity of a finding that ignores where it sits: the span id for span findings (it survives
 * moves and line shifts), the file otherwise; repeated identical findings are numbered in order.
 */
function fingerprints(violations: readonly Violation[]): string[] {
  const seen = new Map<string, number>();
  return violations.map((v) => {
    const key = `${v.kind}\0${v.file}\0${v.spanId ?? ''}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex');
  });
}

export const SARIF_FINGERPRINT_KEY = 'aiprovFinding/v1';

export function toSarif(report: VerifyReport, toolVersion: string): object {
  const kinds = [...new Set([...Object.keys(RULES), ...report.violations.map((v) => v.kind)])];
  const prints = fingerprints(report.violations);
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aiprov',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: 'https://www.npmjs.com/package/aiprov',
            rules: kinds.map((id) => {
              const t = ruleText(id);
              return {
                id,
                name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
                shortDescription: { text: t.short },
                fullDescription: { text: t.full },
                help: { text: t.help, markdown: t.help },
                defaultConfiguration: { level: 'error' },
                properties: { tags: ['ai-provenance', 'review'], precision: 'very-high', 'problem.severity': 'error' },
              };
            }),
          },
        },
        automationDetails: { id: `aiprov/verify/${report.head}` },
        results: report.violations.map((v, i) => ({
          ruleId: v.kind,
          ruleIndex: kinds.indexOf(v.kind),
          level: 'error',
          message: { text: v.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(v.file) },
                region: v.startLine ? { startLine: v.startLine, endLine: Math.max(v.endLine ?? v.startLine, v.startLine) } : { startLine: 1 },
              },
            },
          ],
          partialFingerprints: { [SARIF_FINGERPRINT_KEY]: prints[i] },
          ...(v.spanId && { properties: { spanId: v.spanId } }),
        })),
      },
    ],
  };
}
