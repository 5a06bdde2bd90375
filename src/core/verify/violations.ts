// Every kind of violation `aiprov verify` reports, with the one-line description the SARIF rules,
// the README and the text output share.
export const VIOLATION_KINDS = {
  unreviewed: 'AI-written code lacks a valid senior sign-off',
  'stale-signoff': 'AI-written code changed after its sign-off',
  'changes-requested': 'A senior requested changes to AI-written code',
  'stale-provenance': 'The sidecar does not describe the committed file',
  'malformed-sidecar': 'The sidecar cannot be read',
  'unsafe-sidecar': 'The sidecar or the .aiprov folder is a symbolic link',
  'deleted-sidecar': 'A sidecar was deleted while its AI code remains',
  'dropped-provenance': 'AI-written code recorded earlier is no longer recorded as AI',
  'relabelled-provenance': "The attribution of recorded AI-written code was changed",
  'moved-ai-code': 'AI-written code was moved or copied into text recorded as human',
  'deleted-signoff': "A reviewer's decision recorded earlier was removed",
  'duplicate-record': 'Two different sign-off records share one id',
  'missing-trailer': 'A commit carries no AI-Assisted trailer (made without the aiprov hooks)',
  'bad-policy': 'The sign-off policy cannot be read',
} as const;

export type ViolationKind = keyof typeof VIOLATION_KINDS;

export interface Violation {
  kind: ViolationKind;
  file: string;
  /** 1-based lines of the span concerned, when there is one. */
  startLine?: number;
  endLine?: number;
  spanId?: string;
  /** The commit concerned, for history and trailer violations. */
  commit?: string;
  message: string;
}
