/** `vigil scan` options end to end: walking (.gitignore, .vigilignore, globs, size), --jobs, --output, --fail-on, --fix/--dry-run, colour, redaction, progress. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProgressBar, renderProgress, shouldShowProgress } from '../../src/cli/progress';
import { workerCount } from '../../src/cli/scan-pool';
import { cliFixtures, makeTemp, removeTemp, runVigil, writeTree, type JsonOutput } from './run-vigil';

/** The escape character that starts ANSI sequences. */
const ESC = String.fromCharCode(27);
const rules = path.join(cliFixtures, 'rules');
const fixRules = path.join(cliFixtures, 'fix-rules');

function scanJson(args: readonly string[], cwd: string): JsonOutput {
  const run = runVigil(['scan', '--format', 'json', '--fail-on', 'none', '--no-default-rules', ...args], { cwd });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as JsonOutput;
}

describe('vigil scan options', function () {
  // Each test starts the CLI (a Node process that loads TypeScript's parser) a few times: slow on a busy machine.
  this.timeout(120000);
  describe('walking a tree', () => {
    let dir = '';
    before(() => {
      dir = makeTemp('walk');
      writeTree(dir, {
        '.gitignore': 'generated/\n*.gen.js\n',
        '.vigilignore': 'vendor/\n',
        'src/app.js': 'eval(a);\n',
        'src/generated/out.js': 'eval(b);\n',
        'src/schema.gen.js': 'eval(c);\n',
        'src/lib/util.ts': 'eval(d);\n',
        'src/lib/util.test.ts': 'eval(e);\n',
        'src/lib/.gitignore': '!keep.gen.js\n',
        'src/lib/keep.gen.js': 'eval(k);\n',
        'vendor/lib.js': 'eval(f);\n',
        'big/large.js': `eval(g);\n${'// padding to make the file large\n'.repeat(32000)}`,
        'notes.py': 'eval(h)\n',
      });
    });
    after(() => removeTemp(dir));

    const paths = (output: JsonOutput): string[] => output.results.map((r) => r.path);

    it('honours .gitignore (folders, globs, a nested negation) and .vigilignore, and skips big files with a note', () => {
      const output = scanJson(['-r', rules], dir);
      assert.deepEqual(paths(output), ['src/app.js', 'src/lib/keep.gen.js', 'src/lib/util.test.ts', 'src/lib/util.ts']);
      const big = output.errors.find((e) => e.path === 'big/large.js');
      assert.equal(big?.level, 'info');
      assert.match(big?.message ?? '', /over the size limit of 1000000.*--max-file-size/);
    });

    it('honours the root .gitignore when a subfolder is scanned in a git repository', () => {
      fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
      try {
        assert.deepEqual(paths(scanJson(['-r', rules, 'src'], dir)), ['src/app.js', 'src/lib/keep.gen.js', 'src/lib/util.test.ts', 'src/lib/util.ts']);
      } finally {
        fs.rmSync(path.join(dir, '.git'), { recursive: true });
      }
    });

    it('scans a folder named explicitly even when an ignore file above it excludes it', () => {
      assert.deepEqual(paths(scanJson(['-r', rules, 'vendor'], dir)), ['vendor/lib.js']);
      assert.deepEqual(paths(scanJson(['-r', rules, 'src/generated'], dir)), ['src/generated/out.js']);
    });

    it('applies --include and --exclude globs to files and folders', () => {
      assert.deepEqual(paths(scanJson(['-r', rules, '--include', '*.ts'], dir)), ['src/lib/util.test.ts', 'src/lib/util.ts']);
      assert.deepEqual(paths(scanJson(['-r', rules, '--exclude', '*.test.ts', '--exclude', 'src/lib/keep.gen.js'], dir)), ['src/app.js', 'src/lib/util.ts']);
      assert.deepEqual(paths(scanJson(['-r', rules, '--exclude', 'lib'], dir)), ['src/app.js']);
      assert.deepEqual(paths(scanJson(['-r', rules, '--include', 'src/lib/**', '--exclude', '**/*.gen.js'], dir)), ['src/lib/util.test.ts', 'src/lib/util.ts']);
    });

    it('raises the size limit with --max-file-size', () => {
      const output = scanJson(['-r', rules, '--max-file-size', '2m', 'big'], dir);
      assert.deepEqual(paths(output), ['big/large.js']);
    });
  });

  describe('--jobs', () => {
    let dir = '';
    before(() => {
      dir = makeTemp('jobs');
      const files: Record<string, string> = {};
      for (let i = 0; i < 80; i += 1) {
        // ~8 KB each: 640 KB in all, enough source for scan to start a worker thread (see workerCount).
        const padding = `export function helper${i}(a, b) {\n  return a + b;\n}\n`.repeat(180);
        files[`pkg${i % 4}/file${String(i).padStart(2, '0')}.js`] = `const v${i} = ${i};\n${i % 3 === 0 ? `eval(v${i});\n` : ''}new Buffer(v${i});\n${padding}`;
      }
      writeTree(dir, files);
    });
    after(() => removeTemp(dir));

    it('gives byte-identical output with one thread and with worker threads', () => {
      const args = ['scan', '--format', 'json', '--no-default-rules', '-r', rules, '.'];
      const one = runVigil([...args, '--jobs', '1'], { cwd: dir });
      const many = runVigil([...args, '--jobs', '3'], { cwd: dir });
      assert.equal(one.status, 1, one.stderr);
      assert.equal(many.status, 1, many.stderr);
      assert.equal(many.stdout, one.stdout);
      const output = JSON.parse(many.stdout) as JsonOutput;
      assert.equal(output.results.length, 80 + 27);
      assert.equal(many.stderr, '', 'no progress bar when stderr is piped');
    });
  });

  describe('worker threads pay off only for large trees', () => {
    it('starts none for few files or little source, at most jobs−1, and one per 512 KB', () => {
      assert.equal(workerCount(1000, 100 * 1024 * 1024, 1), 0);
      assert.equal(workerCount(10, 100 * 1024 * 1024, 8), 0);
      assert.equal(workerCount(200, 300 * 1024, 8), 0);
      assert.equal(workerCount(200, 1100 * 1024, 8), 2);
      assert.equal(workerCount(2000, 100 * 1024 * 1024, 4), 3);
    });
  });

  describe('--output, --fail-on and exit codes', () => {
    let dir = '';
    before(() => {
      dir = makeTemp('fail-on');
      writeTree(dir, { 'warn.ts': 'const b = new Buffer(n);\n', 'clean.ts': 'export const ok = 1;\n' });
    });
    after(() => removeTemp(dir));

    const status = (args: readonly string[]): number | null =>
      runVigil(['scan', '--no-default-rules', '-r', fixRules, ...args], { cwd: dir }).status;

    it('exits 0 below the threshold, 1 at or above it, 0 with none', () => {
      assert.equal(status(['warn.ts']), 0, 'a warning does not fail --fail-on error');
      assert.equal(status(['--fail-on', 'warning', 'warn.ts']), 1);
      assert.equal(status(['--fail-on', 'info', 'warn.ts']), 1);
      assert.equal(status(['--fail-on', 'none', 'warn.ts']), 0);
      assert.equal(status(['--fail-on', 'info', 'clean.ts']), 0);
    });

    it('writes the report to --output and nothing to stdout, with the same exit code', () => {
      const run = runVigil(['scan', '--no-default-rules', '-r', fixRules, '--format', 'sarif', '--output', 'reports/vigil.sarif', '--fail-on', 'warning', '.'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stdout, '');
      const log = JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'vigil.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0]?.results.length, 1);
    });
  });

  describe('--fix and --dry-run', () => {
    let dir = '';
    const original = "import crypto from 'crypto';\nconst raw = new Buffer(input);\nconst digest = crypto.createHash('md5');\n";
    beforeEach(() => {
      dir = makeTemp('fix');
      writeTree(dir, { 'src/code.ts': original });
    });
    afterEach(() => removeTemp(dir));

    it('applies safe fixes in place, leaves suggestions alone and reports what remains', () => {
      const run = runVigil(['scan', '--no-default-rules', '-r', fixRules, '--fix', '--format', 'json', 'src'], { cwd: dir });
      assert.equal(run.status, 1, 'the md5 finding (error, suggestion-only fix) remains');
      assert.equal(
        fs.readFileSync(path.join(dir, 'src', 'code.ts'), 'utf8'),
        "import crypto from 'crypto';\nconst raw = Buffer.from(input);\nconst digest = crypto.createHash('md5');\n",
      );
      const output = JSON.parse(run.stdout) as JsonOutput;
      assert.deepEqual(output.results.map((r) => r.ruleId), ['md5-to-sha256']);
      assert.match(run.stderr, /^vigil: applied 1 safe fix in 1 file$/m);
    });

    it('prints a unified diff with --dry-run and changes nothing', () => {
      const run = runVigil(['scan', '--no-default-rules', '-r', fixRules, '--fix', '--dry-run', 'src'], { cwd: dir });
      assert.equal(fs.readFileSync(path.join(dir, 'src', 'code.ts'), 'utf8'), original);
      assert.match(run.stdout, /^--- a\/src\/code\.ts\n/, "the diff starts with its header (git apply / patch -p1 read it)");
      assert.match(run.stdout, /^\+\+\+ b\/src\/code\.ts/m);
      assert.match(run.stdout, /^-const raw = new Buffer\(input\);$/m);
      assert.match(run.stdout, /^\+const raw = Buffer\.from\(input\);$/m);
      assert.doesNotMatch(run.stdout, /sha256/, 'suggestions are not in the diff');
      assert.match(run.stderr, /would apply 1 safe fix in 1 file/);
      assert.equal(run.status, 1);
    });
  });

  describe('text output', () => {
    it('is coloured with FORCE_COLOR and plain with NO_COLOR or --no-color', () => {
      const base = ['scan', '--no-default-rules', '-r', 'rules', 'src/app.js'];
      assert.ok(runVigil(base, { env: { FORCE_COLOR: '1' } }).stdout.includes(`${ESC}[31merror${ESC}[39m`));
      assert.ok(!runVigil(base, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(ESC));
      assert.ok(!runVigil([...base, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    });
  });

  describe('secrets', () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    for (const format of ['text', 'json', 'sarif']) {
      it(`never prints the secret in ${format} output, and shows the redacted snippet`, () => {
        const run = runVigil(['scan', '--no-default-rules', '-r', 'secrets/rules', '--format', format, 'secrets/src']);
        assert.equal(run.status, 1, run.stderr);
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), run.stdout);
        assert.ok(!run.stdout.includes('abcdefghijklmnopqrstuvwxyz'), 'not even the middle of it');
        assert.match(run.stdout, /ghp_…89/);
        if (format === 'text') assert.match(run.stdout, /\n {4}2 \| export const token = "ghp_…89";\n/);
      });
    }
  });

  describe('the progress bar', () => {
    it('is shown only on a TTY, outside CI, unless turned off', () => {
      assert.equal(shouldShowProgress({ isTTY: true, write: () => true }, {}, true), true);
      assert.equal(shouldShowProgress({ isTTY: false, write: () => true }, {}, true), false);
      assert.equal(shouldShowProgress({ isTTY: true, write: () => true }, { CI: 'true' }, true), false);
      assert.equal(shouldShowProgress({ isTTY: true, write: () => true }, { CI: 'false' }, true), true);
      assert.equal(shouldShowProgress({ isTTY: true, write: () => true }, {}, false), false);
    });

    it('shows files done, findings and elapsed time, and erases itself', () => {
      assert.equal(renderProgress(5, 10, 1, 2500, 80), '[###############---------------] 5/10 files, 1 finding, 2.5s');
      const written: string[] = [];
      const bar = new ProgressBar({ isTTY: true, columns: 80, write: (chunk) => written.push(chunk) > 0 }, 2, true);
      bar.update(2, 3);
      bar.finish();
      assert.match(written[0] ?? '', /^\r\[#+\] 2\/2 files, 3 findings, \d+\.\ds/);
      assert.ok(written[0]?.endsWith(`${ESC}[K`));
      assert.equal(written[1], '\r\x1b[K');
    });
  });
});
