// The fake model server the integration suite points the real Copilot Chat at: it must answer in
// the OpenAI streaming shape Copilot reads, and keep the workbench offline (refuse every proxied
// request to another host, never tunnel).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';

interface FakeModel {
  url: string;
  port: number;
  refused: string[];
  stop(): Promise<void>;
}

let server: FakeModel;

function post(route: string, body: object): Promise<string> {
  return fetch(`${server.url}${route}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.text());
}

describe('fake model server', () => {
  before(async () => {
    // A plain script of the test host, typed here rather than given a declaration file.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const { startFakeModel } = (await import('../../../scripts/test-host/fakeModel.mjs' as string)) as {
      startFakeModel: () => Promise<FakeModel>;
    };
    server = await startFakeModel();
  });

  after(() => server.stop());

  it('answers a scripted case with a streamed tool call, then text after the tool result', async () => {
    await post('/__aiprov/plan', {
      name: 'unit',
      steps: [
        { toolCalls: [{ name: 'replace_string_in_file', arguments: { filePath: '/x.ts', oldString: 'a', newString: 'b' } }] },
        { text: 'Done here.' },
      ],
    });
    const tools = [{ type: 'function', function: { name: 'replace_string_in_file' } }];
    const first = await post('/v1/chat/completions', {
      model: 'fake-model',
      tools,
      messages: [{ role: 'user', content: [{ type: 'text', text: '[[case:unit]] go' }] }],
    });
    const chunks = first
      .split('\n\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)));
    const call = chunks[0].choices[0].delta.tool_calls[0];
    assert.equal(call.function.name, 'replace_string_in_file');
    assert.deepEqual(JSON.parse(call.function.arguments), { filePath: '/x.ts', oldString: 'a', newString: 'b' });
    assert.equal(chunks[1].choices[0].finish_reason, 'tool_calls');
    assert.ok(first.trim().endsWith('data: [DONE]'));
    const second = await post('/v1/chat/completions', {
      model: 'fake-model',
      tools,
      messages: [
        { role: 'user', content: '[[case:unit]] go' },
        { role: 'assistant', tool_calls: [call] },
        { role: 'tool', content: 'ok' },
      ],
    });
    assert.match(second, /"content":"Done here\."/);
  });

  it('calls the tool named exactly, not another whose name ends the same way', async () => {
    await post('/__aiprov/plan', {
      name: 'exact',
      steps: [{ toolCalls: [{ name: 'replace_string_in_file', arguments: { filePath: '/x.ts', oldString: 'a', newString: 'b' } }] }],
    });
    const tools = ['multi_replace_string_in_file', 'replace_string_in_file'].map((name) => ({ type: 'function', function: { name } }));
    const reply = await post('/v1/chat/completions', {
      model: 'fake-model',
      tools,
      messages: [{ role: 'user', content: '[[case:exact]] go' }],
    });
    const chunk = JSON.parse(
      reply
        .split('\n\n')
        .find((l) => l.includes('tool_calls'))!
        .slice(6),
    );
    assert.equal(chunk.choices[0].delta.tool_calls[0].function.name, 'replace_string_in_file');
  });

  /** The text a streamed proxy answer carries. */
  const streamed = (reply: string) =>
    reply
      .split('\n\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)).choices[0]?.delta?.content ?? '')
      .join('');

  it('answers a next-edit request with the edited window: bare lines for nes-callisto, fenced for copilot-nes-xtab', async () => {
    await post('/__aiprov/plan', { name: '__nes', steps: [{ find: 'return a + b;', replace: 'return a + b + c;' }] });
    const window = 'function add(a, b, c<|cursor|>) {\n  return a + b;\n}\n';
    const prompt = `<|area_around_code_to_edit|>\n<|code_to_edit|>\n${window}\n<|/code_to_edit|>\n`;
    const ask = (model: string) => post('/proxy/chat/completions', { model, messages: [{ role: 'user', content: prompt }] });
    const edited = 'function add(a, b, c) {\n  return a + b + c;\n}\n';
    assert.equal(streamed(await ask('nes-callisto')), edited);
    assert.equal(streamed(await ask('copilot-nes-xtab')), '```\n' + edited + '\n```');
  });

  it('answers a next-cursor prediction with nothing and the code mapper with the planned file', async () => {
    await post('/__aiprov/plan', { name: '__mapper', steps: [{ text: 'const x = 1;\n' }] });
    const cursor = await post('/proxy/chat/completions', {
      model: 'copilot-suggestions-himalia-001',
      messages: [
        { role: 'system', content: 'Your task is to predict the line number where the developer is most likely to make their next edit.' },
      ],
    });
    assert.equal(streamed(cursor), '');
    const mapper = await post('/proxy/chat/completions', { model: 'gpt-4o-instant-apply', messages: [{ role: 'user', content: 'apply' }] });
    assert.equal(streamed(mapper), 'const x = 1;\n');
  });

  it('refuses a proxied request to another host', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'GET', path: 'http://example.com/telemetry' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
    assert.ok(server.refused.includes('example.com'));
  });

  it('refuses to tunnel (CONNECT)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () =>
        socket.write('CONNECT marketplace.example:443 HTTP/1.1\r\nHost: marketplace.example:443\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 403/);
    assert.ok(server.refused.includes('marketplace.example:443'));
  });
});
