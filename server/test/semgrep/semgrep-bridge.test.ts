/** The semgrep bridge with a stand-in semgrep (test-fixtures/semgrep/fake-semgrep.js): result mapping with multibyte text, errors, a timeout, a crash, cancellation, absence, and the CLI around it. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadRules } from '../../src/engine/rules/load-rules';
import type { ForeignRule } from '../../src/engine/types';
import { mapSemgrepOutput } from '../../src/semgrep/map-semgrep-output';
import { locateSemgrep, SEMGREP_FLAGS } from '../../src/semgrep/run-semgrep';
import { scanDocumentWithSemgrep, scanFilesWithSemgrep, type SemgrepBridgeOptions } from '../../src/semgrep/scan-with-semgrep';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const fixtures = path.join(repoRoot, 'test-fixtures', 'semgrep');
const standIn = path.join(fixtures, 'fake-semgrep.js');
const appPy = path.join(fixtures, 'project', 'app.py');
const brokenPy = path.join(fixtures, 'project', 'broken.py');
const cliMain = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'main.js');

interface LogRecord {
  pid: number;
  args: string[];
  targets: string[];
  configs: string[];
}

function pythonRules(): ForeignRule[] {
  const loaded = loadRules([path.join(fixtures, 'rules')]);
  assert.deepEqual(loaded.errors, []);
  return loaded.foreignRules;
}

describe('the semgrep bridge, with a stand-in semgrep', function () {
  // Each test starts the CLI (a Node process that loads TypeScript's parser) a few times: slow on a busy machine.
  this.timeout(120000);
  let tmp = '';
  let log = '';
  const options = (scenario: string, extra: Partial<SemgrepBridgeOptions> = {}): SemgrepBridgeOptions => ({
    executable: standIn,
    env: { ...process.env, FAKE_SEMGREP_SCENARIO: scenario, FAKE_SEMGREP_LOG: log },
    timeoutMs: 20000,
    ...extra,
  });
  const records = (): LogRecord[] =>
    fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LogRecord) : [];
  const isAlive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-semgrep-test-'));
    log = path.join(tmp, 'calls.jsonl');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('runs semgrep with the documented flags and a config holding only the rules for other languages', async () => {
    const result = await scanFilesWithSemgrep([{ reportPath: 'project/app.py', absolutePath: appPy }], pythonRules(), options('results'));
    assert.equal(result.status, 'ran');
    const [call] = records();
    assert.ok(call);
    assert.deepEqual(call.args.slice(0, SEMGREP_FLAGS.length), ['--json', '--metrics=off', '--disable-version-check', '--no-rewrite-rule-ids']);
    assert.equal(call.args[SEMGREP_FLAGS.length], '--config');
    assert.deepEqual(call.targets, [appPy]);
    assert.match(call.configs[0] ?? '', /id: python-eval/);
    assert.doesNotMatch(call.configs[0] ?? '', /js-eval/);
  });

  it('maps byte columns to UTF-16 positions, slices snippets from the file, redacts secrets and drops ignored results', async () => {
    const result = await scanFilesWithSemgrep([{ reportPath: 'project/app.py', absolutePath: appPy }], pythonRules(), options('results'));
    const text = fs.readFileSync(appPy, 'utf8');
    const byRule = new Map(result.findings.map((f) => [f.ruleId, f]));
    assert.equal(result.findings.length, 3, 'the nosemgrep-ignored result is dropped');
    const greeting = byRule.get('python-unicode-greeting');
    assert.deepEqual(greeting?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 21 } });
    assert.equal(greeting?.snippet, 'greeting = "héllo 🎉"');
    assert.equal(greeting?.severity, 'info');
    const evalFinding = byRule.get('python-eval');
    assert.deepEqual(evalFinding?.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 27 } });
    assert.equal(text.slice(evalFinding?.start, evalFinding?.end), 'eval(user_input)');
    assert.equal(evalFinding?.snippet, 'eval(user_input)', 'not "requires login"');
    assert.equal(evalFinding?.severity, 'error');
    assert.deepEqual(evalFinding?.fix, { edits: [{ start: evalFinding?.start, end: evalFinding?.end, text: 'ast.literal_eval(user_input)' }], safe: true });
    assert.match(evalFinding?.fingerprint ?? '', /^[0-9a-f]{32}$/);
    const key = byRule.get('python-hardcoded-key');
    assert.equal(key?.redacted, true);
    assert.ok(!JSON.stringify(key).includes('0123456789abcdefghij'), JSON.stringify(key));
    assert.equal(key?.snippet, 'API_KEY = "sk_…j"');
  });

  it('maps {line, col} without offsets too, across surrogate pairs and CRLF line ends', () => {
    const text = 'x = "🎉🎉"\r\ny = "é" + eval(z)\r\n';
    // Line 2 in bytes: `y = "` (5) + é (2) + `" + ` (4) → eval starts at byte column 12.
    const output = {
      results: [
        { check_id: 'r', path: 'f.py', start: { line: 2, col: 12 }, end: { line: 2, col: 19 }, extra: { message: 'm', severity: 'WARNING', lines: 'requires login' } },
        { check_id: 'r', path: 'f.py', start: { line: 1, col: 6, offset: 5 }, end: { line: 1, col: 14, offset: 13 }, extra: { message: 'm', severity: 'MEDIUM' } },
        { check_id: 'r', path: 'elsewhere.py', start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 2, offset: 1 }, extra: {} },
      ],
      errors: [],
    };
    const mapped = mapSemgrepOutput(output, new Map([['f.py', { reportPath: 'src/f.py', text }]]));
    assert.deepEqual(
      mapped.findings.map((f) => [f.snippet, f.range.start.line, f.range.start.character, f.range.end.character, f.severity, f.path]),
      [
        ['eval(z)', 1, 10, 17, 'warning', 'src/f.py'],
        ['🎉🎉', 0, 5, 9, 'warning', 'src/f.py'],
      ],
    );
  });

  it('maps semgrep errors to Vigil errors with level, kind, path and line', async () => {
    const result = await scanFilesWithSemgrep(
      [
        { reportPath: 'project/broken.py', absolutePath: brokenPy },
        { reportPath: 'project/app.py', absolutePath: appPy },
      ],
      pythonRules(),
      options('errors'),
    );
    assert.equal(result.status, 'ran', 'exit 2 with JSON on stdout is still a run');
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.level, e.path, e.ruleId, e.line]),
      [
        ['parse', 'warning', 'project/broken.py', undefined, 1],
        ['rule-load', 'error', undefined, 'python-eval', undefined],
      ],
    );
    assert.match(result.errors[1]?.message ?? '', /^semgrep: Rule parse error: Invalid pattern for Python/);
  });

  it('kills a semgrep that runs past the timeout and reports it once', async () => {
    const started = Date.now();
    const result = await scanFilesWithSemgrep([{ reportPath: 'project/app.py', absolutePath: appPy }], pythonRules(), options('timeout', { timeoutMs: 1000 }));
    assert.ok(Date.now() - started < 10000, 'did not wait for the sleeping child');
    assert.equal(result.status, 'failed');
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]?.message ?? '', /semgrep did not finish within 1 s and was stopped; not scanned: project\/app\.py/);
    const pid = records()[0]?.pid ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(isAlive(pid), false, 'the child is gone');
  });

  it('kills the child when the AbortSignal fires (the language server cancelling a stale scan)', async () => {
    const controller = new AbortController();
    const pending = scanDocumentWithSemgrep('/work/app.py', 'eval(x)\n', pythonRules(), options('timeout', { signal: controller.signal }));
    while (records().length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const result = await pending;
    assert.equal(result.status, 'failed');
    assert.match(result.errors[0]?.message ?? '', /semgrep run cancelled/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(isAlive(records()[0]?.pid ?? 0), false);
  });

  it('reports a crash (non-zero exit, garbage on stdout) as one error naming the files, without throwing', async () => {
    const result = await scanFilesWithSemgrep([{ reportPath: 'project/app.py', absolutePath: appPy }], pythonRules(), options('crash'));
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.findings, []);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]?.message ?? '', /^semgrep exited with code 2 without JSON output: semgrep: fatal: out of memory; not scanned: project\/app\.py$/);
  });

  it('says "missing" when there is no semgrep, and finds one on PATH or through VIGIL_SEMGREP', async () => {
    const missing = await scanFilesWithSemgrep([{ reportPath: 'a.py', absolutePath: appPy }], pythonRules(), { executable: path.join(tmp, 'no-semgrep'), env: { PATH: '' } });
    assert.equal(missing.status, 'missing');
    assert.equal(locateSemgrep(undefined, { PATH: tmp }), undefined);
    const onPath = path.join(tmp, 'semgrep');
    fs.copyFileSync(standIn, onPath);
    fs.chmodSync(onPath, 0o755);
    assert.equal(locateSemgrep(undefined, { PATH: `/nonexistent${path.delimiter}${tmp}` }), onPath);
    assert.equal(locateSemgrep(undefined, { VIGIL_SEMGREP: standIn, PATH: '' }), standIn);
    assert.equal(locateSemgrep(standIn, { PATH: '' }), standIn);
  });

  it('scans one open document from its unsaved text and names findings by its path (for the language server)', async () => {
    const unsaved = fs.readFileSync(appPy, 'utf8');
    const result = await scanDocumentWithSemgrep('/workspace/src/app.py', unsaved, pythonRules(), options('results'));
    assert.equal(result.status, 'ran');
    assert.deepEqual([...new Set(result.findings.map((f) => f.path))], ['/workspace/src/app.py']);
    const target = records()[0]?.targets[0] ?? '';
    assert.equal(path.basename(target), 'app.py', 'a temp copy with the same name, so semgrep sees the language');
    assert.ok(!fs.existsSync(target), 'the temp copy is removed');
  });

  describe('in vigil scan', () => {
    const scan = (env: Record<string, string>, format = 'json'): { status: number | null; stdout: string; stderr: string } => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
      delete childEnv.CI;
      const run = spawnSync(process.execPath, [cliMain, 'scan', '--format', format, '--no-default-rules', '-r', 'rules', 'project'], {
        cwd: fixtures,
        encoding: 'utf8',
        env: childEnv,
      });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };

    it('merges semgrep findings (1-based UTF-16 columns) with the engine findings', () => {
      const run = scan({ VIGIL_SEMGREP: standIn, FAKE_SEMGREP_SCENARIO: 'results' });
      assert.equal(run.status, 1, run.stderr);
      const output = JSON.parse(run.stdout) as { results: { ruleId: string; path: string; start: { line: number; column: number }; end: { line: number; column: number } }[]; errors: { kind: string }[] };
      assert.deepEqual(
        output.results.map((r) => `${r.path}:${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${r.ruleId}`),
        [
          'project/app.py:1:1-1:22 python-unicode-greeting',
          'project/app.py:2:12-2:28 python-eval',
          'project/app.py:3:1-3:41 python-hardcoded-key',
          'project/web.js:2:1-2:8 js-eval',
        ],
      );
      assert.ok(!output.errors.some((e) => e.kind === 'unsupported-language' || e.kind === 'semgrep-missing'));
      assert.ok(!run.stdout.includes('0123456789abcdefghij'), 'the secret is redacted');
    });

    it('without semgrep, says once which files were not scanned and how to install it, and still scans the rest', () => {
      const run = scan({ PATH: process.env.PATH ?? '', VIGIL_SEMGREP: '' });
      assert.equal(run.status, 1, 'the JS finding decides; semgrep missing does not fail the run');
      const output = JSON.parse(run.stdout) as { results: { ruleId: string }[]; errors: { kind: string; level: string; message: string }[] };
      assert.deepEqual(output.results.map((r) => r.ruleId), ['js-eval']);
      const missing = output.errors.filter((e) => e.kind === 'semgrep-missing');
      assert.equal(missing.length, 1);
      assert.equal(missing[0]?.level, 'warning');
      assert.match(missing[0]?.message ?? '', /semgrep is not installed, so 2 files in other languages were not scanned \(project\/app\.py, project\/broken\.py\); install semgrep \(`pipx install semgrep`/);
    });
  });
});
