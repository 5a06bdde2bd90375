// Types for the README table generator, so tests import it checked.
export function renderTables(pkg: object, violationKinds?: Record<string, string>): Record<'commands' | 'settings' | 'violations', string>;
export function updateReadme(readme: string, pkg: object): string;
