// CLI benchmark: whole-process `vigil scan` over the bench corpus with 1 job and with all cores, next to ESLint + eslint-plugin-security (recommended) on the same files, and a parse-only process (the floor).
// Usage: node bench/run-bench-cli.mjs [--runs N]   (npm run bench:cli builds first)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(root, 'bench', 'corpus');
const corpusModules = path.join(corpusDir, 'node_modules');
const vigilBin = path.join(root, 'bin', 'vigil.js');
const eslintBin = path.join(corpusModules, 'eslint', 'bin', 'eslint.js');
/** Vigil with the full pack must be at least this much faster than ESLint with one job. */
const TARGET_RATIO = 3;

const SOURCE_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs'];
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);
/** Folder names Vigil's walker skips (node_modules, dist, out, .git): renamed in the copy so both tools see every file. */
const WALKER_SKIPS = new Set(['node_modules', 'dist', 'out', '.git']);

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;

function log(message) {
  process.stderr.write(`${message}\n`);
}

function ensureInstalled() {
  if (fs.existsSync(corpusModules) && fs.existsSync(eslintBin)) return;
  log('bench:cli: installing the corpus and ESLint (bench/corpus, pinned by its lockfile)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--prefix', corpusDir, '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (install.status !== 0 || !fs.existsSync(eslintBin)) {
    log('bench:cli: npm install of bench/corpus failed');
    process.exit(2);
  }
}

/** Package folders that are only there for ESLint (dev dependencies in the corpus lockfile): not part of the corpus. */
function devOnlyPackages() {
  const lock = JSON.parse(fs.readFileSync(path.join(corpusDir, 'package-lock.json'), 'utf8'));
  return new Set(
    Object.entries(lock.packages ?? {})
      .filter(([key, entry]) => key !== '' && entry.dev === true)
      .map(([key]) => path.join(corpusDir, key)),
  );
}

function isCorpusFile(name) {
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts') || name.endsWith('.min.js')) return false;
  if (/\.(test|spec|test-d|tst)\.[cm]?[jt]sx?$/.test(name)) return false;
  return SOURCE_EXTENSIONS.includes(path.extname(name));
}

/** The same files `npm run bench` counts (non-test, non-declaration, non-minified JS/TS), without ESLint's own packages. */
function collectCorpus(isLikelyMinified) {
  const skip = devOnlyPackages();
  const files = [];
  const walk = (current) => {
    if (skip.has(current)) return;
    const entries = fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!TEST_DIRECTORIES.has(entry.name) && entry.name !== '.bin') walk(full);
      } else if (entry.isFile() && isCorpusFile(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (!isLikelyMinified(text)) files.push({ relative: path.relative(corpusModules, full), text });
      }
    }
  };
  walk(corpusModules);
  return files;
}

/** Copies the corpus into a temp tree both tools walk in full (no node_modules or dist folder names left to skip). */
function materialize(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-cli-'));
  const tree = path.join(dir, 'corpus');
  for (const file of files) {
    const parts = file.relative.split(path.sep).map((part, index, all) => (index < all.length - 1 && WALKER_SKIPS.has(part) ? `${part}_` : part));
    const target = path.join(tree, ...parts);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  const security = pathToFileURL(path.join(corpusModules, 'eslint-plugin-security', 'index.js')).href;
  const tsParser = pathToFileURL(path.join(corpusModules, '@typescript-eslint', 'parser', 'dist', 'index.js')).href;
  // eslint-plugin-security's recommended flat config over every corpus file; TypeScript files need a TS parser.
  fs.writeFileSync(
    path.join(dir, 'eslint.config.mjs'),
    [
      `import security from ${JSON.stringify(security)};`,
      `import * as tsParser from ${JSON.stringify(tsParser)};`,
      'export default [',
      "  { files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.tsx'], ...security.configs.recommended },",
      "  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } },",
      '];',
      '',
    ].join('\n'),
  );
  // The floor of any scan that parses every file: one process that reads and parses them (the engine's
  // parseSource, as compiled by tsc) and does nothing else. No rule loading, no index, no matching.
  fs.writeFileSync(
    path.join(dir, 'parse-only.cjs'),
    [
      "const fs = require('fs');",
      "const path = require('path');",
      `const { parseSource } = require(${JSON.stringify(path.join(root, 'out', 'server', 'src', 'engine', 'parse', 'parse-source.js'))});`,
      'const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory()) walk(f); else parseSource(fs.readFileSync(f, "utf8"), f); } };',
      "walk(process.argv[2]);",
      '',
    ].join('\n'),
  );
  // Preloaded into every timed process: on exit, writes the process's CPU time (all threads) to $VIGIL_BENCH_CPU_FILE.
  fs.writeFileSync(
    path.join(dir, 'cpu-usage.cjs'),
    "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeFileSync(process.env.VIGIL_BENCH_CPU_FILE, String((u.user + u.system) / 1000)); });\n",
  );
  return { dir, tree };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times whole Node processes: each of `commands` ({label, script, args}) once as a warm-up, then
 * `RUNS` rounds that run every command once in turn, so a change of machine load during the
 * benchmark hits every command alike. Returns, per command, the median wall time, the median CPU
 * time (user + system, all threads; what a busy machine inflates least) and the last run.
 */
function timeProcesses(commands, cwd) {
  const cpuFile = path.join(cwd, 'cpu.txt');
  const once = ({ script, args }) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--require', path.join(cwd, 'cpu-usage.cjs'), script, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      env: { ...process.env, CI: 'true', VIGIL_BENCH_CPU_FILE: cpuFile },
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { ms, cpu: Number(fs.readFileSync(cpuFile, 'utf8')), run };
  };
  const samples = commands.map(() => ({ walls: [], cpus: [], last: undefined }));
  for (const command of commands) {
    log(`bench:cli: warming up: ${command.label}...`);
    once(command);
  }
  for (let round = 0; round < RUNS; round += 1) {
    log(`bench:cli: round ${round + 1} of ${RUNS}...`);
    commands.forEach((command, index) => {
      const result = once(command);
      samples[index].walls.push(result.ms);
      samples[index].cpus.push(result.cpu);
      samples[index].last = result;
    });
  }
  return samples.map((sample) => ({ ms: median(sample.walls), cpu: median(sample.cpus), run: sample.last.run }));
}

function countLines(text) {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return text.endsWith('\n') ? lines : lines + 1;
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
    log('bench:cli: dist/cli.js is missing; run `npm run build` first');
    process.exit(2);
  }
  ensureInstalled();
  const { isLikelyMinified } = await import(pathToFileURL(path.join(root, 'out', 'server', 'src', 'engine', 'parse', 'parse-source.js')).href);
  const files = collectCorpus(isLikelyMinified);
  const lines = files.reduce((sum, file) => sum + countLines(file.text), 0);
  const { dir } = materialize(files);
  const cores = Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  try {
    const vigilArgs = (jobs) => ['scan', '--format', 'json', '--fail-on', 'none', '--max-file-size', '100m', '--jobs', String(jobs), 'corpus'];
    const [one, all, eslint, parseOnly] = timeProcesses(
      [
        { label: 'vigil scan --jobs 1', script: vigilBin, args: vigilArgs(1) },
        { label: `vigil scan --jobs ${cores}`, script: vigilBin, args: vigilArgs(cores) },
        { label: 'eslint + eslint-plugin-security (recommended)', script: eslintBin, args: ['--config', 'eslint.config.mjs', '--no-inline-config', '--format', 'json', 'corpus'] },
        { label: 'parse only (the floor)', script: path.join(dir, 'parse-only.cjs'), args: ['corpus'] },
      ],
      dir,
    );

    let vigilOutput;
    try {
      vigilOutput = JSON.parse(one.run.stdout);
    } catch {
      log(`bench:cli: vigil printed no JSON (exit ${one.run.status}): ${one.run.stderr}`);
      process.exit(2);
    }
    if (all.run.stdout !== one.run.stdout) {
      const saved = path.join(os.tmpdir(), 'vigil-bench-cli-mismatch');
      fs.mkdirSync(saved, { recursive: true });
      fs.writeFileSync(path.join(saved, 'jobs-1.json'), one.run.stdout);
      fs.writeFileSync(path.join(saved, `jobs-${cores}.json`), all.run.stdout);
      log(`bench:cli: vigil --jobs 1 and --jobs ${cores} printed different reports (both saved in ${saved})`);
      process.exit(2);
    }
    // Exit 2 with a report means a bundled rule did not load: worth saying, not worth stopping the benchmark for.
    const ruleErrors = vigilOutput.errors.filter((error) => error.kind === 'rule-load' && error.level === 'error').length;
    let eslintFiles = 0;
    let eslintMessages = 0;
    let eslintParseErrors = 0;
    try {
      const report = JSON.parse(eslint.run.stdout);
      eslintFiles = report.length;
      for (const file of report) {
        eslintMessages += file.messages.length;
        eslintParseErrors += file.messages.filter((message) => message.fatal === true).length;
      }
    } catch {
      log(`bench:cli: eslint printed no JSON (exit ${eslint.run.status}): ${eslint.run.stderr.split('\n')[0]}`);
      process.exit(2);
    }
    const skipped = vigilOutput.errors.filter((error) => error.kind === 'skipped').length;
    const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
    const timing = (t) => `${fmt(t.ms)} wall, ${fmt(t.cpu)} CPU`;
    const ratioWall = eslint.ms / one.ms;
    const ratioCpu = eslint.cpu / one.cpu;
    const ratioAll = eslint.ms / all.ms;
    const lines_ = [
      `corpus: ${files.length} files, ${lines} lines (bench/corpus, the files npm run bench counts; ESLint's own packages excluded)`,
      `vigil scan, full pack, --jobs 1:   ${timing(one)}  (whole process, median of ${RUNS} interleaved runs; ${vigilOutput.results.length} findings, ${skipped} files skipped${ruleErrors > 0 ? `, ${ruleErrors} bundled rules failed to load` : ''})`,
      `vigil scan, full pack, --jobs ${cores}:   ${timing(all)}`,
      `eslint + plugin-security:          ${timing(eslint)}  (${eslintFiles} files, ${eslintMessages} messages, ${eslintParseErrors} parse errors)`,
      `ratio eslint / vigil --jobs 1:     ${ratioWall.toFixed(2)}x wall, ${ratioCpu.toFixed(2)}x CPU  (target >= ${TARGET_RATIO}x: ${Math.max(ratioWall, ratioCpu) >= TARGET_RATIO ? 'met' : 'NOT met'})`,
      `ratio eslint / vigil --jobs ${cores}:     ${ratioAll.toFixed(2)}x wall`,
      `parse only, one process:           ${timing(parseOnly)}  (read + parse every file, nothing else: the floor of a scan that parses them all)`,
      `ratio eslint / parse only:         ${(eslint.ms / parseOnly.ms).toFixed(2)}x wall, ${(eslint.cpu / parseOnly.cpu).toFixed(2)}x CPU  (the most any --jobs 1 scan that parses every file could reach)`,
      `load average: ${os.loadavg().map((value) => value.toFixed(2)).join(' ')} on ${cores} cores (wall times on a busy machine are inflated; CPU times much less)`,
    ];
    process.stdout.write(`${lines_.join('\n')}\n`);
  } finally {
    if (process.env.VIGIL_BENCH_KEEP === '1') log(`bench:cli: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
