/** Runs the real `vigil` CLI (tsc output) on test-fixtures/cli and checks its stdout contract, errors and exit codes. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const cliMain = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'main.js');
const fixtures = path.join(repoRoot, 'test-fixtures', 'cli');
const packageVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface JsonPosition {
  line: number;
  column: number;
}

interface JsonResult {
  ruleId: string;
  path: string;
  start: JsonPosition;
  end: JsonPosition;
  message: string;
  severity: string;
  metadata: Record<string, unknown>;
  fix?: string;
  fixEdits?: { start: JsonPosition; end: JsonPosition; text: string }[];
}

interface JsonError {
  message: string;
  path?: string;
  ruleId?: string;
  line?: number;
  level: string;
  kind: string;
}

interface JsonOutput {
  version: string;
  results: JsonResult[];
  errors: JsonError[];
}

function runVigil(args: readonly string[], cwd: string = fixtures): Run {
  const child = spawnSync(process.execPath, [cliMain, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs a JSON scan that must succeed (`--fail-on none`: findings do not change the exit code) and returns its parsed output. */
function scanJson(args: readonly string[], cwd: string = fixtures): JsonOutput {
  const run = runVigil(['scan', '--format', 'json', '--fail-on', 'none', ...args], cwd);
  assert.equal(run.status, 0, `exit status (stderr: ${run.stderr})`);
  assert.equal(run.stderr, '', 'nothing on stderr');
  return JSON.parse(run.stdout) as JsonOutput;
}

function assertUsageError(run: Run, mentions: RegExp): void {
  assert.equal(run.status, 2, `exit status (stdout: ${run.stdout})`);
  assert.equal(run.stdout, '', 'nothing on stdout');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0] ?? '', /^vigil: /);
  assert.match(lines[0] ?? '', mentions);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

describe('vigil CLI', function () {
  // Each test starts the CLI (a Node process that loads TypeScript's parser) a few times: slow on a busy machine.
  this.timeout(120000);
  before(() => {
    assert.ok(fs.existsSync(cliMain), `${cliMain} is missing: run tsc -b first`);
  });

  describe('usage errors exit 2 with one line on stderr', () => {
    it('rejects an unknown flag', () => {
      assertUsageError(runVigil(['scan', '--bogus', 'src']), /unknown option '--bogus'/);
    });

    it('rejects an unknown top-level flag', () => {
      assertUsageError(runVigil(['--bogus']), /unknown option '--bogus'/);
    });

    it('rejects an unknown command', () => {
      assertUsageError(runVigil(['frobnicate', 'src']), /unknown command 'frobnicate'/);
    });

    it('rejects --rules without a value', () => {
      assertUsageError(runVigil(['scan', 'src', '--rules']), /--rules needs a value/);
    });

    it('rejects --format without a value', () => {
      assertUsageError(runVigil(['scan', 'src', '--format']), /--format needs a value/);
    });

    it('rejects a format other than text, json or sarif', () => {
      assertUsageError(runVigil(['scan', '--format', 'xml', 'src']), /--format must be one of text, json, sarif, got 'xml'/);
    });

    it('rejects a --fail-on level it does not know', () => {
      assertUsageError(runVigil(['scan', '--fail-on', 'critical', 'src']), /--fail-on must be one of error, warning, info, none, got 'critical'/);
    });

    it('rejects --jobs 0 and --max-file-size nonsense', () => {
      assertUsageError(runVigil(['scan', '--jobs', '0', 'src']), /--jobs must be a whole number of at least 1/);
      assertUsageError(runVigil(['scan', '--max-file-size', 'huge', 'src']), /--max-file-size must be a size/);
    });

    it('rejects --dry-run without --fix, and --no-default-rules without --rules', () => {
      assertUsageError(runVigil(['scan', '--dry-run', 'src']), /--dry-run only makes sense with --fix/);
      assertUsageError(runVigil(['scan', '--no-default-rules', 'src']), /--no-default-rules needs at least one --rules path/);
    });

    it('rejects an unknown command for test and hook flags', () => {
      assertUsageError(runVigil(['test', 'a', 'b']), /vigil test takes one folder/);
      assertUsageError(runVigil(['hook', '--bogus']), /unknown option '--bogus' for vigil hook/);
    });

    it('rejects a path that does not exist', () => {
      assertUsageError(runVigil(['scan', '--no-default-rules', '--rules', 'rules', 'no-such-dir']), /path not found: no-such-dir/);
    });

    it('rejects a rules path that does not exist', () => {
      assertUsageError(runVigil(['scan', '--rules', 'no-such-rules', 'src']), /rules path not found: no-such-rules/);
    });

    it('scans the working directory when no path is given', () => {
      const output = scanJson(['--no-default-rules', '--rules', '../rules'], path.join(fixtures, 'src'));
      assert.deepEqual(
        output.results.map((r) => `${r.path}:${r.start.line} ${r.ruleId}`),
        ['app.js:3 no-eval', 'lib/server.ts:3 no-buffer-constructor', 'lib/server.ts:8 no-eval'],
      );
    });
  });

  describe('--version and --help', () => {
    it('prints the package version', () => {
      const run = runVigil(['--version']);
      assert.equal(run.status, 0);
      assert.equal(run.stdout, `${packageVersion}\n`);
    });

    it('dispatches vigil probe to the DAST command', () => {
      const run = runVigil(['probe', '--help']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Usage: vigil probe --base-url/);
    });

    it('prints help for the CLI and for scan', () => {
      const main = runVigil(['--help']);
      assert.equal(main.status, 0);
      assert.match(main.stdout, /Usage: vigil <command>/);
      const scan = runVigil(['scan', '--help']);
      assert.equal(scan.status, 0);
      assert.match(scan.stdout, /--rules/);
      assert.match(scan.stdout, /--format/);
    });
  });

  describe('JSON output (independent of the matcher)', () => {
    it('prints exactly one JSON object with version, results and errors, and exits 1 for error findings (default --fail-on error)', () => {
      const run = runVigil(['scan', '--no-default-rules', '--rules', 'rules', '--format', 'json', 'src']);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      const output = JSON.parse(run.stdout) as JsonOutput;
      assert.deepEqual(Object.keys(output), ['version', 'results', 'errors']);
      assert.equal(output.version, packageVersion);
      assert.ok(Array.isArray(output.results));
      assert.ok(Array.isArray(output.errors));
      for (const result of output.results) {
        for (const key of ['ruleId', 'path', 'start', 'end', 'message', 'severity', 'metadata']) {
          assert.ok(key in result, `result has ${key}`);
        }
        assert.ok(result.start.line >= 1 && result.start.column >= 1, 'positions are 1-based');
      }
      for (const error of output.errors) {
        assert.equal(typeof error.message, 'string');
      }
    });

    it('never scans node_modules, dist, *.min.js or non-JS files, and says why it skipped a minified file', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', 'src']);
      const mentioned = [...output.results.map((r) => r.path), ...output.errors.map((e) => e.path ?? '')];
      for (const never of ['node_modules', 'dist/', 'vendor.min.js', 'notes.txt']) {
        assert.ok(!mentioned.some((p) => p.includes(never)), `${never} is not scanned: ${JSON.stringify(mentioned)}`);
      }
      const minified = output.errors.filter((e) => e.path === 'src/bundle.js');
      assert.equal(minified.length, 1, JSON.stringify(output.errors));
      assert.equal(minified[0]?.level, 'info');
      assert.match(minified[0]?.message ?? '', /minified/);
      assert.ok(!output.results.some((r) => r.path === 'src/bundle.js'));
    });

    it('reports a non-JS file named explicitly as skipped, with an info entry', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', 'src/notes.txt']);
      assert.deepEqual(output.results, []);
      assert.equal(output.errors.length, 1);
      assert.equal(output.errors[0]?.level, 'info');
      assert.match(output.errors[0]?.message ?? '', /not a JS\/TS file/);
    });

    it('skips rules for other languages with one error entry per rule', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'foreign-rules', 'src/app.js']);
      assert.deepEqual(output.results, []);
      const foreign = output.errors.filter((e) => e.ruleId === 'python-exec' || e.ruleId === 'go-unsafe');
      assert.equal(foreign.length, 2, JSON.stringify(output.errors));
      const python = foreign.find((e) => e.ruleId === 'python-exec');
      assert.match(python?.message ?? '', /python/);
      assert.match(python?.message ?? '', /only runs JavaScript\/TypeScript rules/);
      assert.equal(python?.path, 'foreign-rules/python-exec.yaml');
      assert.equal(python?.line, 2);
      const go = foreign.find((e) => e.ruleId === 'go-unsafe');
      assert.match(go?.message ?? '', /\bgo\b/);
      assert.equal(go?.line, 7);
    });

    it('reports a broken rule as an error naming its file, goes on, and exits 2 with the error on stderr', () => {
      const run = runVigil(['scan', '--no-default-rules', '--rules', 'broken-rules', '--format', 'json', 'src/app.js']);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /^vigil: rule error: broken-rules\/broken-unknown-operator\.yaml:\d+/m);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      const output = JSON.parse(run.stdout) as JsonOutput;
      const broken = output.errors.filter((e) => e.path === 'broken-rules/broken-unknown-operator.yaml');
      assert.ok(broken.length >= 1, JSON.stringify(output.errors));
      assert.ok(broken.every((e) => e.level === 'error'));
      assert.match(broken.map((e) => e.message).join('\n'), /pattern-whatever/);
      assert.ok(broken.some((e) => typeof e.line === 'number' && e.line >= 2), 'a line number in the rule file');
      assert.ok(!output.errors.some((e) => e.path === 'broken-rules/no-eval-copy.yaml'), 'the good rule loads');
    });

    it('reports a file that does not parse as an error entry with its path and line, and exits 0', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', 'unparsable']);
      const parse = output.errors.filter((e) => e.kind === 'parse');
      assert.equal(parse.length, 1, JSON.stringify(output.errors));
      assert.equal(parse[0]?.path, 'unparsable/half-written.ts');
      assert.equal(parse[0]?.line, 6);
      assert.equal(parse[0]?.level, 'error');
    });

    it('uses the bundled rules when --rules is absent, and adds --rules to them', () => {
      const output = scanJson(['src/app.js']);
      const withMine = scanJson(['--rules', 'rules', 'src/app.js']);
      assert.ok(withMine.results.some((r) => r.ruleId === 'no-eval'), 'the --rules rule ran');
      assert.ok(withMine.results.length > output.results.length, 'next to the bundled ones');
      assert.equal(output.version, packageVersion);
      assert.ok(!output.errors.some((e) => e.kind === 'rule-load'), `bundled rules load cleanly: ${JSON.stringify(output.errors)}`);
    });

    it('prints text by default, ending with a summary line, and exits 1 for error findings', () => {
      const run = runVigil(['scan', '--no-default-rules', '--rules', 'rules', 'src']);
      assert.equal(run.status, 1, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      assert.match(lines[lines.length - 1] ?? '', /^\d+ findings? in \d+ files?, 2 files scanned, 0 problems, 1 note$/);
    });
  });

  describe('bin/vigil.js', () => {
    it('runs the built CLI', () => {
      const child = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'vigil.js'), '--version'], { encoding: 'utf8' });
      assert.equal(child.status, 0, child.stderr);
      assert.equal(child.stdout, `${packageVersion}\n`);
    });

    it('asks for a build when neither dist/ nor out/ exists', () => {
      const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bin-'));
      try {
        fs.mkdirSync(path.join(bare, 'bin'));
        fs.copyFileSync(path.join(repoRoot, 'bin', 'vigil.js'), path.join(bare, 'bin', 'vigil.js'));
        const child = spawnSync(process.execPath, [path.join(bare, 'bin', 'vigil.js'), '--version'], { encoding: 'utf8' });
        assert.equal(child.status, 2);
        assert.equal(child.stdout, '');
        assert.match(child.stderr, /run `npm run build` first/);
      } finally {
        fs.rmSync(bare, { recursive: true, force: true });
      }
    });
  });

  // These tests need the pattern matcher behind scanFile (server/src/engine/scan-file.ts):
  // with the stub that returned no findings they failed; the expected values are the real ones.
  describe('findings (need the matcher)', () => {
    it('reports eval(x) in a JS file at 1-based line 3, column 1', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', 'src/app.js']);
      assert.deepEqual(output.results, [
        {
          ruleId: 'no-eval',
          path: 'src/app.js',
          start: { line: 3, column: 1 },
          end: { line: 3, column: 8 },
          message: 'eval() runs arbitrary code; avoid it',
          severity: 'error',
          metadata: {
            cwe: 'CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code',
            confidence: 'HIGH',
          },
        },
      ]);
    });

    it('reports findings across a folder, sorted by path, line, column, rule id, with paths relative to cwd', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'test-fixtures/cli/rules', 'test-fixtures/cli/src'], repoRoot);
      assert.deepEqual(
        output.results.map((r) => `${r.path}:${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${r.ruleId}`),
        [
          'test-fixtures/cli/src/app.js:3:1-3:8 no-eval',
          'test-fixtures/cli/src/lib/server.ts:3:23-3:40 no-buffer-constructor',
          'test-fixtures/cli/src/lib/server.ts:8:10-8:20 no-eval',
        ],
      );
    });

    it('keeps the path as given', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', './src/lib/../app.js']);
      assert.deepEqual(output.results.map((r) => r.path), ['src/app.js']);
    });

    it('gives the fix text and 1-based fix edits, with metavariables substituted in message and fix', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', 'src/lib/server.ts']);
      const buffer = output.results.find((r) => r.ruleId === 'no-buffer-constructor');
      assert.ok(buffer, JSON.stringify(output));
      assert.equal(buffer.severity, 'warning');
      assert.equal(buffer.message, 'new Buffer(input) is deprecated and unsafe; use Buffer.from(input)');
      assert.equal(buffer.fix, 'Buffer.from(input)');
      assert.ok(buffer.fixEdits !== undefined && buffer.fixEdits.length >= 1);
      for (const edit of buffer.fixEdits) {
        assert.equal(edit.start.line, 3);
        assert.ok(edit.start.column >= 23 && edit.end.column <= 40, JSON.stringify(edit));
      }
      const evalResult = output.results.find((r) => r.ruleId === 'no-eval');
      assert.ok(evalResult !== undefined && !('fix' in evalResult) && !('fixEdits' in evalResult));
    });

    it('still reports findings outside the part of a file that does not parse', () => {
      const output = scanJson(['--no-default-rules', '--rules', 'rules', 'unparsable']);
      assert.deepEqual(
        output.results.map((r) => `${r.path}:${r.start.line}:${r.start.column} ${r.ruleId}`),
        ['unparsable/half-written.ts:3:10 no-eval'],
      );
    });

    it('prints findings grouped by file in text format, with the source line, a caret and the fix', () => {
      const run = runVigil(['scan', '--no-default-rules', '--rules', 'rules', 'src']);
      assert.equal(run.status, 1, run.stderr);
      assert.ok(
        run.stdout.includes(
          [
            '  src/lib/server.ts:3:23  warning  no-buffer-constructor  new Buffer(input) is deprecated and unsafe; use Buffer.from(input)',
            '    3 |   const raw: Buffer = new Buffer(input);',
            '      |                       ^^^^^^^^^^^^^^^^^',
            '        fix: Buffer.from(input)',
          ].join('\n'),
        ),
        run.stdout,
      );
      assert.ok(!run.stdout.includes(String.fromCharCode(27)), 'no colour when piped');
      assert.match(run.stdout, /^src\/app\.js\n {2}src\/app\.js:3:1 {2}error {2}no-eval {2}eval\(\) runs arbitrary code; avoid it\n/);
      assert.match(run.stdout, /\n {2}src\/lib\/server\.ts:3:23 {2}warning {2}no-buffer-constructor {2}new Buffer\(input\)/);
      assert.match(run.stdout, /\n3 findings in 2 files, 2 files scanned, 0 problems, 1 note\n$/);
    });
  });
});
