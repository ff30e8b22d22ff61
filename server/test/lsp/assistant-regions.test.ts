/** Assistant-written regions: mapping through edits (unit), and over the protocol: marking, scope, following edits, review, persistence. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { mapRegion } from '../../src/lsp/assistant-regions';
import { AssistantEditNotification, Commands, type AssistantRegionInfo } from '../../src/protocol/messages';
import { assertHealthy, fileUri, positionOf, startServer, testSettings, type ServerHarness } from './harness';

describe('assistant regions: mapRegion', () => {
  const region = { start: 10, end: 20 };
  it('shifts on an edit before, including an insertion at its start', () => {
    assert.deepEqual(mapRegion(region, { start: 0, end: 2, newLength: 5 }), { start: 13, end: 23 });
    assert.deepEqual(mapRegion(region, { start: 10, end: 10, newLength: 4 }), { start: 14, end: 24 });
  });
  it('is unchanged by an edit after, including an insertion at its end', () => {
    assert.equal(mapRegion(region, { start: 20, end: 20, newLength: 3 }), region);
    assert.equal(mapRegion(region, { start: 25, end: 30, newLength: 0 }), region);
  });
  it('grows and shrinks with an edit inside', () => {
    assert.deepEqual(mapRegion(region, { start: 12, end: 12, newLength: 5 }), { start: 10, end: 25 });
    assert.deepEqual(mapRegion(region, { start: 12, end: 18, newLength: 1 }), { start: 10, end: 15 });
  });
  it('is removed when the whole region is deleted or replaced', () => {
    assert.equal(mapRegion(region, { start: 10, end: 20, newLength: 0 }), undefined);
    assert.equal(mapRegion(region, { start: 5, end: 25, newLength: 30 }), undefined);
  });
  it('is trimmed by an edit over one end', () => {
    assert.deepEqual(mapRegion(region, { start: 5, end: 12, newLength: 1 }), { start: 6, end: 14 });
    assert.deepEqual(mapRegion(region, { start: 15, end: 25, newLength: 2 }), { start: 10, end: 15 });
  });
});

describe('language server: assistant regions', function () {
  this.timeout(20_000);
  let server: ServerHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-regions-'));

  afterEach(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  const listRegions = async (uri: string): Promise<AssistantRegionInfo[]> =>
    (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.listAssistantRegions, arguments: [uri] })) as AssistantRegionInfo[];

  it('marks findings in an assistant insertion, raises their severity, and follows the region through edits before, inside and after it', async () => {
    // A debounce longer than the wait below: only an immediate scan of the assistant insertion can pass.
    server = await startServer({ settings: testSettings({ debounceMs: 10_000 }) });
    const uri = fileUri(path.join(dir, 'marked.ts'));
    const base = 'eval(mine);\n';
    server.open(uri, base);
    await server.diagnosticsFor(uri, 1);
    // The assistant inserts two lines at the end.
    const inserted = 'eval(theirs);\nconst z = 1;\n';
    server.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: inserted }]);
    await server.connection.sendNotification(AssistantEditNotification, {
      uri,
      version: 2,
      ranges: [{ start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }],
      source: 'inline-completion',
    });
    const marked = await server.waitFor('immediate scan of version 2', () => server.published.find((p) => p.uri === uri && p.version === 2), 5000);
    const [mine, theirs] = marked.diagnostics;
    assert.ok(mine && theirs);
    assert.equal(mine.message, 'eval of mine runs arbitrary code');
    assert.equal(mine.severity, DiagnosticSeverity.Warning);
    assert.equal(theirs.message, 'eval of theirs runs arbitrary code (in assistant-written code)');
    assert.equal(theirs.severity, DiagnosticSeverity.Error, 'raised one level');
    let regions = await listRegions(uri);
    assert.deepEqual(
      regions.map((r) => [r.range, r.source, r.findings]),
      [[{ start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, 'inline-completion', 1]],
    );

    // Before: two lines inserted at the top shift the region down.
    server.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a\n// b\n' }]);
    regions = await listRegions(uri);
    assert.deepEqual(regions[0]?.range, { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } });
    // Inside: a line typed inside grows it.
    server.change(uri, 4, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'eval(more);\n' }]);
    regions = await listRegions(uri);
    assert.deepEqual(regions[0]?.range, { start: { line: 3, character: 0 }, end: { line: 6, character: 0 } });
    // After: typing after the region leaves it alone.
    server.change(uri, 5, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'eval(after);\n' }]);
    regions = await listRegions(uri);
    assert.deepEqual(regions[0]?.range, { start: { line: 3, character: 0 }, end: { line: 6, character: 0 } });
    // Wait out the debounce is not needed: rescan now and check which findings are marked.
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.rescanFile, arguments: [uri] });
    const now = await server.diagnosticsFor(uri, 5);
    assert.deepEqual(
      now.diagnostics.map((d) => [d.range.start.line, d.message.endsWith('(in assistant-written code)')]),
      [
        [2, false],
        [3, true],
        [4, true],
        [6, false],
      ],
    );
    // Deleting the whole region removes it.
    server.change(uri, 6, [{ range: { start: { line: 3, character: 0 }, end: { line: 6, character: 0 } }, text: '' }]);
    assert.deepEqual(await listRegions(uri), []);
  });

  it('scans at once when the notification comes before its didChange, despite a long debounce', async () => {
    server = await startServer({ settings: testSettings({ debounceMs: 10_000 }) });
    const uri = fileUri(path.join(dir, 'early.ts'));
    server.open(uri, 'const a = 1;\n');
    await server.diagnosticsFor(uri, 1);
    await server.connection.sendNotification(AssistantEditNotification, {
      uri,
      version: 2,
      ranges: [{ start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }],
      source: 'agent-file-write',
    });
    server.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'eval(a);\n' }]);
    const published = await server.waitFor('immediate scan of version 2', () => server.published.find((p) => p.uri === uri && p.version === 2), 5000);
    assert.deepEqual(
      published.diagnostics.map((d) => d.message),
      ['eval of a runs arbitrary code (in assistant-written code)'],
    );
  });

  it('with vigil.scope = assistant shows only findings in assistant-written code', async () => {
    server = await startServer({ settings: testSettings({ scope: 'assistant' }) });
    const uri = fileUri(path.join(dir, 'scope.ts'));
    const text = 'eval(mine);\neval(theirs);\n';
    server.open(uri, text);
    const before = await server.diagnosticsFor(uri, 1);
    assert.deepEqual(before.diagnostics, []);
    await server.connection.sendNotification(AssistantEditNotification, {
      uri,
      version: 1,
      ranges: [{ start: positionOf(text, 'eval(theirs)'), end: { line: 2, character: 0 } }],
      source: 'chat-apply',
    });
    const after = await server.waitFor('the assistant finding', () => server.published.find((p) => p.uri === uri && p.diagnostics.length > 0));
    assert.deepEqual(
      after.diagnostics.map((d) => d.message),
      ['eval of theirs runs arbitrary code (in assistant-written code)'],
    );
  });

  it('maps a notification for an older version through the edits made since, and holds one for a newer version', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'late.ts'));
    server.open(uri, 'eval(a);\n');
    await server.diagnosticsFor(uri, 1);
    server.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'eval(b);\n' }]);
    server.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }]);
    // The notification names version 2 (line 1), which is line 3 now.
    await server.connection.sendNotification(AssistantEditNotification, {
      uri,
      version: 2,
      ranges: [{ start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }],
      source: 'agent-file-write',
    });
    const regions = await listRegions(uri);
    assert.deepEqual(regions[0]?.range, { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } });
    // A notification that arrives before the didChange of its version waits for it.
    await server.connection.sendNotification(AssistantEditNotification, {
      uri,
      version: 4,
      ranges: [{ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }],
      source: 'hook',
    });
    assert.equal((await listRegions(uri)).length, 1);
    server.change(uri, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'eval(c);\n' }]);
    assert.deepEqual(
      (await listRegions(uri)).map((r) => [r.range.start.line, r.range.end.line, r.source]),
      [
        [0, 1, 'hook'],
        [4, 5, 'agent-file-write'],
      ],
    );
  });

  it('"mark reviewed" clears the mark and keeps the finding; a stale one does nothing', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'review.ts'));
    server.open(uri, 'eval(x);\n');
    await server.diagnosticsFor(uri, 1);
    await server.connection.sendNotification(AssistantEditNotification, { uri, version: 1, ranges: [{ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }], source: 'hook' });
    await server.waitFor('marked', () => server.published.find((p) => p.uri === uri && p.diagnostics[0]?.message.includes('assistant-written')));
    const [region] = await listRegions(uri);
    assert.ok(region);
    const stale: unknown = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.markRegionReviewed, arguments: [{ uri, version: 0, regionId: region.id }] });
    assert.equal(stale, false);
    assert.equal((await listRegions(uri)).length, 1);
    const count = server.published.length;
    const done: unknown = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.markRegionReviewed, arguments: [{ uri, version: 1, regionId: region.id }] });
    assert.equal(done, true);
    const after = await server.waitFor('rescan after review', () => server.published.slice(count).find((p) => p.uri === uri));
    assert.deepEqual(
      after.diagnostics.map((d) => [d.message, d.severity]),
      [['eval of x runs arbitrary code', DiagnosticSeverity.Warning]],
    );
    assert.deepEqual(await listRegions(uri), []);
  });

  it('persists regions in the client-named folder and restores them when the file reopens unchanged', async () => {
    const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-storage-'));
    const uri = fileUri(path.join(dir, 'persist.ts'));
    const text = 'const a = 1;\neval(a);\n';
    server = await startServer({ storageDir });
    server.open(uri, text);
    await server.diagnosticsFor(uri, 1);
    await server.connection.sendNotification(AssistantEditNotification, { uri, version: 1, ranges: [{ start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }], source: 'chat-apply' });
    await server.waitFor('marked', () => server.published.find((p) => p.uri === uri && p.diagnostics[0]?.message.includes('assistant-written')));
    server.close(uri);
    await server.stop();
    assert.ok(fs.existsSync(path.join(storageDir, 'assistant-regions.json')), 'written to the storage folder');
    assert.ok(!fs.existsSync(path.join(dir, 'assistant-regions.json')), 'nothing written beside the code');

    // A new server: same content → restored; changed content → not.
    server = await startServer({ storageDir });
    server.open(uri, text);
    const restored = await server.diagnosticsFor(uri, 1);
    assert.equal(restored.diagnostics[0]?.message, 'eval of a runs arbitrary code (in assistant-written code)');
    server.close(uri);
    const other = fileUri(path.join(dir, 'persist-changed.ts'));
    server.open(other, text);
    const plain = await server.diagnosticsFor(other, 1);
    assert.equal(plain.diagnostics[0]?.message, 'eval of a runs arbitrary code');
    server.open(uri, `${text}// edited elsewhere\n`, 'typescript', 7);
    const changed = await server.diagnosticsFor(uri, 7);
    assert.equal(changed.diagnostics[0]?.message, 'eval of a runs arbitrary code');
  });
});
