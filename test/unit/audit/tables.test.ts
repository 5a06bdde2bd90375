import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliCaptured } from '../helpers/cli';
import { plantRepo, TestRepo, testEnv, type Planted } from './plantedRepo';

describe('audit tables (Parquet, NDJSON) in DuckDB', function () {
  this.timeout(120_000);
  let p: Planted;
  let second: TestRepo;
  let out: string;
  before(() => {
    p = plantRepo('aiprov-audit-org1-');
    // A second repository: a clone with one more pattern fix (a human line).
    second = new TestRepo(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-org2-'))));
    execFileSync('git', ['clone', '-q', p.repo.root, second.root], { env: testEnv, stdio: 'pipe' });
    second.git('config', 'user.email', 'dev@example.com');
    second.git('config', 'user.name', 'Dev');
    second.write(
      'src/human.ts',
      'export const limit = 20;\n// the number of retries\nexport function retries(n: number): number {\n  return n;\n}\n',
    );
    second.commit('fix: raise the limit');
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-tables-'));
  });
  after(() => {
    p.repo.remove();
    second.remove();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes versioned tables keyed by repository, and a query over two repositories gives the combined figures', async () => {
    const incidents = path.resolve(__dirname, '../../fixtures/audit/incidents.json');
    const one = await runCliCaptured(
      ['audit', '--format', 'parquet', '--out', out, '--repo', 'github.com/org/one', '--incidents', incidents, '--no-cache'],
      p.repo.root,
    );
    assert.equal(one.code, 0, one.err);
    const two = await runCliCaptured(
      ['audit', '--format', 'ndjson', '--out', out, '--repo', 'github.com/org/two', '--no-cache'],
      second.root,
    );
    assert.equal(two.code, 0, two.err);
    for (const table of ['commits', 'lines', 'signoffs', 'links', 'incidents']) {
      assert.deepEqual(
        fs.readdirSync(path.join(out, table, 'v1')).sort(),
        ['github.com_org_one.parquet', 'github.com_org_two.ndjson'],
        table,
      );
    }
    assert.equal(fs.readFileSync(path.join(out, 'links/v1/github.com_org_one.parquet')).subarray(0, 4).toString(), 'PAR1');

    const query = async (sql: string) => {
      const r = await runCliCaptured(['audit', '--query', sql, '--from', out, '--format', 'json'], os.tmpdir());
      assert.equal(r.code, 0, r.err);
      return JSON.parse(r.out) as Array<Record<string, string | number | null>>;
    };
    const rates = await query(`
      SELECT l.class, CAST(l.lines AS INTEGER) AS lines, CAST(coalesce(d.defects, 0) AS INTEGER) AS defect_lines,
             round(coalesce(d.defects, 0) * 1000.0 / l.lines, 3) AS per1000
      FROM (SELECT class, sum(lines) AS lines FROM lines GROUP BY class) l
      LEFT JOIN (SELECT class, count(DISTINCT (repo, inducing, file, line)) AS defects FROM links GROUP BY class) d USING (class)
      ORDER BY l.class`);
    assert.deepEqual(rates, [
      { class: 'ai-signed-off', lines: 12, defect_lines: 4, per1000: 333.333 },
      { class: 'ai-unreviewed', lines: 6, defect_lines: 6, per1000: 1000 },
      { class: 'human', lines: 19, defect_lines: 3, per1000: 157.895 },
    ]);
    const perRepo = await query(
      'SELECT repo, CAST(count(*) AS INTEGER) AS commits, CAST(sum(ai_lines) AS INTEGER) AS ai FROM commits GROUP BY repo ORDER BY repo',
    );
    assert.deepEqual(perRepo, [
      { repo: 'github.com/org/one', commits: 12, ai: 9 },
      { repo: 'github.com/org/two', commits: 13, ai: 9 },
    ]);
    const dora = await query(
      `SELECT CAST(count(DISTINCT change_sha) AS INTEGER) AS failed, median(hours_to_restore) AS ttr FROM incidents`,
    );
    assert.deepEqual(dora, [{ failed: 3, ttr: 4 }]);
    const signoffs = await query(`SELECT span_id, hours_to_signoff FROM signoffs WHERE repo = 'github.com/org/one' ORDER BY span_id`);
    assert.deepEqual(signoffs, [
      { span_id: 'span-ai1', hours_to_signoff: 0 },
      { span_id: 'span-ai2', hours_to_signoff: null },
      { span_id: 'span-ai3', hours_to_signoff: 3 },
    ]);
  });

  it('writing one format replaces the other, so a repository never counts twice', async () => {
    const r = await runCliCaptured(
      ['audit', '--format', 'ndjson', '--out', out, '--repo', 'github.com/org/one', '--no-cache'],
      p.repo.root,
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fs.readdirSync(path.join(out, 'links', 'v1')).sort(), ['github.com_org_one.ndjson', 'github.com_org_two.ndjson']);
    const again = await runCliCaptured(
      ['audit', '--format', 'parquet', '--out', out, '--repo', 'github.com/org/one', '--no-cache'],
      p.repo.root,
    );
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(fs.readdirSync(path.join(out, 'links', 'v1')).sort(), ['github.com_org_one.parquet', 'github.com_org_two.ndjson']);
  });

  it('gives every repository its own files, even when their names differ only in characters a file name cannot hold', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-audit-keys-'));
    try {
      for (const repo of ['gitlab.example.com/a_b/c', 'gitlab.example.com/a/b_c'])
        assert.equal(
          (await runCliCaptured(['audit', '--format', 'ndjson', '--out', dir, '--repo', repo, '--no-cache'], p.repo.root)).code,
          0,
        );
      const r = await runCliCaptured(
        [
          'audit',
          '--query',
          'SELECT repo, CAST(count(*) AS INTEGER) AS n FROM commits GROUP BY repo ORDER BY repo',
          '--from',
          dir,
          '--format',
          'json',
        ],
        os.tmpdir(),
      );
      assert.deepEqual(JSON.parse(r.out), [
        { repo: 'gitlab.example.com/a/b_c', n: 12 },
        { repo: 'gitlab.example.com/a_b/c', n: 12 },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a query DuckDB rejects is one line and exit 2', async () => {
    const r = await runCliCaptured(['audit', '--query', 'SELEC nothing', '--from', out], os.tmpdir());
    assert.equal(r.code, 2);
    assert.match(r.err, /^aiprov audit: .*syntax error.*\n$/i);
    assert.equal(r.err.split('\n').length, 2);
  });

  it('table formats need --out', async () => {
    const r = await runCliCaptured(['audit', '--format', 'parquet'], p.repo.root);
    assert.deepEqual([r.code, r.err], [2, 'aiprov audit: --format parquet writes tables: give --out DIR\n']);
  });
});
