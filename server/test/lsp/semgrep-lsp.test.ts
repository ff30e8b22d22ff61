/** The language server's semgrep scans of open documents in other languages, over stdio with a stand-in semgrep (test-fixtures/semgrep-lsp/recording-semgrep.js). */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DiagnosticSeverity,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  MessageType,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentSyncOptions,
} from 'vscode-languageserver-protocol/node';
import { SKIPPED_FILE_CODE } from '../../src/protocol/messages';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/protocol/settings';
import { assertHealthy, fileUri, positionOf, repoRoot, serverMain, startServer, testSettings, type ServerHarness, type StartOptions } from './harness';

const semgrepFixtures = path.join(repoRoot, 'test-fixtures', 'semgrep');
const semgrepRulesDir = path.join(semgrepFixtures, 'rules');
const recordingStandIn = path.join(repoRoot, 'test-fixtures', 'semgrep-lsp', 'recording-semgrep.js');
const appPyText = fs.readFileSync(path.join(semgrepFixtures, 'project', 'app.py'), 'utf8');
const brokenPyText = fs.readFileSync(path.join(semgrepFixtures, 'project', 'broken.py'), 'utf8');
const webJsText = fs.readFileSync(path.join(semgrepFixtures, 'project', 'web.js'), 'utf8');

/** One run of the stand-in. */
interface Call {
  pid: number;
  targets: string[];
  texts: string[];
}

/** A stand-in semgrep replaying `scenario`, and the runs it recorded. */
interface StandIn {
  executable: string;
  calls(): Call[];
}

function makeStandIn(dir: string, scenario: string): StandIn {
  const callsFile = path.join(dir, `calls-${scenario}.jsonl`);
  const executable = path.join(dir, `semgrep-${scenario}.js`);
  fs.writeFileSync(
    executable,
    [
      '#!/usr/bin/env node',
      `process.env.FAKE_SEMGREP_SCENARIO = ${JSON.stringify(scenario)};`,
      `process.env.FAKE_SEMGREP_CALLS = ${JSON.stringify(callsFile)};`,
      `require(${JSON.stringify(recordingStandIn)});`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    executable,
    calls: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Call) : []),
  };
}

/** Settings with the semgrep test rules (Python rules and a JS rule) and `vigil.semgrep`. */
function semgrepSettings(semgrep: Record<string, unknown>): Record<string, unknown> {
  return testSettings({ rules: { paths: [semgrepRulesDir], bundled: false }, semgrep });
}

/** Starts a server whose environment has `env` applied (undefined values removed). */
async function startWithEnv(env: Record<string, string | undefined>, options: StartOptions): Promise<ServerHarness> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(env);
  try {
    // The server process is spawned synchronously, with the environment of this moment.
    const starting = startServer(options);
    apply(saved);
    return await starting;
  } finally {
    apply(saved);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it gives a value (for what the server does not announce: the stand-in's runs, a process exiting). */
async function poll<T>(what: string, check: () => T | undefined, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

function save(harness: ServerHarness, uri: string): void {
  void harness.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
}

describe('vigil.semgrep settings', () => {
  it('defaults to "" (VIGIL_SEMGREP, then PATH) and 30 s, and replaces bad values by the defaults, saying which', () => {
    assert.deepEqual(DEFAULT_SETTINGS.semgrep, { path: '', timeoutMs: 30000 });
    assert.deepEqual(parseSettings({}).settings.semgrep, { path: '', timeoutMs: 30000 });
    assert.deepEqual(parseSettings({ semgrep: { path: ' /opt/semgrep ', timeoutMs: 5000 } }).settings.semgrep, { path: '/opt/semgrep', timeoutMs: 5000 });
    const { settings, problems } = parseSettings({ semgrep: { path: 7, timeoutMs: 10 } });
    assert.deepEqual(settings.semgrep, { path: '', timeoutMs: 30000 });
    assert.deepEqual(
      problems.map((p) => p.setting),
      ['vigil.semgrep.path', 'vigil.semgrep.timeoutMs'],
    );
    assert.deepEqual(parseSettings({ semgrep: 'x' }).problems.map((p) => p.setting), ['vigil.semgrep']);
  });
});

describe('language server: files in other languages go to semgrep on open and save', function () {
  this.timeout(60000);
  let tmp = '';
  let harness: ServerHarness | undefined;

  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-semgrep-lsp-')));
  });
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('advertises didSave in its text document sync capabilities', async () => {
    const child = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: [], capabilities: {} });
      const sync = result.capabilities.textDocumentSync as TextDocumentSyncOptions;
      assert.ok(sync.save !== undefined && sync.save !== false, JSON.stringify(sync));
      assert.equal(sync.openClose, true);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('publishes the replayed results for an opened .py file with UTF-16 ranges, severities, links and redaction (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'results');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'app.py'));
    harness.open(uri, appPyText, 'python');
    const published = await harness.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    const byCode = new Map(published.diagnostics.map((d) => [String(d.code), d]));
    assert.deepEqual([...byCode.keys()].sort(), ['python-eval', 'python-hardcoded-key', 'python-unicode-greeting'], 'the nosemgrep-ignored result is dropped');
    // Semgrep ends the match at byte column 25; in UTF-16 (é is 2 bytes, 🎉 is 4 bytes and 2 units) that is character 21.
    assert.deepEqual(byCode.get('python-unicode-greeting')?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 21 } });
    const evalStart = positionOf(appPyText, 'eval(user_input)');
    assert.deepEqual(byCode.get('python-eval')?.range, { start: evalStart, end: { line: evalStart.line, character: evalStart.character + 'eval(user_input)'.length } });
    assert.equal(byCode.get('python-eval')?.severity, DiagnosticSeverity.Error);
    assert.equal(byCode.get('python-hardcoded-key')?.severity, DiagnosticSeverity.Warning);
    assert.equal(byCode.get('python-unicode-greeting')?.severity, DiagnosticSeverity.Information);
    assert.equal(byCode.get('python-eval')?.source, 'Vigil');
    assert.match(byCode.get('python-eval')?.codeDescription?.href ?? '', /python-rules\.yaml$/);
    assert.ok(!JSON.stringify(published).includes('0123456789abcdefghij'), 'the secret is redacted');
    assert.equal((byCode.get('python-eval')?.data as { fix?: { edits: { text: string }[] } }).fix?.edits[0]?.text, 'ast.literal_eval(user_input)');
    const calls = standIn.calls();
    assert.equal(calls.length, 1);
    assert.equal(path.basename(calls[0]?.targets[0] ?? ''), 'app.py');
    assert.equal(calls[0]?.texts[0], appPyText);
    // The engine's own scan of the file (it does not parse Python) must not have wiped semgrep's results.
    await sleep(200);
    assert.ok(
      harness.published.filter((p) => p.uri === uri).every((p) => p.diagnostics.length === 3),
      JSON.stringify(harness.published.filter((p) => p.uri === uri).map((p) => p.diagnostics.length)),
    );
    assertHealthy(harness);
  });

  it('does not start semgrep on didChange, and rescans the saved text on didSave (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'results');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'app.py'));
    harness.open(uri, appPyText, 'python');
    await harness.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 3);
    const end = positionOf(appPyText + '\u0000', '\u0000');
    harness.change(uri, 2, [{ range: { start: end, end }, text: 'print(1)\n' }]);
    const next = { line: end.line + 1, character: 0 };
    harness.change(uri, 3, [{ range: { start: next, end: next }, text: '# more\n' }]);
    // A barrier: another file opened after the changes is scanned; the changes started nothing.
    const other = fileUri(path.join(tmp, 'other.py'));
    harness.open(other, 'x = 1\n', 'python');
    await harness.diagnosticsFor(other, 1);
    assert.deepEqual(
      standIn.calls().map((c) => path.basename(c.targets[0] ?? '')),
      ['app.py', 'other.py'],
    );
    assert.equal(harness.lastDiagnostics(uri)?.version, 1, 'the diagnostics of the last save stay while typing');
    save(harness, uri);
    const saved = await harness.diagnosticsFor(uri, 3);
    assert.equal(saved.diagnostics.length, 3);
    const calls = standIn.calls();
    assert.equal(calls.length, 3);
    assert.equal(calls[2]?.texts[0], `${appPyText}print(1)\n# more\n`, 'semgrep saw the saved text');
    assertHealthy(harness);
  });

  it('never sends a JS file to semgrep, on open or on save (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'results');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable }), workspaceFolders: [tmp] });
    const js = fileUri(path.join(tmp, 'web.js'));
    harness.open(js, webJsText, 'javascript');
    const published = await harness.diagnosticsFor(js, 1, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['js-eval'],
    );
    save(harness, js);
    const py = fileUri(path.join(tmp, 'app.py'));
    harness.open(py, appPyText, 'python');
    await harness.diagnosticsFor(py, 1, (p) => p.diagnostics.length > 0);
    const calls = standIn.calls();
    assert.equal(calls.length, 1, JSON.stringify(calls.map((c) => c.targets)));
    assert.equal(path.basename(calls[0]?.targets[0] ?? ''), 'app.py');
    assert.ok(!calls.some((c) => c.texts.includes(webJsText)));
    assertHealthy(harness);
  });

  it('when semgrep is missing: no diagnostics for those files, one warning naming them and how to install, JS still scanned (stand-in semgrep absent)', async () => {
    const emptyBin = path.join(tmp, 'empty-bin');
    fs.mkdirSync(emptyBin);
    const settings = semgrepSettings({ path: path.join(tmp, 'no-such-semgrep') });
    harness = await startWithEnv({ PATH: emptyBin, VIGIL_SEMGREP: undefined }, { settings, workspaceFolders: [tmp] });
    const a = fileUri(path.join(tmp, 'a.py'));
    const b = fileUri(path.join(tmp, 'b.py'));
    harness.open(a, appPyText, 'python');
    harness.open(b, brokenPyText, 'python');
    const warning = await harness.waitFor('the semgrep-missing warning', () => harness?.messages.find((m) => /semgrep is not installed/.test(m.message)));
    assert.equal(warning.type, MessageType.Warning);
    assert.match(warning.message, /a\.py/);
    assert.match(warning.message, /b\.py/);
    assert.match(warning.message, /pipx install semgrep/);
    assert.match(warning.message, /vigil\.semgrep\.path/);
    // A later file goes to the log only.
    const c = fileUri(path.join(tmp, 'c.py'));
    harness.open(c, 'eval(x)\n', 'python');
    await harness.waitFor('the log line for c.py', () => harness?.logs.find((l) => /c\.py was not scanned/.test(l.message)));
    // JavaScript is the engine's: still served.
    const js = fileUri(path.join(tmp, 'web.js'));
    harness.open(js, webJsText, 'javascript');
    const published = await harness.diagnosticsFor(js, 1, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['js-eval'],
    );
    await sleep(500);
    assert.equal(harness.messages.filter((m) => /semgrep/.test(m.message)).length, 1, JSON.stringify(harness.messages));
    assert.deepEqual(
      harness.published.filter((p) => [a, b, c].includes(p.uri)),
      [],
    );
    assertHealthy(harness);
  });

  it('with vigil.semgrep.path empty, uses $VIGIL_SEMGREP (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'results');
    harness = await startWithEnv({ VIGIL_SEMGREP: standIn.executable }, { settings: semgrepSettings({ path: '' }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'app.py'));
    harness.open(uri, appPyText, 'python');
    const published = await harness.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    assert.equal(published.diagnostics.length, 3);
    assert.equal(standIn.calls().length, 1);
    assertHealthy(harness);
  });

  it('a crash becomes one informational diagnostic and a log line; the server keeps serving (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'crash');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'app.py'));
    harness.open(uri, appPyText, 'python');
    const published = await harness.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    assert.equal(published.diagnostics.length, 1);
    const [diagnostic] = published.diagnostics;
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Information);
    assert.equal(diagnostic?.code, SKIPPED_FILE_CODE);
    assert.match(diagnostic?.message ?? '', /could not scan this file: semgrep exited with code 2 without JSON output/);
    assert.doesNotMatch(diagnostic?.message ?? '', /not scanned:/);
    assert.ok(harness.logs.some((l) => /semgrep could not scan app\.py/.test(l.message)));
    const js = fileUri(path.join(tmp, 'web.js'));
    harness.open(js, webJsText, 'javascript');
    const jsPublished = await harness.diagnosticsFor(js, 1, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      jsPublished.diagnostics.map((d) => d.code),
      ['js-eval'],
    );
    assert.equal(harness.messages.length, 0, JSON.stringify(harness.messages));
    assertHealthy(harness);
  });

  it('a run past vigil.semgrep.timeoutMs is killed and becomes one informational diagnostic (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'timeout');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable, timeoutMs: 1000 }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'app.py'));
    harness.open(uri, appPyText, 'python');
    const published = await harness.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0]?.severity, DiagnosticSeverity.Information);
    assert.match(published.diagnostics[0]?.message ?? '', /did not finish within 1 s/);
    const pid = standIn.calls()[0]?.pid ?? 0;
    await poll('the timed-out semgrep to exit', () => (isAlive(pid) ? undefined : true), 5000);
    // Still serving: a JS file is scanned.
    const js = fileUri(path.join(tmp, 'web.js'));
    harness.open(js, webJsText, 'javascript');
    await harness.diagnosticsFor(js, 1, (p) => p.diagnostics.length > 0);
    assertHealthy(harness);
  });

  it('semgrep rule errors become one informational diagnostic; parse warnings in the file do not (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'errors');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'broken.py'));
    harness.open(uri, brokenPyText, 'python');
    const published = await harness.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity]),
      [[SKIPPED_FILE_CODE, DiagnosticSeverity.Information]],
    );
    assert.match(published.diagnostics[0]?.message ?? '', /could not fully scan this file: semgrep: Rule parse error: Invalid pattern for Python: eval\(\$X \(rule python-eval\)/);
    assert.ok(harness.logs.some((l) => /semgrep error in broken\.py \(rule python-eval\)/.test(l.message)));
    assert.ok(!harness.logs.some((l) => /PartialParsing/.test(l.message)), 'parse problems in the file are the editor\'s business');
    assertHealthy(harness);
  });

  it('a newer save kills the run still going, and closing the file kills its run (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'timeout');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable, timeoutMs: 60000 }), workspaceFolders: [tmp] });
    const uri = fileUri(path.join(tmp, 'app.py'));
    harness.open(uri, appPyText, 'python');
    const first = await poll('the first run', () => standIn.calls()[0]);
    assert.equal(isAlive(first.pid), true);
    save(harness, uri);
    const second = await poll('the run of the save', () => standIn.calls()[1]);
    await poll('the superseded run to be killed', () => (isAlive(first.pid) ? undefined : true), 5000);
    assert.equal(isAlive(second.pid), true);
    harness.close(uri);
    await poll('the closed file\'s run to be killed', () => (isAlive(second.pid) ? undefined : true), 5000);
    await sleep(300);
    // Cancelled runs publish nothing: only the close's empty publish.
    assert.deepEqual(
      harness.published.filter((p) => p.uri === uri).map((p) => p.diagnostics.length),
      [0],
    );
    assertHealthy(harness);
  });

  it('shutting down kills a run still going (stand-in semgrep)', async () => {
    const standIn = makeStandIn(tmp, 'timeout');
    harness = await startServer({ settings: semgrepSettings({ path: standIn.executable, timeoutMs: 60000 }), workspaceFolders: [tmp] });
    harness.open(fileUri(path.join(tmp, 'app.py')), appPyText, 'python');
    const run = await poll('the run', () => standIn.calls()[0]);
    await harness.stop();
    harness = undefined;
    const deadline = Date.now() + 5000;
    while (isAlive(run.pid) && Date.now() < deadline) await sleep(50);
    assert.equal(isAlive(run.pid), false);
  });
});
