// Speed benchmark: parse-only vs full scan over real third-party JS/TS, and warm rescans of a 2,000-line TS file after one-line edits.
// Usage: node bench/run-bench.mjs [--per-rule]   (npm run bench builds first; --per-rule also times each rule alone)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(root, 'bench', 'corpus');
const corpusModules = path.join(corpusDir, 'node_modules');
const resultsFile = path.join(root, 'bench', 'results', 'latest.json');
const outEngine = path.join(root, 'out', 'server', 'src', 'engine');

/** Each corpus measurement runs this many times; the median is reported. */
const CORPUS_RUNS = 3;
/** One-line edits timed on the 2,000-line file. */
const EDITS = 100;
/** Lines of the rescan file. */
const RESCAN_LINES = 2000;
/** Targets from the engine issue. */
const TARGET_RATIO = 1.5;
const TARGET_TAINT_RATIO = 2;
const TARGET_RESCAN_P95_MS = 20;
const TARGET_TAINT_RESCAN_P95_MS = 25;

const SOURCE_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs'];
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** The engine as compiled by `tsc -b` (npm run bench builds first). */
function loadEngine() {
  const require = createRequire(import.meta.url);
  const modules = {
    parse: path.join(outEngine, 'parse', 'parse-source.js'),
    rules: path.join(outEngine, 'rules', 'load-rules.js'),
    scan: path.join(outEngine, 'scan-file.js'),
    textPrefilter: path.join(outEngine, 'match', 'text-prefilter.js'),
  };
  for (const file of Object.values(modules)) {
    if (!fs.existsSync(file)) {
      log(`bench: ${path.relative(root, file)} is missing; run \`npm run build\` first`);
      process.exit(2);
    }
  }
  const { parseSource, isLikelyMinified } = require(modules.parse);
  const { loadRules } = require(modules.rules);
  const { scanFile } = require(modules.scan);
  const { couldMatchText } = require(modules.textPrefilter);
  // The language server's path: reparse only what an edit touched (optional until it lands).
  const incremental = path.join(outEngine, 'parse', 'incremental-parse.js');
  const DocumentParser = fs.existsSync(incremental) ? require(incremental).DocumentParser : undefined;
  return { parseSource, isLikelyMinified, loadRules, scanFile, couldMatchText, DocumentParser };
}

function ensureCorpus() {
  if (fs.existsSync(corpusModules)) {
    return;
  }
  log('bench: installing the corpus (bench/corpus, pinned by its lockfile)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--prefix', corpusDir, '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (install.status !== 0) {
    log('bench: npm install of the corpus failed');
    process.exit(2);
  }
}

function isCorpusFile(name) {
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts') || name.endsWith('.min.js')) {
    return false;
  }
  if (/\.(test|spec|test-d|tst)\.[cm]?[jt]sx?$/.test(name)) {
    return false;
  }
  return SOURCE_EXTENSIONS.includes(path.extname(name));
}

/**
 * The package folders of the corpus: the pinned `dependencies` and everything they pull in,
 * read from the lockfile. Dev dependencies of the corpus (eslint for `bench:cli`) are tools,
 * not corpus, and are left out.
 */
function corpusPackageDirs() {
  const lock = JSON.parse(fs.readFileSync(path.join(corpusDir, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages)
    .filter(([key, info]) => key.startsWith('node_modules/') && !info.dev)
    .map(([key]) => path.join(corpusDir, key))
    .filter((dir) => fs.existsSync(dir))
    .sort();
}

/** Every non-test, non-declaration, non-minified JS/TS file of the corpus packages, in sorted order. */
function collectCorpus(packageDirs, isLikelyMinified) {
  const files = [];
  let skippedMinified = 0;
  const walk = (current) => {
    const entries = fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        // Nested node_modules are packages of their own, listed separately by the lockfile.
        if (!TEST_DIRECTORIES.has(entry.name) && entry.name !== '.bin' && entry.name !== 'node_modules') {
          walk(full);
        }
      } else if (entry.isFile() && isCorpusFile(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (isLikelyMinified(text)) {
          skippedMinified += 1;
          continue;
        }
        files.push({ path: path.relative(root, full), text, lines: countLines(text) });
      }
    }
  };
  for (const dir of packageDirs) walk(dir);
  return { files, skippedMinified };
}

function countLines(text) {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines += 1;
  }
  return text.endsWith('\n') ? lines - 1 : lines;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/**
 * Wall time and CPU time (user + system) of `fn`. The corpus ratios use CPU time: it is what
 * the work costs, and it stays put when other processes load the machine, where wall time
 * does not (the benchmark is single-threaded, so the two agree on an idle machine).
 */
function time(fn) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000, value };
}

function parseAll(engine, files) {
  let parseErrors = 0;
  for (const file of files) {
    parseErrors += engine.parseSource(file.text, file.path).errors.length;
  }
  return parseErrors;
}

/** Scans the corpus with rules loaded beforehand: rules are compiled once and reused, as in the server and CLI. */
function scanAll(engine, files, loaded, select = () => true) {
  const rules = loaded.rules.filter(select);
  let findings = 0;
  let scanErrors = 0;
  for (const file of files) {
    const result = engine.scanFile(file.text, file.path, rules);
    findings += result.findings.length;
    scanErrors += result.errors.length;
  }
  return { rules: rules.length, taintRules: rules.filter((r) => r.mode === 'taint').length, ruleErrors: loaded.errors.length, findings, scanErrors };
}

/**
 * Scans every file with and without `textPrefilter` (what the CLI uses: a file no rule can
 * match, judged on its raw text, is not parsed) and lists the files whose findings differ,
 * which must be none; also counts the files the prefilter lets the CLI skip.
 */
function checkTextPrefilter(engine, files, rules) {
  const mismatches = [];
  let skipped = 0;
  let skippedLines = 0;
  for (const file of files) {
    const plain = engine.scanFile(file.text, file.path, rules);
    const prefiltered = engine.scanFile(file.text, file.path, rules, { textPrefilter: true });
    if (JSON.stringify(prefiltered.findings) !== JSON.stringify(plain.findings)) mismatches.push(file.path);
    if (!engine.couldMatchText(file.text, file.path, rules)) {
      skipped += 1;
      skippedLines += file.lines;
    }
  }
  return { mismatches, skipped, skippedLines };
}

/**
 * A realistic 2,000-line TypeScript file: whole TS modules from the corpus (ajv ships its
 * TypeScript sources), largest first, each added while it still fits in 2,000 lines; the
 * few lines left over are comment lines, so the file is exactly 2,000 lines and still parses.
 */
function buildRescanFile(files) {
  const modules = files
    .filter((file) => file.path.endsWith('.ts') && file.lines >= 50)
    .sort((a, b) => b.lines - a.lines || (a.path < b.path ? -1 : 1));
  const parts = [];
  const sources = [];
  let lines = 0;
  for (const module of modules) {
    if (lines + module.lines <= RESCAN_LINES) {
      parts.push(module.text.endsWith('\n') ? module.text : `${module.text}\n`);
      sources.push(module.path);
      lines += module.lines;
    }
  }
  // Top up with comment lines (a licence-header-like block) so the file is exactly 2,000 lines.
  while (lines < RESCAN_LINES) {
    parts.push(`// ${lines}: padding so the benchmark file has exactly ${RESCAN_LINES} lines\n`);
    lines += 1;
  }
  return { path: 'bench/rescan-2000.ts', text: parts.join(''), lines, sources };
}

/**
 * An editing session: the texts after each of `count` one-line edits, each applied to the text
 * before it. Edit `n` changes code, not trivia: it increments the first number literal of a code
 * line (spread through the file; comment lines are left alone), so every version still parses
 * and differs from the previous one in exactly one line, the way typing a digit does.
 */
function editSession(text, count, salt) {
  const lines = text.split('\n');
  const numberLiteral = /(?<![\w.$])[1-9]\d*(?![\w.$])/;
  const candidates = [];
  lines.forEach((line, index) => {
    const code = line.split('//')[0];
    if (!/^\s*(\*|\/\*)/.test(line) && numberLiteral.test(code)) {
      candidates.push(index);
    }
  });
  const versions = [];
  const edited = new Set();
  for (let n = 0; n < count; n += 1) {
    const index = candidates[(Math.floor((n * candidates.length) / count) + salt) % candidates.length];
    lines[index] = lines[index].replace(numberLiteral, (digits) => String(Number(digits) + 1));
    edited.add(index);
    versions.push(lines.join('\n'));
  }
  versions.linesEdited = edited.size;
  return versions;
}

/** Times `step(text)` over every version; returns the per-edit times in ms and the last value. */
function timeSession(versions, step) {
  const times = [];
  let last;
  for (const text of versions) {
    const timed = time(() => step(text));
    times.push(timed.ms);
    last = timed.value;
  }
  return { times, last };
}

function perRuleTimes(engine, files, rules) {
  const times = {};
  for (const rule of rules) {
    const timed = time(() => {
      for (const file of files) {
        engine.scanFile(file.text, file.path, [rule]);
      }
    });
    times[rule.id] = timed.ms;
    log(`bench: ${rule.id} alone: ${fmtMs(timed.ms)}`);
  }
  return Object.fromEntries(Object.entries(times).sort((a, b) => b[1] - a[1]));
}

function fmtMs(ms) {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

function main() {
  const engine = loadEngine();
  ensureCorpus();
  const rulePaths = [path.join(root, 'rules')];

  const { files, skippedMinified } = collectCorpus(corpusPackageDirs(), engine.isLikelyMinified);
  const totalLines = files.reduce((sum, file) => sum + file.lines, 0);
  const packages = JSON.parse(fs.readFileSync(path.join(corpusDir, 'package.json'), 'utf8')).dependencies;
  log(`bench: ${files.length} files, ${totalLines} lines; warming up...`);

  // Rules are loaded and compiled once (timed on their own), then reused for every file.
  const ruleLoad = time(() => engine.loadRules(rulePaths));
  const loadedRules = ruleLoad.value;
  // Warm-up: one parse pass and one scan pass so the JIT and module caches are hot. The scan pass
  // also checks, file by file, that the CLI's prefilter on raw text (textPrefilter) changes no finding.
  parseAll(engine, files);
  const textPrefilter = checkTextPrefilter(engine, files, loadedRules.rules);
  if (textPrefilter.mismatches.length > 0) {
    log(`bench: the text prefilter changed the findings of ${textPrefilter.mismatches.length} files, e.g. ${textPrefilter.mismatches.slice(0, 3).join(', ')}`);
    process.exit(2);
  }

  // Runs interleave parse-only, search-only and full scans, so a change of machine load hits all three alike.
  const parseRuns = [];
  const searchRuns = [];
  const scanRuns = [];
  let parseErrors = 0;
  let scan = { rules: 0, taintRules: 0, ruleErrors: 0, findings: 0, scanErrors: 0 };
  let searchScan = scan;
  for (let run = 0; run < CORPUS_RUNS; run += 1) {
    const parsed = time(() => parseAll(engine, files));
    parseRuns.push(parsed.cpuMs);
    parseErrors = parsed.value;
    const search = time(() => scanAll(engine, files, loadedRules, (rule) => rule.mode !== 'taint'));
    searchRuns.push(search.cpuMs);
    searchScan = search.value;
    const full = time(() => scanAll(engine, files, loadedRules));
    scanRuns.push(full.cpuMs);
    scan = full.value;
    log(`bench: run ${run + 1}: parse ${fmtMs(parsed.cpuMs)}, search rules ${fmtMs(search.cpuMs)}, all rules ${fmtMs(full.cpuMs)} (CPU time)`);
  }
  const parseMs = median(parseRuns);
  const searchMs = median(searchRuns);
  const scanMs = median(scanRuns);

  // Warm rescan of a 2,000-line TS file after one-line edits, warmed up on a separate session.
  const rescan = buildRescanFile(files);
  const loaded = engine.loadRules(rulePaths);
  const scanText = (text, parsed) => engine.scanFile(text, rescan.path, loaded.rules, parsed === undefined ? {} : { parsed });
  const warmup = editSession(rescan.text, 20, 1);
  timeSession(warmup, (text) => engine.parseSource(text, rescan.path));
  timeSession(warmup, (text) => scanText(text));
  const fileParse = timeSession(editSession(rescan.text, 30, 2), (text) => engine.parseSource(text, rescan.path));
  const versions = editSession(rescan.text, EDITS, 0);
  const fullRescan = timeSession(versions, (text) => scanText(text));
  let incrementalRescan;
  if (engine.DocumentParser !== undefined) {
    const warm = new engine.DocumentParser(rescan.path);
    warm.parse(rescan.text);
    timeSession(warmup, (text) => scanText(text, warm.parse(text)));
    const document = new engine.DocumentParser(rescan.path);
    document.parse(rescan.text);
    const modes = {};
    const session = timeSession(versions, (text) => {
      const result = scanText(text, document.parse(text));
      modes[document.lastMode] = (modes[document.lastMode] ?? 0) + 1;
      return result;
    });
    // The same session with the search-mode rules only (the engine issue's target, before taint rules).
    const searchRules = loaded.rules.filter((rule) => rule.mode !== 'taint');
    const searchDocument = new engine.DocumentParser(rescan.path);
    searchDocument.parse(rescan.text);
    const searchSession = timeSession(versions, (text) => engine.scanFile(text, rescan.path, searchRules, { parsed: searchDocument.parse(text) }));
    incrementalRescan = { ...session, modes, searchTimes: searchSession.times };
  }
  // The target is for the editor, whose language server rescans through the incremental parser.
  const targetRescan = incrementalRescan ?? fullRescan;

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    /** Load average when the run ended: timings from a busy machine are inflated. */
    loadAverage: os.loadavg(),
    corpus: { packages, files: files.length, lines: totalLines, skippedMinified },
    rules: { loaded: scan.rules, loadErrors: scan.ruleErrors },
    loadRulesMs: ruleLoad.cpuMs,
    parseOnlyMs: { median: parseMs, runs: parseRuns },
    searchScanMs: { median: searchMs, runs: searchRuns, rules: searchScan.rules },
    fullScanMs: { median: scanMs, runs: scanRuns, taintRules: scan.taintRules },
    searchRatio: searchMs / parseMs,
    ratio: scanMs / parseMs,
    targetRatio: TARGET_RATIO,
    targetTaintRatio: TARGET_TAINT_RATIO,
    findings: scan.findings,
    /** Files the CLI's prefilter on raw text skips unparsed (their findings checked identical, file by file). */
    textPrefilter: { skippedFiles: textPrefilter.skipped, skippedLines: textPrefilter.skippedLines, findingsIdentical: true },
    findingsPer1000Lines: (scan.findings * 1000) / totalLines,
    parseErrors,
    scanErrors: scan.scanErrors,
    peakRssMb: maxRssMb,
    rescan: {
      lines: rescan.lines,
      edits: EDITS,
      linesEdited: versions.linesEdited,
      sources: rescan.sources,
      parseOnlyMedianMs: median(fileParse.times),
      full: { medianMs: median(fullRescan.times), p95Ms: percentile(fullRescan.times, 95), findings: fullRescan.last.findings.length },
      incremental:
        incrementalRescan === undefined
          ? null
          : {
              medianMs: median(incrementalRescan.times),
              p95Ms: percentile(incrementalRescan.times, 95),
              findings: incrementalRescan.last.findings.length,
              parseModes: incrementalRescan.modes,
              searchRulesMedianMs: median(incrementalRescan.searchTimes),
              searchRulesP95Ms: percentile(incrementalRescan.searchTimes, 95),
            },
      targetP95Ms: scan.taintRules > 0 ? TARGET_TAINT_RESCAN_P95_MS : TARGET_RESCAN_P95_MS,
      targetMet: percentile(targetRescan.times, 95) <= (scan.taintRules > 0 ? TARGET_TAINT_RESCAN_P95_MS : TARGET_RESCAN_P95_MS),
    },
  };
  if (process.argv.includes('--per-rule')) {
    // Opt-in diagnosis: each rule alone over the corpus, slowest first.
    results.perRuleMs = perRuleTimes(engine, files, loaded.rules);
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

  const ok = (pass) => (pass ? 'ok' : 'MISSED');
  const out = [
    `Vigil benchmark (${results.node}, ${results.cpus} CPUs, load average ${results.loadAverage.map((n) => n.toFixed(1)).join(' ')}; ${Object.keys(packages).length} pinned packages and their dependencies)`,
    `  corpus                ${files.length} files, ${totalLines} lines (${skippedMinified} minified files skipped)`,
    `  rules                 ${scan.rules} bundled rules, ${scan.taintRules} of them taint rules (${scan.ruleErrors} load errors)`,
    `  parse only            ${fmtMs(parseMs)} CPU  (median of ${CORPUS_RUNS}; ${parseErrors} parse errors) — the floor`,
    `  load rules            ${fmtMs(ruleLoad.cpuMs)} CPU, once (${scan.rules} rules compiled; reused for every file)`,
    `  scan, search rules    ${fmtMs(searchMs)} CPU  (${searchScan.rules} rules; scanFile per file, parsing included)`,
    `  search / parse        ${results.searchRatio.toFixed(2)}x  (target <= ${TARGET_RATIO}x: ${ok(results.searchRatio <= TARGET_RATIO)})`,
    `  scan, all rules       ${fmtMs(scanMs)} CPU  (taint rules included)`,
    `  all / parse           ${results.ratio.toFixed(2)}x  (target <= ${TARGET_TAINT_RATIO}x with taint: ${ok(results.ratio <= TARGET_TAINT_RATIO)}; ${((scanMs + ruleLoad.cpuMs) / parseMs).toFixed(2)}x counting the one-time rule load too)`,
    `  findings              ${scan.findings} (${results.findingsPer1000Lines.toFixed(2)} per 1,000 lines; ${scan.scanErrors} scan errors)`,
    `  text prefilter        ${textPrefilter.skipped} files (${textPrefilter.skippedLines} lines) match no rule by their text, so the CLI does not parse them; findings identical on every file`,
    `  peak RSS              ${maxRssMb.toFixed(0)} MB`,
    `  rescan file           ${rescan.lines} lines of TypeScript (${rescan.sources.length} modules from the corpus)`,
    `  parse that file       median ${fmtMs(results.rescan.parseOnlyMedianMs)}`,
    `  warm rescan, full     median ${fmtMs(results.rescan.full.medianMs)}, p95 ${fmtMs(results.rescan.full.p95Ms)} over ${EDITS} one-line edits on ${versions.linesEdited} lines (parseSource + scanFile each time)`,
    results.rescan.incremental === null
      ? '  warm rescan, incr.    n/a (no engine/parse/incremental-parse.js)'
      : `  warm rescan, incr.    median ${fmtMs(results.rescan.incremental.medianMs)}, p95 ${fmtMs(results.rescan.incremental.p95Ms)} (DocumentParser + scanFile, the language server path; parses: ${Object.entries(results.rescan.incremental.parseModes).map(([mode, n]) => `${n} ${mode}`).join(', ')})`,
    results.rescan.incremental === null
      ? ''
      : `  warm rescan, search   median ${fmtMs(results.rescan.incremental.searchRulesMedianMs)}, p95 ${fmtMs(results.rescan.incremental.searchRulesP95Ms)} (search rules only; target p95 <= ${TARGET_RESCAN_P95_MS} ms: ${ok(results.rescan.incremental.searchRulesP95Ms <= TARGET_RESCAN_P95_MS)})`,
    `  rescan target         p95 <= ${results.rescan.targetP95Ms} ms (${scan.taintRules > 0 ? 'with taint rules' : 'search rules'}, ${results.rescan.incremental === null ? 'full' : 'incremental'}): ${ok(results.rescan.targetMet)}`,
    `  written to            ${path.relative(root, resultsFile)}`,
  ];
  if (results.perRuleMs !== undefined) {
    out.push('  per rule (corpus scanned with that rule alone, prefilter included; slowest first):');
    for (const [id, ms] of Object.entries(results.perRuleMs)) {
      out.push(`    ${id.padEnd(40)} ${fmtMs(ms)}`);
    }
  }
  process.stdout.write(`${out.filter((line) => line !== '').join('\n')}\n`);
}

main();
