// Every command id, context key and setting name lives here, once. A unit test checks that
// package.json contributes exactly these.
export const Commands = {
  showOutput: 'aiprov.showOutput',
} as const;

export const ContextKeys = {} as const;

export const Settings = {
  section: 'aiprov',
  logLevel: 'logLevel',
} as const;
