// Helpers for integration tests running inside the extension host.
import * as vscode from 'vscode';

const bridge = process.env.AIPROV_TEST_BRIDGE;

/** True when a real browser drives the workbench (the offline code-server route). */
export const hasRealKeys = Boolean(bridge);

async function post(route: string, body: object): Promise<{ ok: boolean; file?: string; text?: string; error?: string }> {
  const res = await fetch(`${bridge}${route}`, { method: 'POST', body: JSON.stringify(body) });
  const json = (await res.json()) as { ok: boolean; file?: string; text?: string; error?: string };
  if (!json.ok) throw new Error(`test bridge ${route} failed: ${json.error ?? res.status}`);
  return json;
}

/** Presses a real key in the browser (Playwright key names: "Tab", "Control+Z", "Enter"). */
export async function pressKey(key: string): Promise<void> {
  if (!bridge) throw new Error('pressKey needs the code-server route (no real browser under @vscode/test-electron)');
  await post('/keys', { press: key });
}

/** Types text with real key presses. */
export async function typeText(text: string): Promise<void> {
  if (!bridge) throw new Error('typeText needs the code-server route');
  await post('/keys', { type: text });
}

/** Saves a screenshot of the workbench to test-artifacts/<name>.png; skipped without a browser. */
export async function screenshot(name: string): Promise<string | undefined> {
  if (!bridge) return undefined;
  return (await post('/screenshot', { name })).file;
}

/** Path of the fixture git repository the workbench opened. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return folder.uri.fsPath;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until the rendered workbench (webview frames included) shows text matching `pattern`, and
 * returns that text. Only a real browser can read what is on screen: undefined on the desktop route.
 */
export async function waitForScreenText(what: string, pattern: RegExp, timeoutMs = 20_000): Promise<string | undefined> {
  if (!bridge) return undefined;
  return waitFor(
    what,
    async () => {
      const text = (await post('/text', {})).text ?? '';
      return pattern.test(text) ? text : undefined;
    },
    timeoutMs,
  );
}

/**
 * Moves the cursor and waits until the workbench shows it there (the status bar's "Ln, Col"), so
 * real keys pressed next land at that position and not where the cursor was a moment before.
 */
export async function placeCursor(editor: vscode.TextEditor, line: number, character: number): Promise<void> {
  editor.selection = new vscode.Selection(line, character, line, character);
  await waitForScreenText(`the cursor at ${line + 1}:${character + 1}`, new RegExp(`Ln ${line + 1}, Col ${character + 1}\\b`));
}

/**
 * Replaces the focused input's text with `text` by real keys, and waits until the workbench shows
 * it. An input that fills itself in (a suggested prompt) can overwrite keys typed a moment before,
 * so a text that does not show up whole is typed again.
 */
export async function typeIntoFocused(what: string, text: string, attempts = 3): Promise<void> {
  // Monaco inputs render spaces as no-break spaces.
  const shown = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00a0]'));
  for (let attempt = 1; ; attempt++) {
    await pressKey('Control+A');
    await typeText(text);
    try {
      await waitForScreenText(`${what} to show ${JSON.stringify(text)}`, shown, 5_000);
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
    }
  }
}

/** Waits until what the workbench shows stops changing (a widget finished filling itself in). */
export async function waitForScreenStable(what: string, quietMs = 500, timeoutMs = 15_000): Promise<void> {
  if (!bridge) return;
  let text = '';
  const read = async () => (text = (await post('/text', {})).text ?? '');
  await read();
  const deadline = Date.now() + timeoutMs;
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const before = text;
    if ((await read()) !== before) since = Date.now();
    else if (Date.now() - since >= quietMs) return;
    if (Date.now() > deadline) throw new Error(`the workbench kept changing for ${timeoutMs} ms while waiting for ${what}`);
  }
}

/** Waits until a CSS selector is visible in the real workbench (the offline route's browser). */
export async function waitForVisible(what: string, selector: string, timeoutMs = 10_000): Promise<void> {
  if (!bridge) throw new Error(`waiting for ${what} needs the code-server route`);
  try {
    await post('/wait', { selector, timeout: timeoutMs });
  } catch (err) {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${selector}): ${(err as Error).message}`);
  }
}

/**
 * Waits until `probe` returns the same value for `quietMs` (compared as JSON): for asserting that
 * nothing more happens after an action, without a fixed sleep.
 */
export async function waitForStable<T>(what: string, probe: () => T, quietMs = 400, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(probe());
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const now = JSON.stringify(probe());
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return probe();
    if (Date.now() > deadline) throw new Error(`${what} kept changing for ${timeoutMs} ms`);
  }
}

/** Clicks the first visible element matching a CSS selector, or a role and accessible name, in the real workbench. */
export async function click(
  target: ({ selector: string } | { role: string; name: string; exact?: boolean }) & { hover?: string },
): Promise<void> {
  if (!bridge) throw new Error('click needs the code-server route');
  await post('/click', target);
}

const fakeModel = process.env.AIPROV_FAKE_MODEL;

/** True when the real GitHub Copilot Chat runs against the fake model (the offline route). */
export const hasFakeModel = Boolean(fakeModel);

export interface ModelStep {
  toolCalls?: Array<{ name: string; arguments: object }>;
  text?: string;
  /** Next-edit suggestions (`__nes`): the rewrite applied to the window Copilot asks about. */
  find?: string;
  replace?: string;
}

/** Scripts the fake model for prompts containing `[[case:<name>]]`: one step per model turn. */
export async function planModel(name: string, steps: ModelStep[]): Promise<void> {
  if (!fakeModel) throw new Error('planModel needs the fake model server (the offline route)');
  await fetch(`${fakeModel}/__aiprov/plan`, { method: 'POST', body: JSON.stringify({ name, steps }) });
}

/** What the fake model was asked, for failure messages. */
export async function modelRequests(): Promise<unknown> {
  if (!fakeModel) return undefined;
  return (await fetch(`${fakeModel}/__aiprov/requests`)).json();
}
