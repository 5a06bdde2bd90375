// Runs the integration suite in the VS Code that code-server bundles, driven by headless Chromium.
// The workbench loads our extension (and the fake assistant) from source plus the test module;
// when the suite settles the page calls codeAutomationExit(code). A small HTTP bridge lets tests
// press real keys and take screenshots through Playwright.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { CHROMIUM_ARGS, hostPaths, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { copilotProfile, copilotTokenEnv, enableBuiltinChat, startFakeModel } from './fakeModel.mjs';
import { createFixtureWorkspace } from './workspace.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const SUITE_TIMEOUT_MS = Number(process.env.AIPROV_TEST_TIMEOUT_MS ?? 15 * 60_000);

const cache = execFileSync('bash', [path.join(root, 'scripts/test-host/install.sh')], { stdio: ['ignore', 'pipe', 'inherit'] })
  .toString()
  .trim();
const paths = hostPaths(cache);
const { chromium } = createRequire(import.meta.url)(paths.playwright);

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-it-'));
const artifacts = path.join(root, 'test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

let page;
let fakeModel;
let exitCode = 1;
const cleanups = [];

/**
 * POST /keys {"press": "Tab"} | {"type": "text"}, POST /screenshot {"name": "x"}, POST /text (the
 * visible text of the workbench and its frames),
 * POST /click {"selector": "css"} | {"role": "button", "name": "Yes"} (the first visible match), after
 * hovering the last visible match of {"hover": "css"} if given (toolbars that show on hover).
 */
const bridge = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    try {
      const request = body ? JSON.parse(body) : {};
      if (!page) throw new Error('no page yet');
      if (req.url === '/keys') {
        if (request.press) await page.keyboard.press(request.press);
        if (request.type) await page.keyboard.type(request.type, { delay: request.delay ?? 20 });
      } else if (req.url === '/text') {
        // The visible text of the workbench and every frame in it (webviews are nested iframes).
        const texts = await Promise.all(page.frames().map((f) => f.evaluate(() => document.body?.innerText ?? '').catch(() => '')));
        res.end(JSON.stringify({ ok: true, text: texts.join('\n') }));
        return;
      } else if (req.url === '/wait') {
        // Waits until a CSS selector is visible in the workbench (a suggestion, a widget).
        await page
          .locator(request.selector)
          .filter({ visible: true })
          .first()
          .waitFor({ state: 'visible', timeout: request.timeout ?? 10_000 });
      } else if (req.url === '/click') {
        if (request.hover)
          await page
            .locator(request.hover)
            .filter({ visible: true })
            .last()
            .hover({ timeout: request.timeout ?? 10_000 });
        const target = request.selector
          ? page.locator(request.selector)
          : page.getByRole(request.role, { name: request.name, exact: Boolean(request.exact) });
        await target
          .filter({ visible: true })
          .first()
          .click({ timeout: request.timeout ?? 10_000 });
      } else if (req.url === '/screenshot') {
        const name = String(request.name ?? 'screenshot').replace(/[^\w.-]/g, '_');
        const file = path.join(artifacts, `${name}.png`);
        await page.screenshot({ path: file });
        res.end(JSON.stringify({ ok: true, file }));
        return;
      } else {
        res.statusCode = 404;
      }
      res.end(JSON.stringify({ ok: res.statusCode === 200 }));
    } catch (err) {
      res.statusCode = 500;
      res.end(JSON.stringify({ ok: false, error: String(err) }));
    }
  });
});
await new Promise((resolve) => bridge.listen(0, '127.0.0.1', resolve));
cleanups.push(() => new Promise((resolve) => bridge.close(() => resolve())));
const bridgeUrl = `http://127.0.0.1:${bridge.address().port}`;

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {}
  }
  fs.rmSync(stateDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cleanup().then(() => process.exit(130)));

/**
 * One run of the suite in a fresh code-server and browser. Phase "token" runs only the
 * `*.token.test.ts` files, with the Copilot Chat extension's scenario-automation token switch on.
 */
async function runPhase(phase) {
  const phaseDir = path.join(stateDir, phase);
  const workspace = createFixtureWorkspace(path.join(phaseDir, 'workspace'));
  const copilot = copilotProfile(fakeModel.url);
  const home = path.join(phaseDir, 'home'); // Copilot Chat writes ~/.copilot lock files
  fs.mkdirSync(home, { recursive: true });
  const token = phase === 'token';
  const server = await startCodeServer({
    cache,
    stateDir: phaseDir,
    installExtensions: [path.join(root, 'test/fixtures/fake-assistant')],
    settings: { ...copilot.settings, ...(token && { 'github.copilot.enable': { '*': true } }) },
    userFiles: { 'chatLanguageModels.json': JSON.stringify(copilot.languageModels, null, 2) },
    env: {
      ...copilot.env,
      ...(token && copilotTokenEnv(fakeModel.url)),
      HOME: home,
      AIPROV_TEST_BRIDGE: bridgeUrl,
      AIPROV_TEST_WORKSPACE: workspace,
      AIPROV_TEST_GREP: process.env.AIPROV_TEST_GREP ?? '',
      AIPROV_TEST_PHASE: phase,
      AIPROV_FAKE_MODEL: fakeModel.url,
    },
    log: (line) => process.env.AIPROV_TEST_VERBOSE && console.error(`[code-server] ${line}`),
  });
  const phaseCleanups = [server.stop];
  try {
    const browserHome = path.join(phaseDir, 'browser-home');
    fs.mkdirSync(browserHome, { recursive: true });
    const browser = await chromium.launch({
      executablePath: process.env.AIPROV_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_ARGS, `--proxy-server=${fakeModel.url}`],
      env: {
        ...process.env,
        HOME: browserHome,
        XDG_CONFIG_HOME: path.join(browserHome, '.config'),
        XDG_CACHE_HOME: path.join(browserHome, '.cache'),
      },
    });
    phaseCleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();

    const finished = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host forwards console calls with their printf-style format arguments.
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (type === 'error') process.stderr.write(text + '\n');
      else process.stdout.write(text + '\n');
    });
    page.on('pageerror', (err) => process.env.AIPROV_TEST_VERBOSE && console.error(`[page] ${err.message}`));

    await enableBuiltinChat(page, server.url);
    const url = workbenchUrl(server.url, {
      folder: workspace,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/index'),
    });
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        console.error(`integration suite (${phase}) did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    if (code !== 0) await page.screenshot({ path: path.join(artifacts, `failure-${phase}.png`) }).catch(() => {});
    return code;
  } finally {
    for (const fn of phaseCleanups.reverse()) {
      try {
        await fn();
      } catch {}
    }
    page = undefined;
  }
}

try {
  // The real GitHub Copilot Chat that code-server bundles talks to a fake model on loopback; the
  // same server is the proxy for everything else, and refuses it.
  fakeModel = await startFakeModel({ log: (line) => process.env.AIPROV_TEST_VERBOSE && console.error(`[fake-model] ${line}`) });
  cleanups.push(fakeModel.stop);
  exitCode = await runPhase('main');
  if (exitCode === 0) {
    console.log('\nCases that need the Copilot token switch (ghost text, the code mapper):');
    exitCode = await runPhase('token');
  }
} catch (err) {
  console.error(`integration runner failed: ${err?.stack ?? err}`);
  exitCode = 1;
} finally {
  if (fakeModel?.refused.length) console.error(`kept offline: refused ${fakeModel.refused.length} request(s) to other hosts`);
  await cleanup();
}
process.exit(exitCode);
