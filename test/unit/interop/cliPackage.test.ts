import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { git, makeRepo, tempDir } from './testRepos';

const root = path.resolve(__dirname, '../../..');
const AI = 'export function risky(): void {\n  process.exit(0);\n}\n';

/** A repository whose feature branch adds an AI span nobody signed off. */
function failingChange(dir: string): string {
  const repo = makeRepo(dir, { 'src/a.ts': 'export const a = 1;\n' });
  git(repo, 'checkout', '-qb', 'feature');
  const content = 'export const a = 1;\n' + AI;
  const t = new SpanTracker();
  t.markAi(
    { start: content.length - AI.length, end: content.length },
    { origin: 'chatApply', confidence: 'certain', tool: 'Claude Code', author: 'dev@example.com', capturedAt: '2026-11-20T10:00:00.000Z' },
    'span-risky',
  );
  fs.writeFileSync(path.join(repo, 'src/a.ts'), content);
  fs.mkdirSync(path.join(repo, '.aiprov/src'), { recursive: true });
  fs.writeFileSync(path.join(repo, sidecarPathFor('src/a.ts')), serializeSidecar(buildSidecar('src/a.ts', content, t.spans())));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'ai change');
  return repo;
}

describe('the CLI packed on its own, and the GitHub Action around it', function () {
  this.timeout(120_000);
  let dir: string;
  let bin: string;
  const env = () => ({
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
  });

  before(() => {
    dir = tempDir('aiprov-pack-');
    // Pack, then install the tarball into an empty project with no registry at all.
    const tarball = execFileSync(process.execPath, [path.join(root, 'scripts/pack-cli.mjs'), '--out', path.join(dir, 'out')], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "empty", "version": "1.0.0", "private": true }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--registry', 'http://127.0.0.1:9/', tarball], {
      cwd: project,
      stdio: 'pipe',
    });
    bin = path.join(project, 'node_modules/.bin');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the tarball holds the bundle, the OpenCode plugin, a package.json without dependencies, README and LICENSE', () => {
    const installed = path.join(dir, 'project/node_modules/aiprov');
    assert.deepEqual(fs.readdirSync(installed).sort(), [
      'LICENSE',
      'README.md',
      'cli-hook.js',
      'cli-main.js',
      'cli.js',
      'package.json',
      'src',
    ]);
    assert.equal(
      fs.readFileSync(path.join(installed, 'src/agents-plugins/opencode/aiprov.js'), 'utf8'),
      fs.readFileSync(path.join(root, 'src/agents-plugins/opencode/aiprov.js'), 'utf8'),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(pkg.bin, { aiprov: 'cli.js' });
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'])
      assert.equal(pkg[field], undefined, field);
    assert.deepEqual(
      fs.readdirSync(path.join(dir, 'project/node_modules')).filter((n) => !n.startsWith('.')),
      ['aiprov'],
    );
  });

  it('the installed aiprov runs: --help, and a verify that fails an unreviewed AI span', () => {
    const help = spawnSync('aiprov', ['--help'], { env: env(), encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: aiprov <command>/);
    const version = spawnSync('aiprov', ['--version'], { env: env(), encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(
      version.stdout,
      `${(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
    const repo = failingChange(path.join(dir, 'repo'));
    const r = spawnSync('aiprov', ['verify', '--base', 'main'], { cwd: repo, env: env(), encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /AI span at src\/a\.ts:2-4 \(Claude Code\) lacks a valid senior sign-off/);
    const bad = spawnSync('aiprov', ['verify', '--base', 'no-such-branch'], { cwd: repo, env: env(), encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^aiprov verify: /);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  });

  it('the installed aiprov installs the OpenCode plugin, which only the package carries', () => {
    const repo = makeRepo(path.join(dir, 'repo-agents'), { 'a.ts': 'x\n' });
    const r = spawnSync('aiprov', ['hooks', 'install', '--agent', 'opencode', '--scope', 'project'], {
      cwd: repo,
      env: env(),
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const plugin = fs.readFileSync(path.join(repo, '.opencode/plugins/aiprov.js'), 'utf8');
    assert.match(plugin, /^\/\/ aiprov plugin for OpenCode/);
    assert.match(plugin, /^const AIPROV_COMMAND = "npx --no-install aiprov";$/m);
  });

  it('the installed aiprov records an agent edit through its hook bundle, and `hook --help` answers', () => {
    const repo = makeRepo(path.join(dir, 'repo-hook'), { 'src/a.ts': 'export const a = 1;\n' });
    const added = 'export const a = 1;\nexport const b = 2;\n';
    fs.writeFileSync(path.join(repo, 'src/a.ts'), added);
    const payload = JSON.stringify({
      session_id: 'packed-cli',
      cwd: repo,
      hook_event_name: 'PostToolUse',
      tool_name: 'Edit',
      tool_input: { file_path: path.join(repo, 'src/a.ts'), old_string: 'export const a = 1;\n', new_string: added },
    });
    const r = spawnSync('aiprov', ['hook', 'claude-code'], { cwd: repo, env: env(), input: payload, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const blame = spawnSync('aiprov', ['blame', 'src/a.ts'], { cwd: repo, env: env(), encoding: 'utf8' });
    assert.equal(blame.status, 0, blame.stderr);
    assert.match(blame.stdout, /^Claude Code .*export const b = 2;$/m);
    assert.match(blame.stdout, /^human .*export const a = 1;$/m);
    const help = spawnSync('aiprov', ['hook', '--help'], { env: env(), encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: aiprov hook <agent>/);
  });

  it("the action's verify step writes SARIF, annotates the lines, summarises, and hands on the exit code", () => {
    const action = fs.readFileSync(path.join(root, 'action.yml'), 'utf8');
    assert.match(action, /run: bash "\$GITHUB_ACTION_PATH\/scripts\/action-verify\.sh"/);
    assert.match(action, /uses: github\/codeql-action\/upload-sarif@v3/);
    assert.match(action, /tarball="\$\(node scripts\/pack-cli\.mjs\)"/);
    const repo = failingChange(path.join(dir, 'repo-action'));
    const outputs = path.join(dir, 'github-output');
    const summary = path.join(dir, 'step-summary');
    const r = spawnSync('bash', [path.join(root, 'scripts/action-verify.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...env(),
        GITHUB_BASE_REF: '',
        AIPROV_BASE: 'main',
        AIPROV_SARIF_FILE: 'aiprov.sarif',
        GITHUB_OUTPUT: outputs,
        GITHUB_STEP_SUMMARY: summary,
      },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^::error file=src\/a\.ts,line=2,endLine=4,title=aiprov unreviewed::/m);
    assert.deepEqual(fs.readFileSync(outputs, 'utf8').trim().split('\n').sort(), ['exit-code=1', 'sarif-file=aiprov.sarif']);
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'aiprov.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string }> }>;
    };
    assert.deepEqual(
      sarif.runs[0].results.map((x) => x.ruleId),
      ['unreviewed'],
    );
    assert.match(fs.readFileSync(summary, 'utf8'), /1 violation\(s\)/);
  });

  it("on push events the action's verify step compares with the default branch, or with the commit before a push to it", () => {
    const origin = failingChange(path.join(dir, 'origin-push'));
    /** A clone checked out the way actions/checkout does: a local branch tracking the pushed one. */
    const checkout = (name: string, branch: string) => {
      const clone = path.join(dir, name);
      git(dir, 'clone', '-q', origin, clone);
      git(clone, 'checkout', '-q', '-B', branch, `refs/remotes/origin/${branch}`);
      return clone;
    };
    const runStep = (clone: string, event: Record<string, string>) => {
      const outputs = path.join(clone, '.git', 'github-output');
      const r = spawnSync('bash', [path.join(root, 'scripts/action-verify.sh')], {
        cwd: clone,
        encoding: 'utf8',
        env: { ...env(), GITHUB_BASE_REF: '', AIPROV_BASE: '', GITHUB_EVENT_NAME: 'push', GITHUB_OUTPUT: outputs, ...event },
      });
      assert.equal(r.status, 0, r.stderr);
      return { out: r.stdout, outputs: fs.readFileSync(outputs, 'utf8') };
    };

    const branch = runStep(checkout('push-branch', 'feature'), { GITHUB_REF_NAME: 'feature', AIPROV_DEFAULT_BRANCH: 'main' });
    assert.match(branch.outputs, /^exit-code=1$/m);
    assert.match(branch.out, /^::error file=src\/a\.ts,line=2,endLine=4,title=aiprov unreviewed::/m);

    const before = git(origin, 'rev-parse', 'main').trim();
    git(origin, 'checkout', '-q', 'main');
    git(origin, 'merge', '-q', '--ff-only', 'feature');
    const main = runStep(checkout('push-main', 'main'), {
      GITHUB_REF_NAME: 'main',
      AIPROV_DEFAULT_BRANCH: 'main',
      AIPROV_PUSH_BEFORE: before,
    });
    assert.match(main.outputs, /^exit-code=1$/m);
    assert.match(main.out, /^::error file=src\/a\.ts,line=2,endLine=4,title=aiprov unreviewed::/m);

    const first = runStep(checkout('push-first', 'main'), {
      GITHUB_REF_NAME: 'main',
      AIPROV_DEFAULT_BRANCH: 'main',
      AIPROV_PUSH_BEFORE: '0'.repeat(40),
    });
    assert.match(first.out, /::warning title=aiprov verify::no earlier commit of this push to compare with/);
  });

  it("the action's verify step reports a run that could not happen, with no SARIF to upload", () => {
    const repo = failingChange(path.join(dir, 'repo-broken'));
    const outputs = path.join(dir, 'github-output-broken');
    const r = spawnSync('bash', [path.join(root, 'scripts/action-verify.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...env(), AIPROV_BASE: 'origin/nowhere', GITHUB_OUTPUT: outputs },
    });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /::error title=aiprov verify::aiprov verify could not run \(exit 2\)/);
    assert.equal(fs.readFileSync(outputs, 'utf8'), 'exit-code=2\n');
    assert.equal(fs.existsSync(path.join(repo, 'aiprov.sarif')), false);
  });

  it("the README's CI workflow uses this action, with inputs the action has", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## CI: enforcing sign-off'), readme.indexOf('## Interop'));
    const workflow = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    assert.match(workflow, /on: pull_request/);
    assert.match(workflow, /fetch-depth: 0/);
    assert.match(workflow, /security-events: write/);
    assert.match(workflow, /- uses: [\w-]+\/aiprov@v\d+\.\d+\.\d+/);
    assert.doesNotMatch(workflow, /npm ci|npx aiprov/);
    const action = fs.readFileSync(path.join(root, 'action.yml'), 'utf8');
    const inputs = action.slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'));
    for (const input of section.matchAll(/`(base|upload-sarif|node-version|sarif-file)`/g))
      assert.match(inputs, new RegExp(`\\n  ${input[1]}:\\n`), input[1]);
    for (const output of ['exit-code', 'sarif-file']) assert.match(action, new RegExp(`\\n  ${output}:\\n    description`), output);
    // A composite action's run steps each name their shell, and take inputs and event data only
    // through env (an expression inside a script is a script injection).
    const steps = action
      .slice(action.indexOf('\n  steps:\n'))
      .split(/\n {4}- /)
      .slice(1);
    assert.ok(steps.length >= 4);
    for (const step of steps.filter((s) => /\n\s+run: /.test(s) || s.startsWith('run: '))) {
      assert.match(step, /\n\s+shell: bash\n/, step);
      assert.doesNotMatch(step.slice(step.indexOf('run: ')), /\$\{\{/, step);
    }
  });
});
