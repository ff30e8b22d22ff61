/** Code actions over the protocol: quick-fix from `fix:`, suppression comments (JS and JSX), mark reviewed, fix-all, stale requests. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ExecuteCommandRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { AssistantEditNotification, FIX_ALL_KIND } from '../../src/protocol/messages';
import { assertHealthy, fileUri, startServer, type ServerHarness } from './harness';

/** Applies a code action's single versioned document edit to `text`, checking the version it was made for. */
function applyAction(text: string, version: number, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action "${action.title}" has no document edit`);
  assert.equal(change.textDocument.version, version, 'the edit is for the version the action was computed on');
  return TextDocument.applyEdits(TextDocument.create('x', 'typescript', version, text), change.edits);
}

function isAction(item: CodeAction | Command): item is CodeAction {
  return 'kind' in item || 'edit' in item || 'diagnostics' in item;
}

describe('language server: code actions', function () {
  this.timeout(20_000);
  let server: ServerHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-actions-'));

  afterEach(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  const actionsFor = async (uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> => {
    const first = diagnostics[0];
    const range = first ? first.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } });
    return (result ?? []).filter(isAction);
  };

  it('offers the rule fix (preferred when safe, marked as a suggestion otherwise) and a suppression comment with the line indentation', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'fix.ts'));
    const text = 'function f(a: string) {\n    insecureCall(a);\n\tweakHash(a);\n}\n';
    server.open(uri, text);
    const published = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 2);
    const safe = published.diagnostics.find((d) => d.code === 'lsp-safe-fix')!;
    const suggestion = published.diagnostics.find((d) => d.code === 'lsp-suggestion-fix')!;

    const safeActions = await actionsFor(uri, [safe]);
    assert.deepEqual(
      safeActions.map((a) => [a.title, a.kind, a.isPreferred === true]),
      [
        ['Fix: replace `insecureCall(a)` with `secureCall(a)`', 'quickfix', true],
        ['Suppress lsp-safe-fix on this line', 'quickfix', false],
      ],
    );
    assert.equal(applyAction(text, 1, safeActions[0]!), 'function f(a: string) {\n    secureCall(a);\n\tweakHash(a);\n}\n');
    const suppressed = applyAction(text, 1, safeActions[1]!);
    assert.equal(suppressed, 'function f(a: string) {\n    // vigil-ignore: lsp-safe-fix\n    insecureCall(a);\n\tweakHash(a);\n}\n');

    const suggestionActions = await actionsFor(uri, [suggestion]);
    assert.equal(suggestionActions[0]?.isPreferred, false);
    assert.match(suggestionActions[0]?.title ?? '', /^Suggested fix \(changes behaviour/);
    assert.equal(applyAction(text, 1, suggestionActions[1]!), 'function f(a: string) {\n    insecureCall(a);\n\t// vigil-ignore: lsp-suggestion-fix\n\tweakHash(a);\n}\n');

    // The suppression works: apply it as the editor would and the finding is gone.
    server.change(uri, 2, [{ text: suppressed }]);
    const after = await server.diagnosticsFor(uri, 2);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['lsp-suggestion-fix'],
    );
  });

  it('uses a JSX comment among JSX children and a line comment elsewhere', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'view.tsx'));
    const text = [
      'export function View({ html }: { html: string }) {',
      '  const top = renderRaw(html);',
      '  return (',
      '    <div title={top}>',
      '      {renderRaw(html)}',
      '    </div>',
      '  );',
      '}',
      '',
    ].join('\n');
    server.open(uri, text, 'typescriptreact');
    const published = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 2);
    const [code, jsx] = published.diagnostics as [Diagnostic, Diagnostic];
    const codeSuppress = (await actionsFor(uri, [code])).find((a) => a.title.startsWith('Suppress'))!;
    const jsxSuppress = (await actionsFor(uri, [jsx])).find((a) => a.title.startsWith('Suppress'))!;
    const codeFixed = applyAction(text, 1, codeSuppress);
    assert.ok(codeFixed.includes('  // vigil-ignore: lsp-render-raw\n  const top = renderRaw(html);'), codeFixed);
    const jsxFixed = applyAction(text, 1, jsxSuppress);
    assert.ok(jsxFixed.includes('      {/* vigil-ignore: lsp-render-raw */}\n      {renderRaw(html)}'), jsxFixed);
    // Both comments silence their finding.
    server.change(uri, 2, [{ text: applyAction(codeFixed, 1, { ...jsxSuppress, edit: shiftLines(jsxSuppress, 1) }) }]);
    const after = await server.diagnosticsFor(uri, 2);
    assert.deepEqual(after.diagnostics, []);
  });

  it('offers "mark reviewed" for a finding in an assistant region, running the command', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'reviewed.ts'));
    server.open(uri, 'eval(x);\n');
    await server.diagnosticsFor(uri, 1);
    await server.connection.sendNotification(AssistantEditNotification, { uri, version: 1, ranges: [{ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }], source: 'manual' });
    const marked = await server.waitFor('marked', () => server.published.find((p) => p.uri === uri && p.diagnostics[0]?.message.includes('assistant-written')));
    const review = (await actionsFor(uri, marked.diagnostics)).find((a) => a.command?.command === 'vigil.server.markRegionReviewed');
    assert.ok(review?.command);
    const count = server.published.length;
    const result: unknown = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: review.command.command, arguments: review.command.arguments });
    assert.equal(result, true);
    const after = await server.waitFor('unmarked', () => server.published.slice(count).find((p) => p.uri === uri));
    assert.equal(after.diagnostics[0]?.message, 'eval of x runs arbitrary code');
  });

  it('fix-all applies safe fixes only, through applyFixes, even before the debounced scan ran', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'fix-all.ts'));
    const text = 'insecureCall(a);\nweakHash(b);\ninsecureCall(c);\neval(d);\n';
    server.open(uri, text);
    await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 4);
    const [fixAll, ...rest] = await actionsFor(uri, [], [FIX_ALL_KIND]);
    assert.equal(rest.length, 0, 'only the fix-all action for a source.fixAll request');
    assert.ok(fixAll);
    assert.equal(fixAll.kind, FIX_ALL_KIND);
    assert.equal(applyAction(text, 1, fixAll), 'secureCall(a);\nweakHash(b);\nsecureCall(c);\neval(d);\n');
    // `source.fixAll` (as editor.codeActionsOnSave sends it) also selects it; no quick fixes come with it.
    assert.deepEqual(
      (await actionsFor(uri, [], ['source.fixAll'])).map((a) => a.kind),
      [FIX_ALL_KIND],
    );
    // On save right after typing: version 2 was not scanned yet (long debounce), fix-all scans it now.
    server.settings = { ...server.settings, debounceMs: 5000 };
    server.configurationChanged();
    const typed = 'insecureCall(e);\n';
    server.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: typed }]);
    const [fresh] = await actionsFor(uri, [], [FIX_ALL_KIND]);
    assert.ok(fresh);
    assert.equal(applyAction(text + typed, 2, fresh), 'secureCall(a);\nweakHash(b);\nsecureCall(c);\neval(d);\nsecureCall(e);\n');
  });

  it('returns no quick fix for a diagnostic from an older version', async () => {
    server = await startServer();
    const uri = fileUri(path.join(dir, 'stale.ts'));
    server.open(uri, 'insecureCall(a);\n');
    const first = await server.diagnosticsFor(uri, 1, (p) => p.diagnostics.length === 1);
    server.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await server.diagnosticsFor(uri, 2);
    assert.deepEqual(await actionsFor(uri, first.diagnostics), []);
  });
});

/** The action's edit with every line number moved down by `lines` (after inserting lines above it). */
function shiftLines(action: CodeAction, lines: number): CodeAction['edit'] {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  return {
    documentChanges: [
      {
        textDocument: change.textDocument,
        edits: change.edits.map((e) => ({
          ...e,
          range: { start: { ...e.range.start, line: e.range.start.line + lines }, end: { ...e.range.end, line: e.range.end.line + lines } },
        })),
      },
    ],
  };
}
