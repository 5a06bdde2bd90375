// A fake OpenAI-style model server on 127.0.0.1 for the real GitHub Copilot Chat, and the HTTP proxy
// that keeps every other request of the workbench on loopback: CONNECT and foreign hosts are
// refused and logged. Tests script the model per case: a prompt containing `[[case:NAME]]` gets
// the steps registered for NAME (tool calls, then text), one step per model turn.
import * as http from 'node:http';

/**
 * @typedef {{ toolCalls?: Array<{ name: string, arguments: object }>, text?: string }} Step
 * @param {{ log?: (line: string) => void }} opts
 */
export async function startFakeModel(opts = {}) {
  const log = opts.log ?? (() => {});
  /** @type {Map<string, Step[]>} */
  const plans = new Map();
  const refused = [];
  const requests = [];

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        handle(req, res, body);
      } catch (err) {
        log(`fake model error: ${err?.stack ?? err}`);
        res.statusCode = 500;
        res.end(String(err));
      }
    });
  });
  // HTTPS through the proxy: refused, never tunnelled.
  server.on('connect', (req, socket) => {
    refused.push(req.url);
    log(`refused CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });

  function handle(req, res, body) {
    const url = new URL(req.url, 'http://127.0.0.1');
    // An absolute URL is a proxied request: only our own address is served.
    if (/^https?:\/\//.test(req.url) && url.host !== `127.0.0.1:${port}` && url.host !== `localhost:${port}`) {
      refused.push(url.host);
      log(`refused ${req.method} ${req.url}`);
      res.statusCode = 403;
      res.end('offline test host: no network');
      return;
    }
    const route = url.pathname;
    if (route === '/__aiprov/plan' && req.method === 'POST') {
      const { name, steps } = JSON.parse(body);
      plans.set(name, steps);
      return json(res, { ok: true });
    }
    if (route === '/__aiprov/requests') return json(res, { requests, refused });
    if (route === '/models' || route === '/v1/models')
      return json(res, { data: [model('gpt-4.1', true, false), model('gpt-4o-mini', false, true)] });
    if (route === '/proxy/models') return json(res, { models: [] });
    if (/^\/proxy\/v1\/engines\/[^/]+\/completions$/.test(route) && req.method === 'POST') return ghostText(res);
    if (route === '/proxy/chat/completions' && req.method === 'POST') return proxyChat(res, JSON.parse(body || '{}'));
    if (route.endsWith('/chat/completions') && req.method === 'POST') return completion(res, JSON.parse(body || '{}'));
    if (route === '/telemetry' || route.startsWith('/origin-tracker')) return json(res, {});
    res.statusCode = 404;
    res.end();
  }

  /** Token mode: ghost text is the `__completion` plan's text. */
  function ghostText(res) {
    const completion = plans.get('__completion')?.[0]?.text ?? '';
    requests.push({ route: 'ghost text', answered: completion });
    log(`ghost text request, answering ${JSON.stringify(completion)}`);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`data: ${JSON.stringify({ id: 'cmpl-1', choices: [{ index: 0, text: completion, finish_reason: null }] })}\n\n`);
    res.write(`data: ${JSON.stringify({ id: 'cmpl-1', choices: [{ index: 0, text: '', finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  }

  /**
   * Token mode, on the proxy's chat endpoint:
   * - next-edit suggestions (a `<|code_to_edit|>` window in the prompt) answer that window with the
   *   `__nes` plan's {find, replace} applied. Copilot Chat 0.67.0 reads the answer by the model's
   *   prompting strategy: `copilot-nes-xtab` wants it in triple-backtick fences, the default
   *   `nes-callisto` (and `copilot-nes-oct`, strategy xtab275) the bare window lines: fences there
   *   would be suggested as code;
   * - next-cursor predictions (asked for a line number) get an empty answer (no jump);
   * - the code mapper (Apply in Editor, insert_edit_into_file) gets the whole new file, the
   *   `__mapper` plan, as raw text.
   */
  function proxyChat(res, request) {
    const messages = request.messages ?? [];
    const prompt = messages.map((m) => text(m.content)).join('\n');
    let route;
    let answer;
    if (/predict the line number/i.test(text(messages[0]?.content))) {
      // Asked before the next-edit window it also quotes.
      route = 'next cursor';
      answer = '';
    } else if (prompt.includes('<|code_to_edit|>')) {
      route = 'next edit';
      const window = (/<\|code_to_edit\|>\n?([\s\S]*?)\n?<\|\/code_to_edit\|>/.exec(prompt)?.[1] ?? '').replace('<|cursor|>', '');
      const plan = plans.get('__nes')?.[0];
      const edited = plan?.find && window.includes(plan.find) ? window.replace(plan.find, plan.replace ?? '') : window;
      answer = request.model === 'copilot-nes-xtab' ? '```\n' + edited + '\n```' : edited;
    } else {
      route = 'code mapper';
      answer = plans.get('__mapper')?.[0]?.text ?? '';
    }
    requests.push({ route, model: request.model, answered: answer.slice(0, 200) });
    log(`proxy chat request (${route}) ${request.model}, answering ${JSON.stringify(answer.slice(0, 200))}`);
    streamText(res, request.model, answer);
  }

  function streamText(res, modelName, content) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const base = {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: modelName ?? 'fake-model',
    };
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] })}\n\n`,
    );
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  }

  function completion(res, request) {
    const messages = request.messages ?? [];
    const caseIndex = findLastIndex(messages, (m) => m.role === 'user' && /\[\[case:[\w-]+\]\]/.test(text(m.content)));
    const name = caseIndex >= 0 ? /\[\[case:([\w-]+)\]\]/.exec(text(messages[caseIndex].content))[1] : undefined;
    const tools = (request.tools ?? []).map((t) => t.function?.name).filter(Boolean);
    // One step per model turn after the prompt; requests that do not quote a case (titles) get text.
    const turn = caseIndex >= 0 ? messages.slice(caseIndex + 1).filter((m) => m.role === 'assistant').length : 0;
    const steps = (name && plans.get(name)) || [];
    let step = steps[turn] ?? { text: name ? 'Done.' : 'OK' };
    // A request offered no tools (a title for the prompt) cannot take a tool call.
    if (step.toolCalls && tools.length === 0) step = { text: 'OK' };
    const lastUser = text(messages.filter((m) => m.role === 'user').at(-1)?.content).slice(-300);
    // What the last tool call gave back (an edit tool's error shows up here).
    const lastMessage = messages.at(-1);
    const toolResult = lastMessage?.role === 'tool' ? text(lastMessage.content).slice(0, 300) : undefined;
    requests.push({
      model: request.model,
      case: name,
      turn,
      tools,
      answered: step.toolCalls ? step.toolCalls.map((c) => c.name) : 'text',
      lastUser,
      ...(toolResult !== undefined && { toolResult }),
    });
    log(
      `model request ${request.model ?? '?'} case=${name ?? '-'} turn=${turn} tools=${tools.join(',').slice(0, 200)} last user message: ${JSON.stringify(lastUser)}`,
    );
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const base = {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: request.model ?? 'fake-model',
    };
    const send = (choice) => res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, ...choice }] })}\n\n`);
    if (step.toolCalls) {
      const calls = step.toolCalls.map((c, index) => {
        // Exact name first: multi_replace_string_in_file also ends with replace_string_in_file.
        const name = tools.find((t) => t === c.name) ?? tools.find((t) => t.endsWith(c.name)) ?? c.name;
        return {
          index,
          id: `call_${requests.length}_${index}`,
          type: 'function',
          function: { name, arguments: JSON.stringify(c.arguments) },
        };
      });
      send({ delta: { role: 'assistant', content: null, tool_calls: calls }, finish_reason: null });
      send({ delta: {}, finish_reason: 'tool_calls' });
    } else {
      send({ delta: { role: 'assistant', content: step.text }, finish_reason: null });
      send({ delta: {}, finish_reason: 'stop' });
    }
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  }

  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  const url = `http://127.0.0.1:${port}`;
  log(`fake model listening on ${url}`);
  return {
    url,
    port,
    refused,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function model(id, isDefault, isFallback) {
  return {
    id,
    name: id,
    object: 'model',
    vendor: 'fake',
    version: '1',
    model_picker_enabled: true,
    is_chat_default: isDefault,
    is_chat_fallback: isFallback,
    capabilities: {
      type: 'chat',
      family: id,
      tokenizer: 'o200k_base',
      limits: { max_prompt_tokens: 100000, max_output_tokens: 8000 },
      supports: { tool_calls: true, streaming: true },
    },
  };
}

function text(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('');
  return '';
}

function findLastIndex(list, predicate) {
  for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i])) return i;
  return -1;
}

function json(res, value) {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
}

/** User settings and files that point the real Copilot Chat at the fake model (BYOK "Custom Endpoint", no sign-in). */
export function copilotProfile(fakeModelUrl) {
  return {
    settings: {
      'chat.disableAIFeatures': false,
      'chat.byokUtilityModelDefault': 'mainAgent',
      'http.proxy': fakeModelUrl,
      'http.noProxy': ['127.0.0.1', 'localhost'],
      'http.proxySupport': 'override',
      'chat.tools.edits.autoApprove': { '**/*': true },
    },
    languageModels: [
      {
        vendor: 'customendpoint',
        name: 'Fake',
        models: [
          {
            id: 'fake-model',
            name: 'Fake Model',
            url: `${fakeModelUrl}/v1`,
            toolCalling: true,
            vision: false,
            maxInputTokens: 100000,
            maxOutputTokens: 8000,
            // A documented BYOK model setting. Without it Copilot Chat offers an unknown model only
            // replace_string_in_file and insert_edit_into_file until it has learnt the model's edits.
            editTools: ['find-replace', 'multi-find-replace', 'code-rewrite'],
          },
        ],
      },
    ],
    env: {
      HTTP_PROXY: fakeModelUrl,
      HTTPS_PROXY: fakeModelUrl,
      http_proxy: fakeModelUrl,
      https_proxy: fakeModelUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_USE_ENV_PROXY: '1',
    },
  };
}

/** Keeps the built-in chat extension enabled in a fresh browser profile (run on the server's origin before the workbench opens). */
export async function enableBuiltinChat(page, origin) {
  await page.goto(`${origin}/healthz`);
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vscode-web-state-db-global');
        open.onupgradeneeded = () => open.result.createObjectStore('ItemTable');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('ItemTable', 'readwrite');
          tx.objectStore('ItemTable').put('true', 'builtinChatExtensionEnablementMigration');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * The Copilot Chat extension's own scenario-automation switch: a Copilot token without sign-in, with
 * every endpoint on the fake server. It also swaps some of the extension's services for test
 * variants, so cases that need it (ghost text, next-edit suggestions, the code mapper) say so.
 */
export function copilotTokenEnv(fakeModelUrl) {
  const expiresAt = Math.floor(Date.now() / 1000) + 6 * 3600;
  const token = {
    token: `tid=fake;exp=${expiresAt}`,
    expires_at: expiresAt,
    refresh_in: 3 * 3600,
    sku: 'free_limited_copilot',
    endpoints: {
      api: fakeModelUrl,
      proxy: `${fakeModelUrl}/proxy`,
      telemetry: `${fakeModelUrl}/telemetry`,
      'origin-tracker': `${fakeModelUrl}/origin-tracker`,
    },
  };
  return { IS_SCENARIO_AUTOMATION: '1', VSCODE_COPILOT_CHAT_TOKEN: Buffer.from(JSON.stringify(token)).toString('base64') };
}
