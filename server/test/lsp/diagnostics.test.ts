/** Language server over stdio: open → diagnostics, their shape, incremental edits without stale versions, settings, skipped files, robustness. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeActionRequest, DiagnosticSeverity, ExecuteCommandRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { Commands, SKIPPED_FILE_CODE, type DiagnosticData } from '../../src/protocol/messages';
import { assertHealthy, fileUri, startServer, testRulesDir, testSettings, type ServerHarness } from './harness';

describe('language server: diagnostics', function () {
  this.timeout(20_000);
  let server: ServerHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-diag-'));

  afterEach(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  it('publishes findings on open with source, code, link, severity, message and data', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'open.ts'));
    const text = 'const a = 1;\neval(userInput);\ninsecureCall(a);\n';
    server.open(uri, text);
    const published = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 2);
    const [evalDiag, fixDiag] = published.diagnostics as [Diagnostic, Diagnostic];
    assert.equal(evalDiag.source, 'Vigil');
    assert.equal(evalDiag.code, 'lsp-eval');
    assert.equal(evalDiag.codeDescription?.href, 'https://cwe.mitre.org/data/definitions/95.html');
    assert.equal(evalDiag.severity, DiagnosticSeverity.Warning);
    assert.equal(evalDiag.message, 'eval of userInput runs arbitrary code');
    assert.deepEqual(evalDiag.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } });
    const data = evalDiag.data as DiagnosticData;
    assert.equal(data.ruleId, 'lsp-eval');
    assert.equal(data.version, 1);
    assert.ok(data.fingerprint.length > 0);
    // No references: the link is the rule's YAML file.
    assert.equal(fixDiag.code, 'lsp-safe-fix');
    assert.equal(fixDiag.severity, DiagnosticSeverity.Error);
    assert.equal(fixDiag.codeDescription?.href, fileUri(path.join(testRulesDir, 'lsp-safe-fix.yaml')));
    assert.deepEqual((fixDiag.data as DiagnosticData).fix, { edits: [{ start: 30, end: 45, text: 'secureCall(a)' }], safe: true });
  });

  it('shows a taint finding\'s trace as related information, source first', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'trace.ts'));
    const text = 'function handler(req) {\n  const dir = req.query.dir;\n  const cmd = "ls " + dir;\n  runShell(cmd);\n}\n';
    server.open(uri, text);
    const published = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.some((d) => d.code === 'lsp-taint-exec'));
    const diag = published.diagnostics.find((d) => d.code === 'lsp-taint-exec')!;
    assert.deepEqual(diag.range, { start: { line: 3, character: 11 }, end: { line: 3, character: 14 } });
    const related = diag.relatedInformation ?? [];
    assert.ok(related.length >= 3, JSON.stringify(related));
    assert.equal(related[0]!.location.uri, uri);
    assert.equal(related[0]!.location.range.start.line, 1); // the source: req.query
    assert.match(related[0]!.message, /source/);
    assert.ok(related.some((r) => r.location.range.start.line === 2), 'the assignment to cmd is a step');
  });

  it('runs the bundled pack by default', async () => {
    server = await startServer({ settings: { debounceMs: 0 } });
    const uri = fileUri(path.join(dir, 'bundled.js'));
    server.open(uri, "const input = process.argv[2];\neval(input + '1');\n", 'javascript');
    const published = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    assert.ok(published.diagnostics.some((d) => d.code === 'eval-with-expression'), JSON.stringify(published.diagnostics.map((d) => d.code)));
  });

  it('follows incremental edits, never publishing for a version older than the last one sent', async () => {
    server = await startServer({ settings: testSettings({ debounceMs: 40 }) });
    const uri = fileUri(path.join(dir, 'edits.ts'));
    server.open(uri, 'const x = 1;\n');
    await server.diagnosticsFor(uri, 1);
    // Type `eval(x);` one character at a time, faster than the debounce.
    const typed = 'eval(x);';
    for (let i = 0; i < typed.length; i++) {
      server.change(uri, i + 2, [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: typed[i]! }]);
    }
    const last = typed.length + 1;
    const final = await server.diagnosticsFor(uri, last);
    assert.deepEqual(
      final.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['lsp-eval', 1]],
    );
    const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version);
    // Debounced: the intermediate versions were never scanned, and versions only go up.
    assert.deepEqual(versions, [1, last]);
    // Delete the line: the finding goes away at the next version.
    server.change(uri, last + 1, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: typed.length } }, text: '' }]);
    const cleared = await server.diagnosticsFor(uri, last + 1);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('skips a file over the size limit with one informational diagnostic naming the setting', async () => {
    server = await startServer({ settings: testSettings({ files: { maxSizeBytes: 2000 } }) });
    const uri = fileUri(path.join(dir, 'huge.ts'));
    const text = 'eval(a);\n' + '// padding line to make the file large\n'.repeat(100);
    server.open(uri, text);
    const published = await server.diagnosticsFor(uri, 1);
    assert.equal(published.diagnostics.length, 1);
    const only = published.diagnostics[0]!;
    assert.equal(only.code, SKIPPED_FILE_CODE);
    assert.equal(only.severity, DiagnosticSeverity.Information);
    assert.match(only.message, /over the 2 KB limit/);
    assert.match(only.message, /vigil\.files\.maxSizeBytes/);
    // Raising the limit scans it.
    server.settings = testSettings({ files: { maxSizeBytes: 1_000_000 } });
    server.configurationChanged();
    const scanned = await server.waitFor('rescan after the limit was raised', () =>
      server.published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'lsp-eval')),
    );
    assert.equal(scanned.diagnostics.length, 1);
  });

  it('skips a minified file with one informational diagnostic, and scans it when the setting is off', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'bundle.js'));
    const text = `${'var a=1;'.repeat(400)}eval(a);\n`;
    server.open(uri, text, 'javascript');
    const published = await server.diagnosticsFor(uri, 1);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0]!.code, SKIPPED_FILE_CODE);
    assert.match(published.diagnostics[0]!.message, /minified/);
    assert.match(published.diagnostics[0]!.message, /vigil\.files\.skipMinified/);
    server.settings = testSettings({ files: { skipMinified: false } });
    server.configurationChanged();
    await server.waitFor('minified file scanned', () => server.published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'lsp-eval')));
  });

  it('reports a bad setting once, uses its default, and keeps scanning', async () => {
    server = await startServer({ settings: testSettings({ debounceMs: 'soon', scope: 'mine' }) });
    const a = fileUri(path.join(dir, 'bad-settings-a.ts'));
    const b = fileUri(path.join(dir, 'bad-settings-b.ts'));
    server.open(a, 'eval(a);\n');
    server.open(b, 'eval(b);\n');
    await server.diagnosticsFor(a, 1, (p) => p.diagnostics.length === 1);
    await server.diagnosticsFor(b, 1, (p) => p.diagnostics.length === 1);
    const warnings = server.messages.filter((m) => /vigil\.(debounceMs|scope)/.test(m.message));
    assert.equal(warnings.length, 2, JSON.stringify(server.messages));
    assert.ok(warnings.some((m) => /vigil\.scope should be one of "all", "assistant", not "mine"; using "all"/.test(m.message)));
  });

  it('answers a malformed request with an empty result, logs it with the document, and stays up', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'robust.ts'));
    server.open(uri, 'eval(a);\n');
    await server.diagnosticsFor(uri, 1);
    // No `context`: the handler throws inside; the answer must still be an empty list.
    const actions = await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } as never);
    assert.deepEqual(actions, []);
    await server.waitFor('error log naming the request and file', () => server.logs.find((l) => l.message.includes('codeAction failed for') && l.message.includes(uri)));
    const unknown: unknown = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.markRegionReviewed, arguments: ['nonsense'] });
    assert.equal(unknown, null);
    // Binary garbage and unbalanced code do not take it down either.
    const garbage = fileUri(path.join(dir, 'garbage.js'));
    server.open(garbage, '\u0000\u0001{{{ ((( ` eval(', 'javascript');
    await server.diagnosticsFor(garbage, 1);
    server.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'eval(b);\n' }]);
    const after = await server.diagnosticsFor(uri, 2);
    assert.equal(after.diagnostics.length, 2);
  });

  it('pulls settings per document once and drops them on close', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'cache.ts'));
    server.open(uri, 'eval(a);\n');
    await server.diagnosticsFor(uri, 1);
    const afterOpen = server.configurationRequests;
    server.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await server.diagnosticsFor(uri, 2);
    assert.equal(server.configurationRequests, afterOpen, 'an edit must use the cached settings');
    server.close(uri);
    await server.waitFor('cleared on close', () => server.published.find((p) => p.uri === uri && p.version === undefined && p.diagnostics.length === 0));
    server.open(uri, 'eval(a);\n', 'typescript', 5);
    await server.diagnosticsFor(uri, 5);
    assert.equal(server.configurationRequests, afterOpen + 1, 'reopening pulls the settings again');
  });
});
