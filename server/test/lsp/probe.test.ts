/** DAST through the language server: vigil.probeFindings and vigil.detectDevServer over stdio against the real vulnerable app on an ephemeral 127.0.0.1 port. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DiagnosticSeverity,
  ExecuteCommandRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import {
  ClientCommands,
  Commands,
  type DetectDevServerResult,
  type DiagnosticData,
  type ProbeFindingArgs,
  type ProbeFindingsArgs,
  type ProbeFindingsResult,
} from '../../src/protocol/messages';
import { fixture, loadFixtureApp } from '../dast/helpers';
import { assertHealthy, fileUri, positionOf, startServer, testSettings, type ServerHarness } from './harness';

const PROBE_TITLE = 'Vigil: Probe this finding against the dev server';

function isAction(item: CodeAction | Command): item is CodeAction {
  return 'kind' in item || 'edit' in item || 'diagnostics' in item;
}

function fingerprintOf(diagnostic: Diagnostic): string {
  return (diagnostic.data as DiagnosticData).fingerprint;
}

/** A loopback port nothing listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('language server: probing findings against the dev server', function () {
  this.timeout(60_000);
  const app = loadFixtureApp('vulnerable-app');
  const appRoot = fixture('vulnerable-app');
  const sqlPath = path.join(appRoot, 'routes', 'sql.js');
  const sqlText = fs.readFileSync(sqlPath, 'utf8');
  const uri = fileUri(sqlPath);
  /** The vulnerable sink of GET /api/sql/products/:id and its fixed twin's sink (GET /api/sql/products-fixed/:id). */
  const vulnerableLine = positionOf(sqlText, "'SELECT id, name FROM products WHERE id = ' + req.params.id").line;
  const fixedLine = positionOf(sqlText, "'SELECT id, name FROM products WHERE id = ?', [req.params.id]").line;
  let server: ServerHarness;
  let port = 0;
  let baseUrl = '';
  let version = 1;
  let vulnerable: Diagnostic;
  let fixed: Diagnostic;

  const probe = async (args: ProbeFindingsArgs): Promise<ProbeFindingsResult> =>
    (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.probeFindings, arguments: [args] })) as ProbeFindingsResult;
  const actionsFor = async (diagnostics: Diagnostic[]): Promise<CodeAction[]> => {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return ((await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } })) ?? []).filter(isAction);
  };
  const sqliAt = (diagnostics: readonly Diagnostic[], line: number): Diagnostic | undefined => diagnostics.find((d) => d.code === 'dast-sqli' && d.range.start.line === line);
  const requestLogs = (): string[] => server.logs.map((l) => l.message).filter((m) => m.startsWith('[probe]') && m.includes('→ '));

  before(async () => {
    port = await app.start(0);
    baseUrl = `http://127.0.0.1:${port}`;
    server = await startServer({ settings: testSettings({ rules: { paths: [fixture('dast', 'rules')], bundled: false } }), workspaceFolders: [appRoot] });
    server.open(uri, sqlText, 'javascript', version);
    const published = await server.diagnosticsFor(uri, version, (p) => p.diagnostics.length > 0);
    const v = sqliAt(published.diagnostics, vulnerableLine);
    const f = sqliAt(published.diagnostics, fixedLine);
    assert.ok(v && f, `no dast-sqli diagnostics on lines ${vulnerableLine} and ${fixedLine}: ${published.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`).join(', ')}`);
    vulnerable = v;
    fixed = f;
  });

  after(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
    await app.stop();
  });

  it('offers "Probe this finding" on a probeable finding, as a client command naming the finding', async () => {
    const actions = await actionsFor([vulnerable]);
    const probeAction = actions.find((a) => a.title === PROBE_TITLE);
    assert.ok(probeAction, `no probe action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(probeAction.kind, 'quickfix');
    assert.equal(probeAction.isPreferred, false);
    assert.equal(probeAction.command?.command, ClientCommands.probeFinding);
    assert.equal(ClientCommands.probeFinding, 'vigil.client.probeFinding');
    const args: ProbeFindingArgs = { uri, fingerprint: fingerprintOf(vulnerable) };
    assert.deepEqual(probeAction.command.arguments, [args]);
  });

  it('confirms a vulnerable route: evidence in the result, every request in the log, and the diagnostic raised with the evidence', async () => {
    const before = server.published.length;
    assert.equal(vulnerable.severity, DiagnosticSeverity.Error); // dast-sqli is ERROR already: check the mark, the related information and the data
    const result = await probe({ uri, fingerprints: [fingerprintOf(vulnerable)], baseUrl, allowUnsafeMethods: false });
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.cancelled, false);
    assert.equal(result.results.length, 1);
    const only = result.results[0]!;
    assert.equal(only.status, 'confirmed', only.summary);
    assert.equal(only.fingerprint, fingerprintOf(vulnerable));
    assert.equal(only.ruleId, 'dast-sqli');
    assert.equal(only.route, 'GET /api/sql/products/:id');
    assert.ok(only.evidence, 'a confirmed result carries evidence');
    assert.match(only.evidence.request, /^GET \/api\/sql\/products\//);
    assert.match(only.evidence.response, /^\d{3} … ./);
    assert.ok(result.requests >= 1 && result.requests <= 12, `requests: ${result.requests}`);
    assert.equal(only.requests, result.requests);

    // Every request and its response summary went to window/logMessage.
    const sent = requestLogs().filter((m) => m.includes(`GET ${baseUrl}/api/sql/products/`));
    assert.equal(sent.length, result.requests, `request log lines: ${sent.join('\n')}`);
    assert.ok(server.logs.some((l) => l.message.startsWith('[probe]') && l.message.includes('← ')), 'no response summary logged');

    const republished = await server.waitFor('diagnostics with the probe outcome', () =>
      server.published.slice(before).find((p) => p.uri === uri && p.diagnostics.some((d) => d.message.endsWith(' — confirmed by probe'))),
    );
    const confirmed = sqliAt(republished.diagnostics, vulnerableLine)!;
    assert.equal(confirmed.message, `${vulnerable.message} — confirmed by probe`);
    assert.equal(confirmed.severity, DiagnosticSeverity.Error);
    assert.equal((confirmed.data as DiagnosticData).probe, 'confirmed');
    const related = confirmed.relatedInformation ?? [];
    assert.match(related[0]?.message ?? '', /^Probe request: GET \/api\/sql\/products\//);
    assert.match(related[1]?.message ?? '', /^Response: \d{3} … ./);
    for (const entry of related.slice(0, 2)) {
      assert.equal(entry.location.uri, uri);
      assert.deepEqual(entry.location.range, vulnerable.range);
    }
    // The taint trace is still there after the evidence.
    assert.ok(related.length > 3 && (vulnerable.relatedInformation?.length ?? 0) > 0);
    assert.deepEqual(related.slice(3), vulnerable.relatedInformation);
    // The other findings are untouched.
    assert.equal(sqliAt(republished.diagnostics, fixedLine)?.message, fixed.message);
  });

  it('no longer offers the probe on the confirmed finding', async () => {
    const current = sqliAt(server.lastDiagnostics(uri)!.diagnostics, vulnerableLine)!;
    assert.match(current.message, /confirmed by probe$/);
    const actions = await actionsFor([current]);
    assert.ok(actions.length > 0, 'the other actions are still offered');
    assert.equal(actions.find((a) => a.title === PROBE_TITLE), undefined);
    // Its twin still gets one.
    assert.ok((await actionsFor([fixed])).some((a) => a.title === PROBE_TITLE));
  });

  it('a fixed twin is not confirmed: the message says so and the severity is unchanged', async () => {
    const before = server.published.length;
    const result = await probe({ uri, fingerprints: [fingerprintOf(fixed)], baseUrl, allowUnsafeMethods: false });
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(
      result.results.map((r) => [r.status, r.route, r.evidence]),
      [['not-confirmed', 'GET /api/sql/products-fixed/:id', undefined]],
    );
    assert.ok(result.requests > 0, 'the twin was probed');
    const republished = await server.waitFor('the not-confirmed mark', () =>
      server.published.slice(before).find((p) => p.uri === uri && p.diagnostics.some((d) => d.message.endsWith('probe did not confirm (not proof it is safe)'))),
    );
    const twin = sqliAt(republished.diagnostics, fixedLine)!;
    assert.equal(twin.message, `${fixed.message} — probe did not confirm (not proof it is safe)`);
    assert.equal(twin.severity, fixed.severity);
    assert.deepEqual(twin.relatedInformation, fixed.relatedInformation);
    // The confirmed one keeps its outcome.
    assert.match(sqliAt(republished.diagnostics, vulnerableLine)?.message ?? '', /confirmed by probe$/);
  });

  it('keeps outcomes across rescans while the finding exists, drops one when its code changes, and all on close', async () => {
    // A line inserted above: every finding moves, fingerprints stay.
    version++;
    server.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// moved\n' }]);
    const moved = await server.diagnosticsFor(uri, version);
    assert.match(sqliAt(moved.diagnostics, vulnerableLine + 1)?.message ?? '', / — confirmed by probe$/);
    assert.match(sqliAt(moved.diagnostics, fixedLine + 1)?.message ?? '', / — probe did not confirm/);
    // The vulnerable line itself changes: that outcome no longer says anything about it.
    version++;
    const at = positionOf(`// moved\n${sqlText}`, "' + req.params.id");
    server.change(uri, version, [{ range: { start: at, end: { line: at.line, character: at.character + "' + req.params.id".length } }, text: "' + req.params.id + ''" }]);
    const edited = await server.diagnosticsFor(uri, version);
    const editedVulnerable = sqliAt(edited.diagnostics, vulnerableLine + 1);
    assert.ok(editedVulnerable, 'still a finding');
    assert.doesNotMatch(editedVulnerable.message, /probe/);
    assert.match(sqliAt(edited.diagnostics, fixedLine + 1)?.message ?? '', / — probe did not confirm/);
    // Closed and opened again: nothing is remembered.
    server.close(uri);
    await server.waitFor('cleared on close', () => (server.lastDiagnostics(uri)?.diagnostics.length === 0 ? true : undefined));
    version = 1;
    server.open(uri, sqlText, 'javascript', version);
    const reopened = await server.diagnosticsFor(uri, version, (p) => p.diagnostics.length > 0);
    assert.ok(reopened.diagnostics.every((d) => !d.message.includes('probe')), reopened.diagnostics.map((d) => d.message).join('\n'));
    assert.equal(sqliAt(reopened.diagnostics, vulnerableLine)?.message, vulnerable.message);
  });

  it('refuses a base URL that is not loopback, whatever the arguments say: an error, zero requests, and the server still serves', async () => {
    const logged = requestLogs().length;
    const result = await probe({ uri, fingerprints: [fingerprintOf(vulnerable)], baseUrl: 'http://10.0.0.1:80', allowUnsafeMethods: true, maxRequestsPerFinding: 50 });
    assert.equal(result.requests, 0);
    assert.match(result.error ?? '', /refusing http:\/\/10\.0\.0\.1.*not loopback/);
    assert.deepEqual(
      result.results.map((r) => [r.fingerprint, r.status, r.requests]),
      [[fingerprintOf(vulnerable), 'error', 0]],
    );
    assert.equal(requestLogs().length, logged, 'nothing was sent');
    // Still serving: a rescan answers and publishes.
    const count: unknown = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.rescanFile, arguments: [uri] });
    assert.equal(typeof count, 'number');
    assert.ok((count as number) > 0);
    assertHealthy(server);
  });

  it('says clearly when nothing answers at a loopback base URL', async () => {
    const closed = await closedPort();
    const result = await probe({ uri, fingerprints: [fingerprintOf(vulnerable)], baseUrl: `http://127.0.0.1:${closed}`, allowUnsafeMethods: false });
    assert.equal(result.error, `nothing answered at http://127.0.0.1:${closed}: is the dev server running?`);
    assert.equal(result.requests, 0);
    assert.equal(result.results[0]?.status, 'error');
  });

  it('answers an error for a document that is not open, and for bad arguments', async () => {
    const other = fileUri(path.join(appRoot, 'routes', 'misc.js'));
    const notOpen = await probe({ uri: other, baseUrl, allowUnsafeMethods: false });
    assert.match(notOpen.error ?? '', /misc\.js is not open/);
    assert.deepEqual([notOpen.results, notOpen.requests], [[], 0]);
    const bad = (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.probeFindings, arguments: [{ uri }] })) as ProbeFindingsResult;
    assert.match(bad.error ?? '', /^bad arguments: baseUrl/);
    const unknown = await probe({ uri, fingerprints: ['no-such-fingerprint'], baseUrl, allowUnsafeMethods: false });
    assert.deepEqual(
      unknown.results.map((r) => [r.fingerprint, r.status]),
      [['no-such-fingerprint', 'error']],
    );
    assert.equal(unknown.requests, 0);
  });

  it('stops at once when the request is cancelled ($/cancelRequest)', async () => {
    const logged = requestLogs().length;
    const source = new CancellationTokenSource();
    // Every probeable finding of the file, POST allowed: far more requests than arrive before the cancel.
    const request = server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.probeFindings, arguments: [{ uri, baseUrl, allowUnsafeMethods: true }] }, source.token);
    await server.waitFor('the first probe request', () => (requestLogs().length > logged ? true : undefined));
    source.cancel();
    const cancelledAt = Date.now();
    const outcome = await request.then(
      (value) => value as ProbeFindingsResult,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    const summary = await server.waitFor('the cancelled probe log', () => server.logs.find((l) => /^Vigil: probe of .* cancelled: /.test(l.message)));
    assert.ok(Date.now() - cancelledAt < 3000, 'the run stopped promptly');
    const cancelledCount = Number(/(\d+) cancelled/.exec(summary.message)?.[1]);
    assert.ok(cancelledCount >= 1, `no finding was left unprobed: ${summary.message}`);
    if (!(outcome instanceof Error)) {
      assert.equal(outcome.cancelled, true);
      assert.ok(outcome.results.some((r) => r.status === 'cancelled'));
      assert.ok(outcome.results.some((r) => r.status === 'cancelled' && r.requests === 0), 'some finding was never probed');
    }
    // Nothing more is sent after the run ended.
    const sent = requestLogs().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(requestLogs().length, sent);
    assert.ok(sent - logged < 10, `${sent - logged} requests were sent before the run stopped`);
  });

  it('detectDevServer proposes the running app from the dev script of a package.json, and the workspace folders by default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-probe-detect-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts: { build: 'tsc', dev: `node app.js --port ${port}` } }));
      const given = (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.detectDevServer, arguments: [{ folders: [dir] }] })) as DetectDevServerResult;
      assert.deepEqual(given.candidates[0], { baseUrl, source: 'package.json script dev' });
      // No arguments: the session's workspace folder (the app, which has no package.json) does not name the port.
      const byDefault = (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.detectDevServer })) as DetectDevServerResult;
      assert.ok(!byDefault.candidates.some((c) => c.source.startsWith('package.json')));
      const other = await startServer({ workspaceFolders: [dir] });
      try {
        const fromWorkspace = (await other.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.detectDevServer, arguments: [] })) as DetectDevServerResult;
        assert.deepEqual(fromWorkspace.candidates[0], { baseUrl, source: 'package.json script dev' });
      } finally {
        await other.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: the probe action beside the rule fix', function () {
  this.timeout(20_000);
  let server: ServerHarness;

  after(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  it('offers the probe only on probeable findings, and the preferred fix still comes first', async () => {
    server = await startServer();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-probe-actions-'));
    const uri = fileUri(path.join(dir, 'mixed.ts'));
    server.open(uri, 'function f(a: string) {\n  eval(a);\n  insecureCall(a);\n}\n');
    const published = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 2);
    const evalDiagnostic = published.diagnostics.find((d) => d.code === 'lsp-eval')!; // CWE-95: code injection, probeable
    const fixable = published.diagnostics.find((d) => d.code === 'lsp-safe-fix')!; // CWE-20: no probe
    const actions = ((await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: evalDiagnostic.range,
      context: { diagnostics: [evalDiagnostic, fixable] },
    })) ?? []).filter(isAction);
    assert.equal(actions[0]?.isPreferred, true, actions.map((a) => a.title).join(' | '));
    assert.match(actions[0]?.title ?? '', /^Fix: /);
    const probes = actions.filter((a) => a.title === PROBE_TITLE);
    assert.equal(probes.length, 1);
    assert.deepEqual(probes[0]?.diagnostics?.map((d) => d.code), ['lsp-eval']);
    assert.deepEqual(probes[0]?.command?.arguments, [{ uri, fingerprint: fingerprintOf(evalDiagnostic) }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers no probe action to a client that does not register the probe client command (another editor)', async () => {
    const other = await startServer({ clientCommands: [] });
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-probe-actions-'));
      const uri = fileUri(path.join(dir, 'mixed.ts'));
      other.open(uri, 'function f(a: string) {\n  eval(a);\n}\n');
      const published = await other.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 1);
      const evalDiagnostic = published.diagnostics.find((d) => d.code === 'lsp-eval')!;
      const actions = ((await other.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: evalDiagnostic.range, context: { diagnostics: [evalDiagnostic] } })) ?? []).filter(isAction);
      assert.ok(actions.length > 0, 'the other actions are still offered');
      assert.ok(!actions.some((a) => a.title === PROBE_TITLE));
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      await other.stop();
    }
  });
});
