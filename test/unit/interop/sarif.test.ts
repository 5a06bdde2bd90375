import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { buildSidecar, serializeSidecar, sidecarPathFor } from '../../../src/core/format';
import { SpanTracker } from '../../../src/core/spans/tracker';
import { runCliCaptured } from '../helpers/cli';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine?: number } } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  runs: Array<{
    automationDetails: { id: string };
    tool: { driver: { rules: Array<{ id: string; fullDescription: { text: string }; help: { text: string } }> } };
    results: SarifResult[];
  }>;
}

const AI = 'export function risky(): void {\n  process.exit(0);\n}\n';
const schema: object = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/sarif-schema-2.1.0.json'), 'utf8'));

describe('verify --format sarif as code scanning reads it', function () {
  this.timeout(30_000);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env }).toString();
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  const commitAll = (msg: string) => {
    git('add', '-A');
    git('commit', '-qm', msg);
  };
  /** The file with the AI block after `prefix`, and its sidecar (same span id every time). */
  const writeWithSpan = (file: string, prefix: string) => {
    const content = prefix + AI;
    const t = new SpanTracker();
    t.markAi(
      { start: prefix.length, end: content.length },
      {
        origin: 'chatApply',
        confidence: 'certain',
        tool: 'Claude Code',
        author: 'junior@example.com',
        capturedAt: '2026-11-20T10:00:00.000Z',
      },
      'span-risky',
    );
    write(file, content);
    write(sidecarPathFor(file), serializeSidecar(buildSidecar(file, content, t.spans())));
  };
  const sarif = async (): Promise<{ code: number; raw: unknown; log: SarifLog }> => {
    const r = await runCliCaptured(['verify', '--base', 'main', '--format', 'sarif'], repo);
    return { code: r.code, raw: JSON.parse(r.out), log: JSON.parse(r.out) as SarifLog };
  };

  beforeEach(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-sarif-')));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'junior@example.com');
    git('config', 'user.name', 'Junior');
    git('config', 'commit.gpgsign', 'false');
    write('src/a.ts', 'export const a = 1;\n');
    commitAll('base');
    git('checkout', '-qb', 'feature');
    writeWithSpan('src/my file.ts', 'export const a = 1;\n');
    write('src/b.ts', 'export const b = 2;\n');
    write(sidecarPathFor('src/b.ts'), '{"version": 1, "path": "src/b.ts", "spa');
    commitAll('ai change and a broken sidecar');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('a failing verify gives SARIF that validates against the OASIS 2.1.0 schema with every field code scanning needs', async () => {
    const { code, raw, log } = await sarif();
    assert.equal(code, 1);
    const validate = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(raw), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.match(run.automationDetails.id, /^aiprov\/verify\/[0-9a-f]{40}$/);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.fullDescription.text.length > 20, rule.id);
      assert.ok(rule.help.text.length > 20, rule.id);
    }
    const byRule = new Map(run.results.map((r) => [r.ruleId, r]));
    assert.deepEqual([...byRule.keys()].sort(), ['malformed-sidecar', 'unreviewed']);
    for (const r of run.results) {
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.ok(r.message.text);
      assert.match(Object.values(r.partialFingerprints)[0], /^[0-9a-f]{64}$/);
    }
    const span = byRule.get('unreviewed')!.locations[0].physicalLocation;
    assert.deepEqual(span, { artifactLocation: { uri: 'src/my%20file.ts' }, region: { startLine: 2, endLine: 4 } });
    // A file-level finding still has a region: line 1.
    assert.deepEqual(byRule.get('malformed-sidecar')!.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/b.ts' },
      region: { startLine: 1 },
    });
  });

  it('github annotations escape a file name as a workflow command property (, and : too), so the annotation lands on that file', async () => {
    writeWithSpan('src/a,b:c%d.ts', '');
    commitAll('odd name');
    const r = await runCliCaptured(['verify', '--base', 'main', '--format', 'github'], repo);
    assert.equal(r.code, 1);
    const line = r.out.split('\n').find((l) => l.includes('title=aiprov unreviewed') && l.includes('a%2Cb'));
    assert.ok(line, r.out);
    const properties = /^::error (.*?)::/.exec(line)![1].split(',');
    assert.deepEqual(properties, ['file=src/a%2Cb%3Ac%25d.ts', 'line=1', 'endLine=3', 'title=aiprov unreviewed']);
  });

  it('fingerprints are stable across runs and when lines above a finding shift', async () => {
    const first = (await sarif()).log.runs[0].results;
    const again = (await sarif()).log.runs[0].results;
    assert.deepEqual(
      again.map((r) => r.partialFingerprints),
      first.map((r) => r.partialFingerprints),
    );
    writeWithSpan('src/my file.ts', '// a comment\n// another\nexport const a = 1;\n');
    commitAll('lines shift');
    const shifted = (await sarif()).log.runs[0].results;
    const unreviewed = (rs: SarifResult[]) => rs.find((r) => r.ruleId === 'unreviewed')!;
    assert.equal(unreviewed(shifted).locations[0].physicalLocation.region.startLine, 4);
    assert.deepEqual(unreviewed(shifted).partialFingerprints, unreviewed(first).partialFingerprints);
    assert.notDeepEqual(unreviewed(first).partialFingerprints, first.find((r) => r.ruleId === 'malformed-sidecar')!.partialFingerprints);
  });
});
