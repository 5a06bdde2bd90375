// Every command id, context key and setting name lives here, once. A unit test checks that
// package.json contributes exactly these commands.
export const Commands = {
  showOutput: 'aiprov.showOutput',
  toggleHighlights: 'aiprov.toggleHighlights',
  flushProvenance: 'aiprov.flushProvenance',
  installGitHooks: 'aiprov.installGitHooks',
  exportNow: 'aiprov.exportNow',
} as const;

export const ContextKeys = {
  highlightsEnabled: 'aiprov:highlightsEnabled',
} as const;

export const Settings = {
  section: 'aiprov',
  captureEnabled: 'capture.enabled',
  maxFileSize: 'capture.maxFileSize',
  useEditSource: 'capture.useEditSource',
  highlightsEnabled: 'highlights.enabled',
} as const;

export const Colors = {
  aiBackground: 'aiprov.unreviewedBackground',
  aiOverviewRuler: 'aiprov.unreviewedOverviewRuler',
} as const;
