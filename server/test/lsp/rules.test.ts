/** Rules in the language server: hot reload from `vigil.rules.paths` (fs.watch and didChangeWatchedFiles), and a broken rule shown once while the others run. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, ExecuteCommandRequest, FileChangeType, MessageType } from 'vscode-languageserver-protocol/node';
import { Commands, type ReloadRulesResult } from '../../src/protocol/messages';
import { assertHealthy, fileUri, startServer, type ServerHarness } from './harness';

function rule(id: string, pattern: string, message: string): string {
  return `rules:\n  - id: ${id}\n    languages: [typescript]\n    severity: WARNING\n    message: ${message}\n    pattern: ${pattern}\n`;
}

describe('language server: rules', function () {
  this.timeout(20_000);
  let server: ServerHarness;

  afterEach(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  it('reloads when a rule file in vigil.rules.paths changes, without a restart', async () => {
    const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-hot-'));
    const ruleFile = path.join(rulesDir, 'hot.yaml');
    fs.writeFileSync(ruleFile, rule('hot-rule', 'alpha($X)', 'alpha call'));
    server = await startServer({ settings: { debounceMs: 0, rules: { paths: [rulesDir], bundled: false } } });
    const uri = fileUri(path.join(rulesDir, 'code.ts'));
    server.open(uri, 'alpha(1);\nbeta(2);\n');
    const first = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      first.diagnostics.map((d) => [d.code, d.message, d.range.start.line]),
      [['hot-rule', 'alpha call', 0]],
    );
    // Change the rule on disk: the open document is rescanned with it (fs.watch).
    fs.writeFileSync(ruleFile, rule('hot-rule', 'beta($X)', 'beta call'));
    const second = await server.waitFor('rescan with the changed rule', () =>
      server.published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.message === 'beta call')),
    );
    assert.deepEqual(
      second.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['hot-rule', 1]],
    );
    // A new rule file, announced through workspace/didChangeWatchedFiles, is picked up too.
    const added = path.join(rulesDir, 'added.yaml');
    fs.writeFileSync(added, rule('added-rule', 'alpha($X)', 'alpha again'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(added), type: FileChangeType.Created }] });
    await server.waitFor('the added rule', () => server.published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'added-rule')));
    const reloaded = (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.reloadRules })) as ReloadRulesResult;
    assert.deepEqual(reloaded, { rules: 2, errors: 0 });
  });

  it('shows a broken rule once with file:line, logs it, and keeps running the other rules', async () => {
    const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-broken-'));
    fs.writeFileSync(path.join(rulesDir, 'good.yaml'), rule('good-rule', 'alpha($X)', 'alpha call'));
    const brokenFile = path.join(rulesDir, 'broken.yaml');
    fs.writeFileSync(brokenFile, 'rules:\n  - id: broken-rule\n    languages: [typescript]\n    severity: WARNING\n    message: m\n    pattern-sometimes: alpha($X)\n');
    server = await startServer({ settings: { debounceMs: 0, rules: { paths: [rulesDir], bundled: false } } });
    const a = fileUri(path.join(rulesDir, 'a.ts'));
    const b = fileUri(path.join(rulesDir, 'b.ts'));
    server.open(a, 'alpha(1);\n');
    server.open(b, 'alpha(2);\n');
    const published = await server.diagnosticsFor(a, 1, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['good-rule'],
    );
    await server.diagnosticsFor(b, 1, (p) => p.diagnostics.length > 0);
    // Reloading (the same broken rule) and editing do not show it again.
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.reloadRules });
    server.change(a, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'alpha(3);\n' }]);
    await server.diagnosticsFor(a, 2, (p) => p.diagnostics.length === 2);
    const errors = server.messages.filter((m) => m.type === MessageType.Error);
    assert.equal(errors.length, 1, JSON.stringify(server.messages));
    assert.ok(errors[0]!.message.includes(`${brokenFile}:`), errors[0]!.message);
    assert.match(errors[0]!.message, /broken\.yaml:\d+: rule "broken-rule"/);
    assert.ok(server.logs.some((l) => l.message.includes(brokenFile) && l.message.includes('pattern-sometimes')), 'logged');
  });
});
