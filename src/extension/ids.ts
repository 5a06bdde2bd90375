// Every command id, context key and setting name lives here, once. A unit test checks that
// package.json contributes exactly these commands.
export const Commands = {
  showOutput: 'aiprov.showOutput',
  toggleHighlights: 'aiprov.toggleHighlights',
  toggleReviewMode: 'aiprov.toggleReviewMode',
  flushProvenance: 'aiprov.flushProvenance',
  installGitHooks: 'aiprov.installGitHooks',
  exportNow: 'aiprov.exportNow',
  signOffSpanAtCursor: 'aiprov.signOffSpanAtCursor',
  signOffFile: 'aiprov.signOffFile',
  signOffAll: 'aiprov.signOffAllChanges',
  requestChanges: 'aiprov.requestChanges',
  revokeSignOff: 'aiprov.revokeSignOff',
  showReport: 'aiprov.showReport',
  toggleChangedOnly: 'aiprov.toggleChangedOnly',
  exportReport: 'aiprov.exportReport',
  nextUnreviewed: 'aiprov.nextUnreviewedSpan',
  previousUnreviewed: 'aiprov.previousUnreviewedSpan',
} as const;

export const ContextKeys = {
  highlightsEnabled: 'aiprov:highlightsEnabled',
  reviewMode: 'aiprov:reviewMode',
  changedOnly: 'aiprov:changedOnly',
} as const;

export const Settings = {
  section: 'aiprov',
  captureEnabled: 'capture.enabled',
  maxFileSize: 'capture.maxFileSize',
  highlightsEnabled: 'highlights.enabled',
  highlightsStyle: 'highlights.style',
  codeLens: 'review.codeLens',
  baseBranch: 'review.baseBranch',
} as const;

export const Views = {
  tree: 'aiprov.provenance',
} as const;

export const Colors = {
  aiBackground: 'aiprov.unreviewedBackground',
  aiOverviewRuler: 'aiprov.unreviewedOverviewRuler',
  signedOffBackground: 'aiprov.signedOffBackground',
  signedOffOverviewRuler: 'aiprov.signedOffOverviewRuler',
  staleBackground: 'aiprov.staleBackground',
  staleOverviewRuler: 'aiprov.staleOverviewRuler',
  changesRequestedBackground: 'aiprov.changesRequestedBackground',
  changesRequestedOverviewRuler: 'aiprov.changesRequestedOverviewRuler',
} as const;
