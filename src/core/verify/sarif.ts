// SARIF 2.1.0 for code scanning (GitHub reads it through upload-sarif): every result has a rule,
// a message, a file location with a start line (line 1 for file-level findings) and fingerprints
// that stay the same across runs and when the code moves, so an alert follows its span.
import { createHash } from 'node:crypto';
import type { VerifyReport, Violation } from './verify';
import { VIOLATION_KINDS, type ViolationKind } from './violations';

interface RuleText {
  full: string;
  help: string;
}

const SIGN_OFF_HELP =
  'Review the span and sign it off from the editor (Sign Off Span at Cursor) or with `aiprov signoff FILE:START-END`, then commit the updated sidecar.';
const RESTORE_HELP =
  'Restore the provenance from the earlier commit named in the message (or let the aiprov hooks maintain the sidecars), and have the AI code reviewed.';

/** Long descriptions and help per kind; the short one is the shared table in violations.json. */
const RULES: Record<ViolationKind, RuleText> = {
  unreviewed: {
    full: "An AI-written span that the repository policy covers has no approving sign-off by a senior whose SSH key the target branch's .aiprov/allowed_signers lists (or the sign-off does not count: unsigned, a bad signature, bound to another file or attribution, self sign-off, too few distinct senior keys).",
    help: SIGN_OFF_HELP,
  },
  'stale-signoff': {
    full: 'The text of an AI-written span changed after a senior signed it off, so the sign-off no longer covers what is committed.',
    help: 'Review the changed span again and sign it off anew (`aiprov signoff FILE:START-END`), then commit the sidecar.',
  },
  'changes-requested': {
    full: 'A senior reviewer recorded a changes-requested decision on this AI-written span and has not approved it since.',
    help: "Address the reviewer's note, then ask the reviewer to approve the span again.",
  },
  'stale-provenance': {
    full: 'The .aiprov sidecar was written for different content than the file committed at HEAD (for example, a commit made with --no-verify), and that content is not available to move its spans from.',
    help: 'Run `aiprov export` (or commit through the aiprov pre-commit hook) and commit the refreshed sidecar.',
  },
  'malformed-sidecar': {
    full: 'The .aiprov sidecar is not valid: truncated JSON, an unknown version, ranges past the end of the file, a repeated span id, or a path outside the repository.',
    help: 'Restore the sidecar from a good revision or write it again with `aiprov export`; the message names the reason.',
  },
  'unsafe-sidecar': {
    full: 'The .aiprov folder or a sidecar is a symbolic link, which could make aiprov read or write outside the repository.',
    help: 'Replace the link with the real folder or file.',
  },
  'dropped-provenance': {
    full: 'An AI-written span recorded at the base or in a commit of this change is still in the file at HEAD, but HEAD no longer records it as AI (a deleted, emptied or rewritten sidecar).',
    help: RESTORE_HELP,
  },
  'relabelled-provenance': {
    full: 'An AI-written span recorded earlier is still recorded at HEAD, but with another origin, confidence, tool, model or author.',
    help: RESTORE_HELP,
  },
  'moved-ai-code': {
    full: 'Text recorded as AI-written elsewhere (in this change or at its base) appears in lines this change added that are recorded as human.',
    help: 'Record the moved code as AI (the editor keeps provenance through cut and paste; `aiprov import` or the hooks otherwise) and have it reviewed.',
  },
  'deleted-signoff': {
    full: "A reviewer's decision (approval, changes requested or revocation) recorded earlier was removed while the text it covers is still there.",
    help: 'Restore the record from the commit named in the message; a decision is withdrawn by a new signed revocation, never by deleting it.',
  },
  'duplicate-record': {
    full: 'Two different sign-off records share one id, or one record appears in two files: a record is one decision about one file.',
    help: 'Remove the copied or forged record; sign off again where a review is needed.',
  },
  'missing-trailer': {
    full: 'A commit in the change carries no AI-Assisted trailer, so it was made without the aiprov hooks (or with --no-verify) and its AI use was never recorded.',
    help: 'Install the hooks (`aiprov hooks install`) and recreate the commit through them, or amend it after exporting provenance.',
  },
  'bad-policy': {
    full: "The target branch's .aiprov/policy.json is not valid, so nothing could be verified.",
    help: 'Fix .aiprov/policy.json on the target branch; the message names the problem.',
  },
};

function ruleText(kind: ViolationKind): RuleText & { short: string } {
  return { short: VIOLATION_KINDS[kind], ...RULES[kind] };
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
  const kinds = Object.keys(RULES) as ViolationKind[];
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
                region: v.startLine
                  ? { startLine: v.startLine, endLine: Math.max(v.endLine ?? v.startLine, v.startLine) }
                  : { startLine: 1 },
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
