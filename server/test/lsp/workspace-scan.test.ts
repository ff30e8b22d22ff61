/** Workspace scan over the protocol: .gitignore and exclude globs, summary, published diagnostics, `$/progress`, cancellation both ways. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, ExecuteCommandRequest, WorkDoneProgressCancelNotification } from 'vscode-languageserver-protocol/node';
import { Commands, type WorkspaceScanSummary } from '../../src/protocol/messages';
import { assertHealthy, fileUri, startServer, testSettings, type ServerHarness } from './harness';

/** Writes `files` (relative path → text) under a new temporary folder. */
function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-ws-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('language server: workspace scan', function () {
  this.timeout(30_000);
  let server: ServerHarness;

  afterEach(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  it('scans JS/TS files, honouring .gitignore (nested too) and vigil.files.exclude, with progress and a summary', async () => {
    const root = workspace({
      '.gitignore': 'ignored/\n*.gen.ts\n',
      'src/a.ts': 'eval(a);\ninsecureCall(b);\n',
      'src/b.js': 'eval(c);\n',
      'src/clean.ts': 'export const x = 1;\n',
      'src/types.d.ts': 'declare function eval2(x: string): void;\neval(x);\n',
      'src/nested/.gitignore': 'secret.ts\n',
      'src/nested/secret.ts': 'eval(hidden);\n',
      'src/nested/shown.ts': 'eval(shown);\n',
      'src/code.gen.ts': 'eval(generated);\n',
      'ignored/x.ts': 'eval(x);\n',
      'node_modules/lib/index.js': 'eval(dep);\n',
      'excluded/y.ts': 'eval(y);\n',
      'notes.txt': 'eval(text);\n',
      'big/huge.ts': `eval(a);\n${'// padding\n'.repeat(300)}`,
    });
    server = await startServer({ workspaceFolders: [root], settings: testSettings({ files: { exclude: { 'excluded/**': true, 'other/**': false }, maxSizeBytes: 2000 } }) });
    server.trackProgress('scan-1');
    const summary = (await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: Commands.scanWorkspace,
      workDoneToken: 'scan-1',
    })) as WorkspaceScanSummary;
    assert.equal(summary.cancelled, false);
    assert.equal(summary.filesScanned, 4, JSON.stringify(summary));
    assert.equal(summary.filesSkipped, 1, 'big/huge.ts is over the size limit');
    assert.equal(summary.findings, 4);
    assert.deepEqual(summary.byRule, { 'lsp-eval': 3, 'lsp-safe-fix': 1 });
    assert.equal(summary.filesWithFindings, 3);
    // Diagnostics were published for the files with findings.
    const publishedUris = new Set(server.published.filter((p) => p.diagnostics.length > 0).map((p) => p.uri));
    assert.deepEqual([...publishedUris].sort(), [fileUri(path.join(root, 'src/a.ts')), fileUri(path.join(root, 'src/b.js')), fileUri(path.join(root, 'src/nested/shown.ts'))].sort());
    // Progress: begin (cancellable), ..., end.
    const kinds = server.progress.filter((p) => p.token === 'scan-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    const begin = server.progress.find((p) => p.token === 'scan-1')!.value;
    assert.equal(begin.kind === 'begin' && begin.cancellable, true);
  });

  it('stops when the request is cancelled, and when the progress is cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`src/f${String(i).padStart(3, '0')}.ts`] = `export function f${i}(a: string) {\n  return eval(a);\n}\n`;
    const root = workspace(files);
    server = await startServer({ workspaceFolders: [root] });

    // 1. $/cancelRequest on the executeCommand request, once the first progress report arrived.
    server.trackProgress('scan-2');
    const source = new CancellationTokenSource();
    const request = server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, workDoneToken: 'scan-2' }, source.token);
    await server.waitFor('first progress report', () => server.progress.find((p) => p.token === 'scan-2' && p.value.kind === 'report'));
    source.cancel();
    const outcome: WorkspaceScanSummary | Error = await request.then(
      (value) => value as WorkspaceScanSummary,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    // The client may see the partial summary or a "request cancelled" error; either way the scan stopped early.
    if (!(outcome instanceof Error)) {
      assert.equal(outcome.cancelled, true);
      assert.ok(outcome.filesScanned < 400, `scanned ${outcome.filesScanned}`);
    }
    await server.waitFor('progress end', () => server.progress.find((p) => p.token === 'scan-2' && p.value.kind === 'end'));
    await server.waitFor('cancelled scan log', () => server.logs.find((l) => /workspace scan cancelled/.test(l.message)));

    // 2. No token from the client: the server creates one; the user cancels from the progress UI.
    const before = server.progress.length;
    const second = server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace });
    const report = await server.waitFor('server-created progress', () => server.progress.slice(before).find((p) => p.value.kind === 'report'));
    await server.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: report.token });
    const summary = (await second) as WorkspaceScanSummary;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.filesScanned < 400, `scanned ${summary.filesScanned}`);

    // 3. A new scan supersedes a running one; the new one scans everything.
    const superseded = server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace });
    const fullRequest = server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace });
    assert.equal(((await superseded) as WorkspaceScanSummary).cancelled, true);
    const full = (await fullRequest) as WorkspaceScanSummary;
    assert.equal(full.cancelled, false);
    assert.equal(full.filesScanned, 400);
    assert.equal(full.findings, 400);
  });
});
