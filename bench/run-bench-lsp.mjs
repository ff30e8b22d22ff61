// Language-server benchmark: didChange → publishDiagnostics on a 2,000-line TS file through the real server, a 500-file workspace scan, and server RSS.
// Usage: node bench/run-bench-lsp.mjs   (npm run bench:lsp builds first)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const corpusDir = path.join(root, 'bench', 'corpus');
const corpusModules = path.join(corpusDir, 'node_modules');
const serverMain = path.join(root, 'out', 'server', 'src', 'lsp', 'server.js');
const outEngine = path.join(root, 'out', 'server', 'src', 'engine');

/** Timed edits on the 2,000-line file (after WARMUP_EDITS untimed ones). */
const EDITS = 200;
const WARMUP_EDITS = 20;
const FILE_LINES = 2000;
const WORKSPACE_FILES = 500;
/** Targets from the language-server issue. */
const TARGET_P95_MS = 50;
const TARGET_RSS_MB = 200;
const SOURCE_EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs'];

function log(message) {
  process.stderr.write(`${message}\n`);
}

if (!fs.existsSync(serverMain)) {
  log('bench:lsp: out/server/src/lsp/server.js is missing; run `npm run build` first');
  process.exit(2);
}
const { parseSource, isLikelyMinified } = require(path.join(outEngine, 'parse', 'parse-source.js'));
const protocol = require('vscode-languageserver-protocol/node');

function ensureCorpus() {
  if (fs.existsSync(corpusModules)) return;
  log('bench:lsp: installing the corpus (bench/corpus, pinned by its lockfile)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--prefix', corpusDir, '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (install.status !== 0) {
    log('bench:lsp: npm install of the corpus failed');
    process.exit(2);
  }
}

/** Corpus source files (no tests, declarations or minified bundles), sorted by path. */
function corpusFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['test', 'tests', '__tests__', '.bin'].includes(entry.name)) walk(full);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !/\.(d|min|test|spec)\.[cm]?[jt]s$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (!isLikelyMinified(text)) out.push({ path: full, text, lines: text.split('\n').length });
      }
    }
  };
  walk(corpusModules);
  return out;
}

/** A 2,000-line TypeScript file made of whole corpus TS modules, topped up with comment lines. */
function buildLargeFile(files) {
  const modules = files.filter((f) => f.path.endsWith('.ts') && f.lines >= 50).sort((a, b) => b.lines - a.lines || (a.path < b.path ? -1 : 1));
  const parts = [];
  let lines = 0;
  for (const m of modules) {
    const text = m.text.endsWith('\n') ? m.text : `${m.text}\n`;
    const count = text.split('\n').length - 1;
    if (lines + count <= FILE_LINES) {
      parts.push(text);
      lines += count;
    }
  }
  while (lines < FILE_LINES) {
    parts.push(`// ${lines}: padding to ${FILE_LINES} lines\n`);
    lines += 1;
  }
  return parts.join('');
}

/** Lines with a number literal in code (the edit increments it: a one-line change that keeps the file parsing). */
function editableLines(text) {
  const literal = /(?<![\w.$])[1-9]\d*(?![\w.$])/;
  const result = [];
  text.split('\n').forEach((line, index) => {
    const code = line.split('//')[0];
    if (!/^\s*(\*|\/\*)/.test(line) && literal.test(code)) result.push(index);
  });
  return { literal, lines: result };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))];
}

function fmt(ms) {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: ask ps
  }
  const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return Number(ps.stdout.trim()) / 1024;
}

/** Starts the server with `settings` answered to workspace/configuration; resolves after initialized. */
async function startServer(settings, workspaceFolders = []) {
  const child = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = protocol.createProtocolConnection(new protocol.StreamMessageReader(child.stdout), new protocol.StreamMessageWriter(child.stdin));
  const listeners = new Set();
  connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
    for (const listener of listeners) listener(params);
  });
  connection.onNotification(protocol.LogMessageNotification.type, () => undefined);
  connection.onNotification(protocol.ShowMessageNotification.type, (params) => log(`bench:lsp: server says: ${params.message}`));
  connection.onRequest(protocol.ConfigurationRequest.type, (params) => params.items.map(() => settings));
  connection.onRequest(protocol.RegistrationRequest.type, () => undefined);
  connection.onRequest(protocol.WorkDoneProgressCreateRequest.type, () => undefined);
  connection.listen();
  await connection.sendRequest(protocol.InitializeRequest.type, {
    processId: process.pid,
    rootUri: workspaceFolders[0] ? pathToFileURL(workspaceFolders[0]).href : null,
    workspaceFolders: workspaceFolders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: false } },
  });
  await connection.sendNotification(protocol.InitializedNotification.type, {});
  const waitFor = (uri, version) =>
    new Promise((resolve) => {
      const listener = (params) => {
        if (params.uri === uri && params.version === version) {
          listeners.delete(listener);
          resolve(params);
        }
      };
      listeners.add(listener);
    });
  const stop = async () => {
    await connection.sendRequest(protocol.ShutdownRequest.type);
    await connection.sendNotification(protocol.ExitNotification.type);
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    connection.dispose();
  };
  return { child, connection, waitFor, stop };
}

async function benchEdits(text) {
  const server = await startServer({ debounceMs: 0 });
  const uri = pathToFileURL(path.join(os.tmpdir(), 'vigil-bench-lsp', 'large-2000.ts')).href;
  const opened = server.waitFor(uri, 1);
  await server.connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const first = await opened;
  const lines = text.split('\n');
  const { literal, lines: editable } = editableLines(text);
  const times = [];
  let version = 1;
  let last = first;
  for (let n = 0; n < WARMUP_EDITS + EDITS; n++) {
    const index = editable[Math.floor((n * editable.length) / (WARMUP_EDITS + EDITS))];
    const before = lines[index];
    const match = literal.exec(before.split('//')[0]);
    const replacement = String(Number(match[0]) + 1);
    lines[index] = before.slice(0, match.index) + replacement + before.slice(match.index + match[0].length);
    version += 1;
    const published = server.waitFor(uri, version);
    const started = process.hrtime.bigint();
    await server.connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: index, character: match.index }, end: { line: index, character: match.index + match[0].length } }, text: replacement }],
    });
    last = await published;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (n >= WARMUP_EDITS) times.push(ms);
  }
  const rss = rssMb(server.child.pid);
  await server.stop();
  return { times, findings: last.diagnostics.length, initialFindings: first.diagnostics.length, rss };
}

async function benchWorkspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-ws-'));
  const chosen = files.slice(0, WORKSPACE_FILES);
  chosen.forEach((file, i) => {
    const rel = path.relative(corpusModules, file.path);
    const target = path.join(dir, 'src', String(Math.floor(i / 50)), rel.replace(/[\\/]/g, '__'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  });
  const lines = chosen.reduce((sum, f) => sum + f.lines, 0);
  const started = process.hrtime.bigint();
  const server = await startServer({ debounceMs: 0 }, [dir]);
  const initMs = Number(process.hrtime.bigint() - started) / 1e6;
  const summary = await server.connection.sendRequest(protocol.ExecuteCommandRequest.type, { command: 'vigil.scanWorkspace' });
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = rssMb(server.child.pid);
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { files: chosen.length, lines, initMs, totalMs, summary, rss };
}

async function main() {
  ensureCorpus();
  const files = corpusFiles();
  const text = buildLargeFile(files);
  // Parse-only time of the same file (the floor), in this process, warmed up.
  for (let i = 0; i < 5; i++) parseSource(text, 'large-2000.ts');
  const parseTimes = [];
  for (let i = 0; i < 30; i++) {
    const t = process.hrtime.bigint();
    parseSource(text, 'large-2000.ts');
    parseTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  log('bench:lsp: timing edits...');
  const edits = await benchEdits(text);
  log('bench:lsp: scanning a 500-file workspace...');
  const ws = await benchWorkspace(files);
  const p95 = percentile(edits.times, 95);
  const med = median(edits.times);
  const ok = (pass) => (pass ? 'ok' : 'MISSED');
  const out = [
    `Vigil language-server benchmark (${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')})`,
    `  file                    ${FILE_LINES} lines of TypeScript from the corpus, bundled rules, debounce 0`,
    `  parse only (engine)     median ${fmt(median(parseTimes))} (full parseSource, in process)`,
    `  didChange → diagnostics median ${fmt(med)}, p95 ${fmt(p95)} over ${EDITS} one-line edits (after ${WARMUP_EDITS} warm-up edits; ${edits.findings} findings)`,
    `  p95 / full parse        ${(p95 / median(parseTimes)).toFixed(2)}x`,
    `  edit target             p95 <= ${TARGET_P95_MS} ms: ${ok(p95 <= TARGET_P95_MS)}`,
    `  workspace               ${ws.files} files, ${ws.lines} lines copied from the corpus`,
    `  open + scan workspace   ${fmt(ws.totalMs)} (server start + initialize ${fmt(ws.initMs)}; scan ${fmt(ws.summary.durationMs)} in the server: ${ws.summary.filesScanned} scanned, ${ws.summary.filesSkipped} skipped, ${ws.summary.findings} findings)`,
    `  server RSS              ${ws.rss.toFixed(0)} MB after the workspace scan; target <= ${TARGET_RSS_MB} MB: ${ok(ws.rss <= TARGET_RSS_MB)}`,
    `                          (the scan ran in a child process that peaked at ${ws.summary.scanProcessPeakRssMb ?? '?'} MB and has exited; the editing server above was at ${edits.rss.toFixed(0)} MB after its 220 edits)`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
  log(`bench:lsp: ${error.stack ?? error}`);
  process.exit(1);
});
