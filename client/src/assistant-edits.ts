/**
 * Sees what only the editor can see and tells the server which text an
 * assistant wrote (`vigil/assistantEdit`): accepted inline suggestions, chat
 * "apply" and other extensions' edits, files agents write on disk, and the
 * user's own "Mark Selection as Assistant-Written". The decisions themselves
 * are in `detect/` (pure, unit-tested on recorded events); this file only
 * wires VS Code's events to them.
 */
import * as vscode from 'vscode';
import type { AssistantEditParams, AssistantEditSource } from '../../server/src/protocol/messages';
import type { ClientSettings } from './client-settings';
import { classifyChange, DEFAULT_DISK_WRITE_OPTIONS, DiskWriteTracker, insertedRanges, type EditContext, type RecordedChangeEvent, type Rng } from './detect';

/** The JS/TS languages the engine scans in-process (the only ones whose edits are tracked). */
export const TRACKED_LANGUAGES: readonly string[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

/** File extensions of those languages, for the disk watcher. */
export const TRACKED_GLOB = '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';

/** The inline-suggestion accept commands the extension wraps (each is bound to the same key as VS Code's). */
export const INLINE_ACCEPT_COMMANDS: Readonly<Record<string, string>> = {
  'vigil.inlineSuggest.commit': 'editor.action.inlineSuggest.commit',
  'vigil.inlineSuggest.acceptNextWord': 'editor.action.inlineSuggest.acceptNextWord',
  'vigil.inlineSuggest.acceptNextLine': 'editor.action.inlineSuggest.acceptNextLine',
};

/** URI schemes of VS Code's chat editing session documents: while one is open for a file, the chat owns its edits. */
const CHAT_EDITING_SCHEMES = new Set(['chat-editing-text-model', 'chat-editing-snapshot-text-model']);

/** A report as sent, kept for the "Show Output" log and for tests. */
export interface SentAssistantEdit extends AssistantEditParams {
  at: number;
}

export class AssistantEditTracker implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly inlineCommits = new Set<string>();
  private readonly disk: DiskWriteTracker;
  private flushTimer: NodeJS.Timeout | undefined;
  /** Every report sent this session (bounded), newest last. */
  readonly sent: SentAssistantEdit[] = [];
  private readonly onDidSendEmitter = new vscode.EventEmitter<SentAssistantEdit>();
  readonly onDidSend = this.onDidSendEmitter.event;

  constructor(
    private readonly send: (params: AssistantEditParams) => Promise<void>,
    private settings: () => ClientSettings,
    private readonly log: (line: string) => void,
  ) {
    this.disk = new DiskWriteTracker({
      batchWindowMs: 1500,
      maxFilesPerBatch: settings().detection.maxFilesPerBatch,
      gitQuietMs: 3000,
      now: () => Date.now(),
    });
    this.disposables.push(this.onDidSendEmitter);
  }

  /** Subscribes to the editor's events and registers the wrapped accept commands. */
  start(): void {
    for (const [ours, original] of Object.entries(INLINE_ACCEPT_COMMANDS)) {
      this.disposables.push(vscode.commands.registerCommand(ours, () => this.acceptInline(original)));
    }
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidOpenTextDocument((document) => this.onOpen(document)),
      // What was saved is what is on disk now: an agent's later write is compared with it.
      vscode.workspace.onDidSaveTextDocument((document) => this.isTracked(document) && this.disk.setBaseline(document.uri.toString(), document.getText())),
      vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)),
    );
    for (const document of vscode.workspace.textDocuments) this.onOpen(document);
    if (this.settings().detection.diskWrites) this.watchDisk();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---- inline suggestions -------------------------------------------------

  /**
   * Runs VS Code's own accept command with a snapshot before and after, so the
   * inserted range is exact; nothing changes for the user (same key, same
   * command, same result). Exported as a command so tests and other keymaps
   * can call it.
   */
  async acceptInline(original: string): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      await vscode.commands.executeCommand(original);
      return;
    }
    const document = editor.document;
    const key = document.uri.toString();
    const before = document.getText();
    this.inlineCommits.add(key);
    try {
      await vscode.commands.executeCommand(original);
    } finally {
      this.inlineCommits.delete(key);
    }
    if (!this.isTracked(document) || !this.settings().detection.enabled) return;
    const ranges = insertedRanges(before, document.getText());
    if (ranges.length > 0) await this.report(document, document.version, ranges, 'inline-completion');
  }

  // ---- change events (chat apply, other extensions) -----------------------

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (event.contentChanges.length === 0 || !this.isTracked(document)) return;
    const settings = this.settings().detection;
    if (!settings.enabled) return;
    const key = document.uri.toString();
    const version = document.version;
    const reason = event.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : event.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    // Undo/redo never count, and a wrapped inline commit reports itself: no need to copy the document for them.
    if (reason || this.inlineCommits.has(key)) return;

    const context: EditContext = {
      chatSessionActive: this.chatOwns(document.uri),
      inlineCommitInProgress: false,
      isActiveEditorDocument: vscode.window.activeTextEditor?.document === document && vscode.window.state.focused,
    };
    // Cheap size check first: typing must not cost a copy of the document per keystroke.
    if (!context.chatSessionActive && context.isActiveEditorDocument && !looksLarge(event.contentChanges, settings)) return;
    if (process.env['VIGIL_TRACE_EDITS']) this.log(`Vigil: trace: ${JSON.stringify({ uri: key, version, context, changes: event.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text.slice(0, 80) })) })}`);
    const recorded: RecordedChangeEvent = {
      uri: key,
      version,
      changes: event.contentChanges.map((c) => ({
        range: { start: { line: c.range.start.line, character: c.range.start.character }, end: { line: c.range.end.line, character: c.range.end.character } },
        rangeOffset: c.rangeOffset,
        rangeLength: c.rangeLength,
        text: c.text,
      })),
    };
    const textAfter = document.getText();
    const thresholds = { minLines: settings.minLines, minChars: settings.minChars };
    const first = classifyChange(recorded, textAfter, context, thresholds);
    if (!first.assistant) {
      if (first.reason !== 'small') this.log(`Vigil: an edit in ${vscode.workspace.asRelativePath(document.uri)} (version ${version}) is not assistant-written: ${first.reason}`);
      return;
    }
    // Only now read the clipboard (async): an insertion equal to it is a paste.
    void readClipboard().then(
      async (clipboard: string | undefined) => {
        try {
          const verdict = clipboard === undefined ? first : classifyChange(recorded, textAfter, { ...context, clipboard }, thresholds);
          // A clean document whose last change is this one was reloaded from disk (an agent wrote the file: the
          // disk watcher reports it with the exact hunks) or saved right after the change (format on save, even a
          // formatter that rewrites the whole document). isDirty is only settled after the change event.
          if (verdict.assistant) await waitUntil(() => document.isDirty || document.version !== version, 300);
          if (verdict.assistant && !document.isDirty && document.version === version) {
            this.log(`Vigil: ${vscode.workspace.asRelativePath(document.uri)} is clean after the change (version ${version}): reloaded from disk or formatted on save, not counted here`);
            return;
          }
          if (verdict.assistant) await this.report(document, version, verdict.ranges, verdict.source);
          else this.log(`Vigil: an edit in ${vscode.workspace.asRelativePath(document.uri)} (version ${version}) is not assistant-written: ${verdict.reason}`);
        } catch (error) {
          this.log(`Vigil: could not report an assistant edit in ${document.uri.toString()}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      },
      (error: unknown) => this.log(`Vigil: ${String(error)}`),
    );
  }

  /** Whether a chat editing session currently shows this document (VS Code has no API for it; its tabs reveal it). */
  private chatOwns(uri: vscode.Uri): boolean {
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input: unknown = tab.input;
        if (input instanceof vscode.TabInputTextDiff) {
          if (CHAT_EDITING_SCHEMES.has(input.original.scheme) && input.modified.toString() === uri.toString()) return true;
        }
      }
    }
    return false;
  }

  // ---- files written on disk ---------------------------------------------

  private watchDisk(): void {
    const files = vscode.workspace.createFileSystemWatcher(TRACKED_GLOB);
    const git = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,index,ORIG_HEAD,FETCH_HEAD,MERGE_HEAD,refs/**}');
    const onDisk = (created: boolean) => (uri: vscode.Uri) => void this.onDiskChange(uri, created);
    const onGit = (): void => {
      this.disk.gitChanged(Date.now());
      this.scheduleFlush();
    };
    this.disposables.push(files, git, files.onDidChange(onDisk(false)), files.onDidCreate(onDisk(true)), git.onDidChange(onGit), git.onDidCreate(onGit), git.onDidDelete(onGit));
    // Baselines for files not open: what an agent's later write is compared with. Bounded by the tracker's byte budget.
    const timer = setTimeout(() => void this.readBaselines(), 1500);
    this.disposables.push({ dispose: () => clearTimeout(timer) });
  }

  private async readBaselines(): Promise<void> {
    try {
      const uris = await vscode.workspace.findFiles(TRACKED_GLOB, '{**/node_modules/**,**/dist/**,**/out/**,**/.git/**}', 5000);
      for (const uri of uris) {
        const key = uri.toString();
        if (this.disk.hasBaseline(key)) continue;
        const text = await readSmallFile(uri);
        if (text !== undefined && !this.disk.hasBaseline(key)) this.disk.setBaseline(key, text);
      }
    } catch (error) {
      this.log(`Vigil: could not read baselines for agent-write detection: ${String(error)}`);
    }
  }

  private async onDiskChange(uri: vscode.Uri, created: boolean): Promise<void> {
    if (!this.settings().detection.enabled || uri.path.includes('/node_modules/')) return;
    const text = await readSmallFile(uri);
    if (text === undefined) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      // VS Code reloads a clean open document from disk by itself; wait for it, and skip a document with unsaved edits
      // (the editor asks the user which version to keep; nothing was inserted into what they see).
      const reloaded = await waitUntil(() => !open.isDirty && open.getText() === text, 3000);
      if (!reloaded) return;
    }
    this.log(`Vigil: ${vscode.workspace.asRelativePath(uri)} ${created ? 'created' : 'changed'} on disk`);
    this.disk.fileChanged(uri.toString(), text, Date.now(), { created, dirty: false });
    this.scheduleFlush();
  }

  /** Flushes when the earliest queued write has settled (the tracker waits out batches and git operations). */
  private scheduleFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    const at = this.disk.nextFlushAt();
    if (at === undefined) return;
    this.flushTimer = setTimeout(() => void this.flush(), Math.max(0, at - Date.now()) + 50);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const reports = this.disk.flush(Date.now());
    this.scheduleFlush();
    for (const report of reports) {
      try {
        const uri = vscode.Uri.parse(report.uri);
        // Opening (without showing) makes the server scan it and shows its findings in Problems.
        const document = await vscode.workspace.openTextDocument(uri);
        if (!this.isTracked(document)) continue;
        await this.report(document, document.version, report.ranges, 'agent-file-write');
      } catch (error) {
        this.log(`Vigil: could not report the agent's write to ${report.uri}: ${String(error)}`);
      }
    }
  }

  // ---- documents ------------------------------------------------------------

  private onOpen(document: vscode.TextDocument): void {
    if (this.isTracked(document) && document.uri.scheme === 'file' && !document.isDirty) this.disk.setBaseline(document.uri.toString(), document.getText());
  }

  private onClose(document: vscode.TextDocument): void {
    // The baseline stays (bounded by the tracker): the file on disk is what the document last showed.
    if (document.isDirty) this.disk.forget(document.uri.toString());
  }

  private isTracked(document: vscode.TextDocument): boolean {
    return TRACKED_LANGUAGES.includes(document.languageId) && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled' || document.uri.scheme === 'vscode-remote');
  }

  // ---- manual marks and reporting --------------------------------------------

  /** "Vigil: Mark Selection as Assistant-Written". */
  async markSelection(editor: vscode.TextEditor | undefined): Promise<number> {
    if (!editor) {
      void vscode.window.showInformationMessage('Vigil: open a file and select the code to mark.');
      return 0;
    }
    const ranges = editor.selections.filter((s) => !s.isEmpty).map((s) => toRng(s));
    if (ranges.length === 0) {
      void vscode.window.showInformationMessage('Vigil: select the code an assistant wrote, then run this command again.');
      return 0;
    }
    await this.report(editor.document, editor.document.version, ranges, 'manual');
    return ranges.length;
  }

  async report(document: vscode.TextDocument, version: number, ranges: Rng[], source: AssistantEditSource): Promise<void> {
    const params: AssistantEditParams = { uri: document.uri.toString(), version, ranges, source };
    const entry: SentAssistantEdit = { ...params, at: Date.now() };
    this.sent.push(entry);
    if (this.sent.length > 200) this.sent.shift();
    const lines = ranges.map((r) => `${r.start.line + 1}-${r.end.line + 1}`).join(', ');
    this.log(`Vigil: ${source} in ${vscode.workspace.asRelativePath(document.uri)} lines ${lines} (version ${version})`);
    await this.send(params);
    this.onDidSendEmitter.fire(entry);
  }
}

/** Whether any change in the event could pass the size thresholds (before copying the document's text). */
function looksLarge(changes: readonly vscode.TextDocumentContentChangeEvent[], settings: { minLines: number; minChars: number }): boolean {
  let chars = 0;
  let lines = 0;
  for (const change of changes) {
    chars += change.text.length;
    for (let i = change.text.indexOf('\n'); i >= 0; i = change.text.indexOf('\n', i + 1)) lines++;
  }
  return lines + 1 >= settings.minLines || chars >= settings.minChars;
}

function toRng(range: vscode.Range): Rng {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}


/**
 * The clipboard's text, or undefined when it cannot be read within 500 ms.
 *
 * Why the timeout: in a browser (code-server, vscode.dev) reading the
 * clipboard needs a permission the page may never get, and the promise then
 * never settles; an assistant edit must still be reported.
 */
async function readClipboard(): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(undefined), 500);
  });
  try {
    return await Promise.race([vscode.env.clipboard.readText().then((t) => t, () => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every 50 ms until it holds (true) or `timeoutMs` passes (false). */
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

async function readSmallFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > DEFAULT_DISK_WRITE_OPTIONS.maxFileBytes || (stat.type & vscode.FileType.File) === 0) return undefined;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
