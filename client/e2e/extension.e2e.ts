/**
 * Integration tests in code-server's real extension host (VS Code 1.100.3):
 * the real extension, the real language server, real documents and commands.
 * Run by scripts/e2e/run-integration.mjs on a copy of test-fixtures/e2e-workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VigilApi } from '../src/extension';
import { Commands, type AssistantRegionInfo, type ProbeFindingsResult } from '../../server/src/protocol/messages';

const EXTENSION_ID = 'vigil.vigil';

let api: VigilApi;
const root = (): vscode.Uri => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the e2e workspace open');
  return folder.uri;
};
const file = (relative: string): vscode.Uri => vscode.Uri.joinPath(root(), relative);

/** Polls until `probe` returns a value that is not undefined/false, or fails with `what`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const vigilDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vigil');
const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function regions(uri: vscode.Uri): Promise<AssistantRegionInfo[]> {
  const answer: unknown = await api.client.sendRequest('workspace/executeCommand', { command: Commands.listAssistantRegions, arguments: [uri.toString()] });
  return Array.isArray(answer) ? (answer as AssistantRegionInfo[]) : [];
}

async function openEditor(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(file(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Code actions for a range, retried while the workbench answers "Canceled" or nothing (the built-in TS support may still be starting). */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  let last = 'nothing';
  try {
    return await waitFor('code actions', async () => {
      try {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', uri, range);
        last = JSON.stringify(actions?.map((a) => ({ title: a.title, kind: a.kind?.value, diagnostics: a.diagnostics?.map((d) => d.source) })));
        return actions && actions.some(isVigilAction) ? actions : undefined;
      } catch (error) {
        last = String(error);
        return undefined;
      }
    }, 45_000);
  } catch (error) {
    throw new Error(`${String(error)}; last answer: ${last}`, { cause: error });
  }
}

/** Vigil's code actions name the finding they act on (its diagnostic, or its rule id in the title). */
const isVigilAction = (a: vscode.CodeAction): boolean => a.diagnostics?.some((d) => d.source === 'Vigil') === true || /Suppress [a-z0-9-]+ on this line/.test(a.title);

const SQL_HANDLER = [
  "router.get('/search', async (req, res) => {",
  '  const name = req.query.name;',
  "  const rows = await db.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");",
  '  res.json(rows);',
  '});',
  '',
].join('\n');

suite();

function suite(): void {
  before(async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<VigilApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed in the development host`);
    // Opening a JS file activates the extension (onLanguage), not `*`.
    await openEditor('src/client.js');
    api = await waitFor('activation', () => (extension.isActive ? extension.exports : undefined), 60_000);
    await api.ready;
    console.log(`    activation ${api.timings.activateMs.toFixed(0)} ms, server ready ${api.timings.serverReadyMs.toFixed(0)} ms`);
  });

  describe('Vigil in a real VS Code (code-server 1.100)', () => {
    afterEach(function () {
      if (this.currentTest?.state === 'failed') console.log(`      client log:\n${api.log.slice(-30).map((l) => `        ${l}`).join('\n')}`);
    });

    it('contributes its commands under the Vigil category and registers every one', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const id of ['vigil.scanFile', 'vigil.scanWorkspace', 'vigil.showAssistantFindings', 'vigil.markSelectionAssistant', 'vigil.clearAssistantMarks', 'vigil.reloadRules', 'vigil.probeFindings', 'vigil.showOutput', 'vigil.inlineSuggest.commit']) {
        assert.ok(registered.has(id), `${id} is registered`);
      }
    });

    it('shows diagnostics for a vulnerable file as soon as it opens', async () => {
      const uri = file('src/client.js');
      const diagnostic = await waitFor('the TLS finding', () => vigilDiagnostics(uri).find((d) => codeOf(d) === 'tls-reject-unauthorized-false'));
      assert.equal(diagnostic.range.start.line, 5);
      assert.match(diagnostic.message, /rejectUnauthorized/);
      assert.ok(!diagnostic.message.includes('assistant-written'), 'code nobody marked is not flagged as assistant-written');
    });

    it('applies the quick-fix from `fix:`: the text is right and the diagnostic disappears', async () => {
      const editor = await openEditor('src/client.js');
      const uri = editor.document.uri;
      const diagnostic = await waitFor('the TLS finding', () => vigilDiagnostics(uri).find((d) => codeOf(d) === 'tls-reject-unauthorized-false'));
      const actions = await codeActions(uri, diagnostic.range);
      const fix = actions.find((a) => a.kind?.value.startsWith('quickfix') === true && a.edit !== undefined && /^(Fix|Suggested fix)\b/.test(a.title) && /true/.test(a.title));
      assert.ok(fix?.edit, `a Vigil fix is offered (got: ${actions.map((a) => a.title).join(' | ')})`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(editor.document.lineAt(5).text, /rejectUnauthorized: true/);
      await waitFor('the diagnostic to disappear', () => !vigilDiagnostics(uri).some((d) => codeOf(d) === 'tls-reject-unauthorized-false'));
      await editor.document.save();
    });

    it('marks an accepted inline suggestion (through the wrapped Tab command) and flags its findings', async () => {
      const editor = await openEditor('src/routes.js');
      const document = editor.document;
      const line = document.getText().split('\n').findIndex((l) => l.startsWith('module.exports'));
      await editor.edit((b) => b.insert(new vscode.Position(line, 0), '\n'));
      const at = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(at, at);
      const provider = vscode.languages.registerInlineCompletionItemProvider(
        { pattern: '**/routes.js' },
        { provideInlineCompletionItems: (_doc, position) => (position.line === at.line ? [new vscode.InlineCompletionItem(SQL_HANDLER, new vscode.Range(position, position))] : []) },
      );
      try {
        const before = api.tracker.sent.length;
        const sent = await waitFor(
          'the inline suggestion to be accepted and reported',
          async () => {
            await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
            await new Promise((r) => setTimeout(r, 300));
            await vscode.commands.executeCommand('vigil.inlineSuggest.commit');
            return api.tracker.sent.slice(before).find((s) => s.source === 'inline-completion' && s.uri === document.uri.toString());
          },
          30_000,
        );
        assert.ok(document.getText().includes("WHERE name = '\" + name"), 'the suggestion was inserted');
        assert.equal(sent.ranges[0]?.start.line, at.line);
        assert.ok((sent.ranges[0]?.end.line ?? 0) >= at.line + 4, 'the whole multi-line suggestion is one range');
        const region = await waitFor('the region on the server', async () => (await regions(document.uri)).find((r) => r.source === 'inline-completion'));
        assert.equal(region.range.start.line, at.line);
        const flagged = await waitFor('a flagged finding in the region', () =>
          vigilDiagnostics(document.uri).find((d) => d.message.includes('(in assistant-written code)') && d.range.start.line >= at.line && d.range.start.line <= at.line + 4),
        );
        assert.equal(flagged.severity, vscode.DiagnosticSeverity.Error, 'findings in assistant code are raised to errors');
      } finally {
        provider.dispose();
      }
    });

    it('marks a large single edit (chat apply / another extension) and not typing, undo, formatting, rename or paste', async () => {
      const editor = await openEditor('src/token.ts');
      const document = editor.document;
      const before = api.tracker.sent.length;
      // Typing, character by character, through the real `type` command.
      editor.selection = new vscode.Selection(document.lineCount - 1, 0, document.lineCount - 1, 0);
      for (const ch of '\nconst x = 1;\n') await vscode.commands.executeCommand('type', { text: ch });
      // Deleting three lines and undoing it (undo of a deletion re-inserts them).
      await editor.edit((b) => b.delete(new vscode.Range(5, 0, 8, 0)));
      await vscode.commands.executeCommand('undo');
      // Formatting the document.
      await vscode.commands.executeCommand('editor.action.formatDocument');
      // Renaming a function with the TypeScript rename provider (one event, every occurrence).
      const renameAt = document.positionAt(document.getText().indexOf('greeting'));
      const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', document.uri, renameAt, 'welcomeMessageForTheSignedInUser');
      assert.ok(rename, 'the TypeScript rename provider answered');
      assert.ok(await vscode.workspace.applyEdit(rename));
      assert.ok(document.getText().includes('welcomeMessageForTheSignedInUser'));
      // Pasting a block the size of an assistant's (the browser page was granted clipboard access).
      const pasted = ['', 'export function pastedHelper(a: number): number {', '  const doubled = a * 2;', '  return doubled + 1;', '}', ''].join('\n');
      let pasteRan = false;
      try {
        await vscode.env.clipboard.writeText(pasted);
        if ((await vscode.env.clipboard.readText()) === pasted) {
          editor.selection = new vscode.Selection(document.lineCount - 1, 0, document.lineCount - 1, 0);
          await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
          pasteRan = document.getText().includes('pastedHelper');
        }
      } catch {
        pasteRan = false;
      }
      assert.ok(pasteRan, 'the paste went through the real clipboard (the runner grants the page clipboard access)');
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(
        api.tracker.sent.slice(before).map((s) => s.source),
        [],
        'typing, undo, formatting, rename and paste are not assistant edits',
      );
      // A chat "apply": one edit inserting a block of code.
      const block = ['', 'export function resetToken(): string {', '  const token = Math.random().toString(36);', '  return token;', '}', ''].join('\n');
      await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), block));
      const sent = await waitFor('the chat-apply report', () => api.tracker.sent.slice(before).find((s) => s.source === 'chat-apply'));
      const insertedAt = document.getText().split('\n').findIndex((l) => l.startsWith('export function resetToken'));
      assert.ok(sent.ranges.some((r) => r.start.line <= insertedAt && r.end.line >= insertedAt + 2));
      await waitFor('a flagged Math.random finding in the new function', () =>
        vigilDiagnostics(document.uri).find((d) => d.message.includes('(in assistant-written code)') && d.range.start.line === insertedAt + 1),
      );
      await document.save();
    });

    it('does not mark what a whole-document formatter writes on save (format on save, Prettier-style)', async () => {
      const editor = await openEditor('src/server.js');
      const document = editor.document;
      // A formatter that rewrites the whole document and changes more than whitespace (here: appends a comment line per statement).
      const formatter = vscode.languages.registerDocumentFormattingEditProvider(
        { pattern: '**/src/server.js' },
        {
          provideDocumentFormattingEdits: (doc) => [
            vscode.TextEdit.replace(new vscode.Range(0, 0, doc.lineCount, 0), doc.getText().replace(/;\n/g, '; // formatted\n')),
          ],
        },
      );
      const config = vscode.workspace.getConfiguration('editor', document);
      await config.update('formatOnSave', true, vscode.ConfigurationTarget.Workspace);
      await config.update('defaultFormatter', EXTENSION_ID, vscode.ConfigurationTarget.Workspace);
      try {
        const before = api.tracker.sent.length;
        await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// touched\n'));
        await document.save();
        await waitFor('the formatter to run on save', () => document.getText().includes('// formatted'), 10_000);
        await new Promise((r) => setTimeout(r, 1500));
        assert.deepEqual(api.tracker.sent.slice(before).map((s) => s.source), [], 'format on save is not an assistant edit');
      } finally {
        formatter.dispose();
        await config.update('formatOnSave', undefined, vscode.ConfigurationTarget.Workspace);
        await config.update('defaultFormatter', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('marks a file an agent writes on disk, and only the lines it added', async () => {
      const target = file('src/agent-written.js');
      fs.writeFileSync(target.fsPath, ["const { exec } = require('child_process');", '', 'function run(req) {', '  exec("ls " + req.query.dir);', '}', 'module.exports = { run };', ''].join('\n'));
      const created = await waitFor('the agent-file-write report for a new file', () => api.tracker.sent.find((s) => s.source === 'agent-file-write' && s.uri === target.toString()), 30_000);
      assert.equal(created.ranges[0]?.start.line, 0);
      await waitFor('a finding on the agent-written file', () => vigilDiagnostics(target).find((d) => d.message.includes('(in assistant-written code)')));

      // An existing file that is not open: only the appended function counts.
      const db = file('src/db.js');
      const old = fs.readFileSync(db.fsPath, 'utf8');
      const oldLines = old.split('\n').length - 1;
      fs.writeFileSync(db.fsPath, `${old}\nmodule.exports.raw = (name) => module.exports.query("SELECT * FROM t WHERE n = '" + name + "'");\n`);
      const appended = await waitFor('the report for the appended lines', () => api.tracker.sent.find((s) => s.source === 'agent-file-write' && s.uri === db.toString()), 30_000);
      assert.ok(appended.ranges.every((r) => r.start.line >= oldLines - 1), `only the new lines are marked (got ${JSON.stringify(appended.ranges)})`);
    });

    it('"Mark Selection as Assistant-Written" and "Clear Assistant Marks" round-trip through the server', async () => {
      const editor = await openEditor('src/server.js');
      editor.selection = new vscode.Selection(4, 0, 6, 0);
      assert.equal(await vscode.commands.executeCommand('vigil.markSelectionAssistant'), 1);
      await waitFor('the manual region', async () => (await regions(editor.document.uri)).find((r) => r.source === 'manual'));
      const cleared = await vscode.commands.executeCommand<number>('vigil.clearAssistantMarks');
      assert.ok(cleared >= 1);
      assert.deepEqual(await regions(editor.document.uri), []);
    });

    it('the status bar counts findings in assistant code', async () => {
      await waitFor('the status bar to count assistant findings', () => api.status.counts().assistant > 0 && /in AI code/.test(api.status.text));
      const { assistant, all } = api.status.counts();
      assert.ok(all >= assistant && assistant > 0);
    });

    it('with vigil.scope = assistant, findings outside assistant code are hidden', async () => {
      const editor = await openEditor('src/token.ts');
      const uri = editor.document.uri;
      const outside = (): vscode.Diagnostic | undefined => vigilDiagnostics(uri).find((d) => !d.message.includes('(in assistant-written code)'));
      await waitFor('a finding outside assistant code (newSessionId)', outside);
      await vscode.workspace.getConfiguration('vigil').update('scope', 'assistant', vscode.ConfigurationTarget.Workspace);
      try {
        await waitFor('the outside finding to be hidden', () => outside() === undefined && vigilDiagnostics(uri).length > 0);
      } finally {
        await vscode.workspace.getConfiguration('vigil').update('scope', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitFor('the outside finding to come back', outside);
    });

    it('"Probe Findings Against Dev Server" confirms a SQL injection on the running app and shows the evidence', async function () {
      this.timeout(120_000);
      const appModule = path.join(root().fsPath, 'vulnerable-app', 'app.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const app = require(appModule) as { start(port?: number): Promise<number>; stop(): Promise<void> };
      const port = await app.start(0);
      const config = vscode.workspace.getConfiguration('vigil');
      // Machine-scoped: only the user (global) level may name the dev server.
      await config.update('dast.baseUrl', `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
      try {
        const editor = await openEditor('vulnerable-app/routes/sql.js');
        const uri = editor.document.uri;
        await waitFor('findings on the SQL routes', () => vigilDiagnostics(uri).length > 0);
        const result = await vscode.commands.executeCommand<ProbeFindingsResult | undefined>('vigil.probeFindings', uri);
        assert.ok(result, 'the command returns the probe result');
        assert.equal(result.error, undefined, result.error);
        const confirmed = result.results.filter((r) => r.status === 'confirmed');
        assert.ok(confirmed.length >= 1, `confirmed: ${JSON.stringify(result.results.map((r) => [r.route, r.status]))}`);
        assert.ok(!confirmed.some((r) => /fixed/.test(r.route ?? '')), 'no fixed twin is confirmed');
        assert.ok(result.requests <= result.results.length * 12, `${result.requests} requests stay within the per-finding bound`);
        const shown = await waitFor('a diagnostic marked confirmed by probe', () => vigilDiagnostics(uri).find((d) => d.message.endsWith('confirmed by probe')));
        assert.equal(shown.severity, vscode.DiagnosticSeverity.Error);
        assert.ok(shown.relatedInformation?.some((r) => r.message.startsWith('Probe request: GET ')), 'the evidence is attached');
      } finally {
        await config.update('dast.baseUrl', undefined, vscode.ConfigurationTarget.Global);
        await app.stop();
      }
    });

    it('"Scan Workspace" scans the files on disk and reports a summary', async () => {
      const summary = await vscode.commands.executeCommand<{ filesScanned: number; findings: number; cancelled: boolean }>('vigil.scanWorkspace');
      assert.ok(summary, 'a summary is returned');
      assert.ok(summary.filesScanned >= 5, `scanned ${summary.filesScanned} files`);
      assert.ok(summary.findings >= 2);
      assert.equal(summary.cancelled, false);
      assert.ok(fs.existsSync(path.join(root().fsPath, 'src', 'agent-written.js')));
    });
  });
}
