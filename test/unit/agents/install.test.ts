// `aiprov hooks install --agent`: each agent's configuration, kept hooks, idempotence, scopes, and
// validation against the agents' published configuration schemas.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { runCliCaptured as cli } from '../helpers/cli';
import { AgentRepo, FIXTURES } from './agentRepo';

const schema = (name: string) =>
  new Ajv({ strict: false, validateFormats: false }).compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'schemas', name), 'utf8')));
const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('aiprov hooks install --agent', () => {
  let repo: AgentRepo;
  beforeEach(() => (repo = new AgentRepo()));
  afterEach(() => repo.dispose());
  const install = (...args: string[]) => cli(['hooks', 'install', ...args], repo.root);
  const at = (rel: string) => path.join(repo.root, rel);

  const FILES: Record<string, string> = {
    'claude-code': '.claude/settings.json',
    codex: '.codex/hooks.json',
    gemini: '.gemini/settings.json',
    cursor: '.cursor/hooks.json',
    copilot: '.github/hooks/aiprov.json',
    windsurf: '.windsurf/hooks.json',
    cline: '.clinerules/hooks/PostToolUse',
    opencode: '.opencode/plugins/aiprov.js',
  };
  for (const [agent, file] of Object.entries(FILES)) {
    it(`${agent}: project scope writes ${file} once; installing again changes nothing`, async () => {
      const first = await install('--agent', agent, '--scope', 'project');
      assert.equal(first.code, 0, first.err);
      assert.equal(
        first.out.split('\n')[0],
        `aiprov: ${agent} hooks written to ${file}${agent === 'cline' ? ', .clinerules/hooks/PreToolUse' : ''}`,
      );
      const bytes = fs.readFileSync(at(file), 'utf8');
      assert.match(bytes, new RegExp(`npx --no-install aiprov(\\s|").*|hook ${agent}`));
      const second = await install('--agent', agent, '--scope', 'project');
      assert.equal(second.out, `aiprov: ${agent} hooks already in ${file}${agent === 'cline' ? ', .clinerules/hooks/PreToolUse' : ''}\n`);
      assert.equal(fs.readFileSync(at(file), 'utf8'), bytes);
      assert.match(
        repo.git('status', '--porcelain', '--untracked-files=all'),
        new RegExp(file.replaceAll('.', '\\.')),
        'project scope is for committing',
      );
    });
  }

  it('claude-code: keeps existing hooks and settings, adds Pre/PostToolUse, and validates against the SchemaStore schema', async () => {
    const settings = at('.claude/settings.json');
    fs.mkdirSync(path.dirname(settings));
    fs.writeFileSync(
      settings,
      JSON.stringify({ model: 'opus', hooks: { PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] }] } }),
    );
    assert.equal((await install('--agent', 'claude-code', '--scope', 'project', '--command', 'aiprov')).code, 0);
    const written = json(settings) as { model: string; hooks: Record<string, unknown> };
    const validate = schema('claude-code-settings.schema.json');
    assert.ok(validate(structuredClone(written)), JSON.stringify(validate.errors));
    assert.equal(written.model, 'opus');
    assert.deepEqual(written.hooks.PostToolUse, [
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] },
      { matcher: 'Write|Edit|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: 'aiprov hook claude-code', timeout: 30 }] },
    ]);
    assert.deepEqual(written.hooks.PreToolUse, [
      { matcher: 'Write|NotebookEdit', hooks: [{ type: 'command', command: 'aiprov hook claude-code', timeout: 30 }] },
    ]);
    // The schema is strict enough to catch a broken hook.
    assert.equal(validate({ hooks: { PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command' }] }] } }), false);
  });

  it('codex: .codex/hooks.json validates against the SchemaStore codex-hooks schema, and the fixture payload against Codex’s own input schema', async () => {
    assert.equal((await install('--agent', 'codex', '--scope', 'project')).code, 0);
    const validate = schema('codex-hooks.schema.json');
    assert.ok(validate(json(at('.codex/hooks.json'))), JSON.stringify(validate.errors));
    assert.equal(validate({ hooks: { PostToolUse: [{ hooks: [{ type: 'command' }] }] } }), false);
    const payload = json(path.join(FIXTURES, 'codex-post-tool-use-apply-patch.json'));
    delete payload.$comment;
    const input = schema('codex-post-tool-use.command.input.schema.json');
    assert.ok(input(payload), JSON.stringify(input.errors));
  });

  it('gemini: .gemini/settings.json keeps other settings and validates against Gemini CLI’s own settings schema', async () => {
    fs.mkdirSync(at('.gemini'));
    fs.writeFileSync(at('.gemini/settings.json'), JSON.stringify({ ui: { theme: 'GitHub' } }));
    assert.equal((await install('--agent', 'gemini', '--scope', 'project', '--command', 'aiprov')).code, 0);
    const written = json(at('.gemini/settings.json')) as { ui: unknown; hooks: Record<string, unknown> };
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      json(path.join(FIXTURES, 'schemas', 'gemini-settings.schema.json')),
    );
    assert.ok(validate(structuredClone(written)), JSON.stringify(validate.errors));
    assert.deepEqual(written.ui, { theme: 'GitHub' });
    const handler = { type: 'command', command: 'aiprov hook gemini', name: 'aiprov', timeout: 30000 };
    assert.deepEqual(written.hooks, {
      AfterTool: [{ matcher: '^(write_file|replace)$', hooks: [handler] }],
      BeforeTool: [{ matcher: '^write_file$', hooks: [handler] }],
    });
    assert.equal(validate({ hooks: { AfterTool: { matcher: 'x' } } }), false);
  });

  it('copilot: .github/hooks/aiprov.json is a version 1 command hook for bash and for powershell (the only one the CLI runs on Windows)', async () => {
    assert.equal((await install('--agent', 'copilot', '--scope', 'project', '--command', 'aiprov')).code, 0);
    assert.deepEqual(json(at('.github/hooks/aiprov.json')), {
      version: 1,
      hooks: {
        postToolUse: [{ type: 'command', bash: 'aiprov hook copilot', powershell: 'aiprov hook copilot', timeoutSec: 30 }],
      },
    });
  });

  it('reinstalling with another command updates aiprov’s entry in place instead of adding a second one', async () => {
    await install('--agent', 'cursor', '--scope', 'project', '--command', 'node /old/cli.js');
    await install('--agent', 'cursor', '--scope', 'project', '--command', 'node /new/cli.js');
    const hooks = json(at('.cursor/hooks.json'));
    assert.equal(hooks.version, 1);
    assert.deepEqual(hooks.hooks.afterFileEdit, [{ command: 'node /new/cli.js hook cursor', timeout: 30 }]);
    assert.deepEqual(hooks.hooks.afterTabFileEdit, [{ command: 'node /new/cli.js hook cursor', timeout: 30 }]);
  });

  it('a look-alike hook of another tool is kept, not taken for aiprov’s', async () => {
    fs.mkdirSync(at('.windsurf'));
    fs.writeFileSync(at('.windsurf/hooks.json'), JSON.stringify({ hooks: { post_write_code: [{ command: 'audit-tool hook windsurf' }] } }));
    assert.equal((await install('--agent', 'windsurf', '--scope', 'project')).code, 0);
    assert.deepEqual(
      json(at('.windsurf/hooks.json')).hooks.post_write_code.map((h: { command: string }) => h.command),
      ['audit-tool hook windsurf', 'npx --no-install aiprov hook windsurf'],
    );
  });

  it('local scope (the default) runs this aiprov by path and is git-ignored, so the work tree stays clean', async () => {
    for (const agent of ['claude-code', 'windsurf', 'cline']) assert.equal((await install('--agent', agent)).code, 0);
    assert.ok(fs.existsSync(at('.claude/settings.local.json')));
    assert.match(json(at('.windsurf/hooks.json')).hooks.post_write_code[0].command, /^node ".*" hook windsurf$/);
    assert.equal(repo.git('status', '--porcelain', '--untracked-files=all'), '');
    const exclude = fs.readFileSync(at('.git/info/exclude'), 'utf8');
    assert.match(exclude, /^\/\.claude\/settings\.local\.json$/m);
    assert.equal((await install('--agent', 'windsurf')).out, 'aiprov: windsurf hooks already in .windsurf/hooks.json\n');
    assert.equal(fs.readFileSync(at('.git/info/exclude'), 'utf8'), exclude, 'not added twice');
  });

  it('local scope refuses a configuration file that is committed, and leaves it untouched', async () => {
    fs.mkdirSync(at('.cursor'));
    fs.writeFileSync(at('.cursor/hooks.json'), '{"version":1,"hooks":{}}\n');
    repo.git('add', '.cursor/hooks.json');
    repo.git('commit', '-qm', 'team hooks');
    const r = await install('--agent', 'cursor', '--scope', 'local');
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'aiprov hooks: cursor: .cursor/hooks.json is committed, so a local-scope hook cannot be hidden from git; use --scope project\n',
    );
    assert.equal(fs.readFileSync(at('.cursor/hooks.json'), 'utf8'), '{"version":1,"hooks":{}}\n');
  });

  it('a configuration that is not JSON is reported and left byte-identical', async () => {
    fs.mkdirSync(at('.gemini'));
    fs.writeFileSync(at('.gemini/settings.json'), '{ "theme": "dark", ');
    const r = await install('--agent', 'gemini', '--scope', 'project');
    assert.equal(r.code, 2);
    assert.match(r.err, /^aiprov hooks: gemini: .*\.gemini\/settings\.json: cannot read it \(.*\); left untouched\n$/);
    assert.equal(fs.readFileSync(at('.gemini/settings.json'), 'utf8'), '{ "theme": "dark", ');
  });

  it('--agent all installs for the agents whose configuration is found, and only those', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-home-'));
    const savedHome = process.env.HOME;
    try {
      process.env.HOME = home;
      fs.mkdirSync(path.join(home, '.codex'));
      fs.mkdirSync(at('.windsurf'));
      const r = await install('--agent', 'all', '--scope', 'project', '--command', 'aiprov');
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(
        r.out.split('\n').filter((l) => l.includes('hooks written')),
        ['aiprov: codex hooks written to .codex/hooks.json', 'aiprov: windsurf hooks written to .windsurf/hooks.json'],
      );
      assert.ok(!fs.existsSync(at('.claude')));
    } finally {
      process.env.HOME = savedHome;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('cline: an existing hook script is kept and chained; the installed script records write tools only and passes on the chained answer', async () => {
    const hooksDir = at('.clinerules/hooks');
    fs.mkdirSync(hooksDir, { recursive: true });
    fs.writeFileSync(
      path.join(hooksDir, 'PostToolUse'),
      '#!/bin/sh\ncat >/dev/null\necho \'{"cancel":false,"contextModification":"mine"}\'\n',
      { mode: 0o755 },
    );
    const captured = path.join(repo.root, 'captured.jsonl');
    const shim = path.join(repo.root, 'shim.sh');
    fs.writeFileSync(shim, `#!/bin/sh\n{ cat; echo; } >> "${captured}"\n`, { mode: 0o755 });
    const r = await install('--agent', 'cline', '--command', `sh ${shim}`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /existing \.clinerules\/hooks\/PostToolUse kept and chained/);
    const run = (event: string, payload: string) => execFileSync(path.join(hooksDir, event), { input: payload, cwd: repo.root }).toString();
    const compact = (text: string) => JSON.stringify(JSON.parse(text));
    const edit = compact(repo.payload('cline-post-tool-use-replace-in-file.json'));
    assert.equal(run('PostToolUse', edit), '{"cancel":false,"contextModification":"mine"}\n');
    assert.equal(
      run('PostToolUse', JSON.stringify({ hookName: 'PostToolUse', postToolUse: { toolName: 'read_file', parameters: { path: 'x' } } })),
      '{"cancel":false,"contextModification":"mine"}\n',
    );
    assert.equal(run('PreToolUse', compact(repo.payload('cline-pre-tool-use-write-to-file.json'))), '{"cancel":false}\n');
    const sent = fs
      .readFileSync(captured, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      sent.map((p) => p.hookName + ':' + (p.postToolUse ?? p.preToolUse).toolName),
      ['PostToolUse:replace_in_file', 'PreToolUse:write_to_file'],
    );
  });

  it('opencode: the installed plugin forwards edits with session and model to `aiprov hook opencode`, which records them', async () => {
    const captured = path.join(repo.root, 'captured.jsonl');
    const shim = path.join(repo.root, 'shim.sh');
    fs.writeFileSync(shim, `#!/bin/sh\n{ cat; echo; } >> "${captured}"\n`, { mode: 0o755 });
    assert.equal((await install('--agent', 'opencode', '--command', `sh ${shim}`)).code, 0);
    // OpenCode loads plugins as ES modules; plain Node needs to be told.
    fs.writeFileSync(at('.opencode/plugins/package.json'), '{"type":"module"}');
    const { AiprovPlugin } = await import(at('.opencode/plugins/aiprov.js'));
    const hooks = await AiprovPlugin({ directory: repo.root });
    const args = {
      filePath: repo.file,
      oldString: '  return a - b;',
      newString: "  if (Number.isNaN(a)) throw new Error('NaN');\n  return a - b;",
    };
    await hooks['chat.params']({ sessionID: 'ses_1', model: { id: 'gpt-5.1' } }, {});
    await hooks['tool.execute.before']({ tool: 'read', sessionID: 'ses_1', callID: 'c0' }, { args: { filePath: repo.file } });
    await hooks['tool.execute.after']({ tool: 'read', sessionID: 'ses_1', callID: 'c0' }, { title: '', output: '', metadata: {} });
    await hooks['tool.execute.before']({ tool: 'edit', sessionID: 'ses_1', callID: 'c1' }, { args });
    repo.write(repo.read().replace(args.oldString, args.newString));
    await hooks['tool.execute.after']({ tool: 'edit', sessionID: 'ses_1', callID: 'c1' }, { title: '', output: '', metadata: {} });
    const sent = fs.readFileSync(captured, 'utf8').trim().split('\n');
    assert.equal(sent.length, 1, 'only the edit is forwarded, once');
    const r = await cli(['hook', 'opencode'], repo.root, sent[0]);
    assert.equal(r.code, 0, r.err);
    const [span] = (await repo.live())!.spans;
    assert.deepEqual([span.tool, span.model, span.sessionId], ['OpenCode', 'gpt-5.1', 'ses_1']);
    assert.deepEqual(AgentRepo.spanTexts((await repo.live())!, repo.read()), ["  if (Number.isNaN(a)) throw new Error('NaN');\n"]);
  });

  it('uninstall --agent removes only aiprov’s entries: other hooks stay, files left empty go, a chained Cline script comes back', async () => {
    fs.mkdirSync(at('.claude'));
    fs.writeFileSync(
      at('.claude/settings.json'),
      JSON.stringify({ model: 'opus', hooks: { PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] }] } }),
    );
    fs.mkdirSync(at('.clinerules/hooks'), { recursive: true });
    const mine = '#!/bin/sh\necho \'{"cancel":false}\'\n';
    fs.writeFileSync(at('.clinerules/hooks/PostToolUse'), mine, { mode: 0o755 });
    for (const agent of ['claude-code', 'cursor', 'cline', 'opencode'])
      assert.equal((await install('--agent', agent, '--scope', 'project')).code, 0);
    assert.equal((await install('--agent', 'claude-code')).code, 0);
    const r = await cli(['hooks', 'uninstall', '--agent', 'all'], repo.root);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.split('\n').filter(Boolean).sort(), [
      'aiprov: claude-code hooks removed from .claude/settings.local.json, .claude/settings.json',
      'aiprov: cline hooks removed from .clinerules/hooks/PostToolUse, .clinerules/hooks/PreToolUse',
      'aiprov: cursor hooks removed from .cursor/hooks.json',
      'aiprov: opencode hooks removed from .opencode/plugins/aiprov.js',
    ]);
    assert.deepEqual(json(at('.claude/settings.json')), {
      model: 'opus',
      hooks: { PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] }] },
    });
    for (const gone of ['.claude/settings.local.json', '.cursor/hooks.json', '.opencode/plugins/aiprov.js', '.clinerules/hooks/PreToolUse'])
      assert.ok(!fs.existsSync(at(gone)), gone);
    assert.equal(fs.readFileSync(at('.clinerules/hooks/PostToolUse'), 'utf8'), mine);
    assert.equal((await cli(['hooks', 'uninstall', '--agent', 'all'], repo.root)).out, 'aiprov: no aiprov agent hooks found\n');
  });

  it('rejects an unknown agent or scope as usage errors', async () => {
    assert.equal((await install('--agent', 'vim')).code, 2);
    const scope = await install('--agent', 'cursor', '--scope', 'team');
    assert.deepEqual([scope.code, scope.err], [2, "aiprov hooks: --scope must be local or project, not 'team'\n"]);
  });
});
