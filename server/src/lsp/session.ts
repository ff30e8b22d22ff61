/** The language server's state and document lifecycle: documents, regions, settings, rules, scans; no LSP wiring here. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageType, type Diagnostic, type DidChangeTextDocumentParams, type DidOpenTextDocumentParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ASSISTANT_EDIT_SOURCES, type AssistantEditParams } from '../protocol/messages';
import { SETTINGS_SECTION, type Settings } from '../protocol/settings';
import { bundledRulesDir } from '../shared/package-paths';
import { AssistantRegions, mapRegion } from './assistant-regions';
import { DocumentScanner } from './document-scanner';
import { DocumentStore, type OpenDocument } from './documents';
import { ProbeOutcomes } from './probe-outcomes';
import { RegionPersistence } from './region-persistence';
import { RulesWatcher } from './rules-watcher';
import { ScanScheduler } from './scheduler';
import { SemgrepDocuments } from './semgrep-documents';
import { SettingsCache } from './settings-cache';

/** What the session needs from the connection (kept narrow so the session can be driven without one). */
export interface SessionHost {
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  log(message: string): void;
  error(message: string): void;
  showMessage(type: MessageType, message: string): void;
  /** Fetches the raw `vigil` section for a scope (absent when the client cannot answer `workspace/configuration`). */
  fetchSettings: ((scopeUri: string | undefined) => Promise<unknown>) | undefined;
}

/** Options fixed at `initialize`. */
export interface SessionOptions {
  workspaceFolders: string[];
  storageDir: string | undefined;
}

/** Assistant edits kept per document while waiting for the `didChange` of their version. */
const MAX_PENDING_ASSISTANT_EDITS = 20;

/** Region changes are saved this long after the last edit (hashing the text on every keystroke is wasted work). */
const PERSIST_DELAY_MS = 250;

/**
 * One server session.
 *
 * Why a class apart from the connection: every decision (what to scan, when,
 * which regions, which rules) lives here and in the modules it composes, and
 * connection.ts only binds requests to these methods.
 */
export class VigilSession {
  readonly documents = new DocumentStore();
  readonly regions = new AssistantRegions();
  readonly persistence: RegionPersistence;
  readonly settings: SettingsCache;
  readonly rules: RulesWatcher;
  readonly scanner: DocumentScanner;
  readonly scheduler: ScanScheduler;
  /** Documents in other languages (Python, Go, ...): semgrep on open and save. */
  readonly semgrep: SemgrepDocuments;
  readonly workspaceFolders: string[];
  /** Closed files a workspace scan published diagnostics for (so a later scan can clear them). */
  readonly workspacePublished = new Set<string>();
  /** Probe outcomes of open documents, applied to every publish of their diagnostics. */
  readonly probes = new ProbeOutcomes();
  /** Cancels the workspace scan in progress, if any (a new scan supersedes it). */
  cancelWorkspaceScan: (() => void) | undefined;
  private readyResolve: () => void = () => undefined;
  /** Resolves once the workspace settings were read and the rules loaded. */
  readonly ready: Promise<void>;
  private readonly pendingAssistantEdits = new Map<string, AssistantEditParams[]>();
  private readonly persistTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly host: SessionHost,
    options: SessionOptions,
  ) {
    this.workspaceFolders = options.workspaceFolders;
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
    this.persistence = new RegionPersistence(options.storageDir, (m) => host.error(m));
    this.settings = new SettingsCache(host.fetchSettings, (problem) => {
      host.log(`Vigil: setting ${problem.setting}: ${problem.message}`);
      host.showMessage(MessageType.Warning, `Vigil: ${problem.message}.`);
    });
    this.rules = new RulesWatcher(bundledRulesDir(), {
      showError: (message) => host.showMessage(MessageType.Error, message),
      log: (message) => host.log(message),
      onReload: () => this.rescanAll(),
    });
    this.scanner = new DocumentScanner({
      regions: this.regions,
      rules: this.rules,
      publish: (uri, version, diagnostics) => host.publish(uri, version, this.probes.decorate(uri, diagnostics)),
      log: (message) => host.error(message),
      scannedElsewhere: (document) => this.semgrep.handles(document),
    });
    this.scheduler = new ScanScheduler(
      (uri, version, isCurrent) => this.runScan(uri, version, isCurrent),
      (uri, error) => host.error(`Vigil: scan of ${uri} failed: ${describe(error)}`),
    );
    this.semgrep = new SemgrepDocuments({
      ready: this.ready,
      document: (uri) => this.documents.get(uri),
      foreignRules: () => this.rules.foreignRules,
      settings: (uri) => this.settings.get(uri),
      regions: this.regions,
      workspaceFolder: this.workspaceFolders[0],
      publish: (uri, version, diagnostics) => host.publish(uri, version, diagnostics),
      log: (message) => host.log(message),
      showMessage: (type, message) => host.showMessage(type, message),
    });
  }

  /** Reads the workspace settings and loads the rules (after `initialized`). */
  async start(): Promise<void> {
    try {
      await this.applyWorkspaceSettings();
    } finally {
      this.readyResolve();
    }
  }

  /** The settings for a document. */
  settingsFor(uri: string): Promise<Settings> {
    return this.settings.get(uri);
  }

  /** `vigil.rules.paths` resolved against the first workspace folder. */
  private async applyWorkspaceSettings(): Promise<void> {
    const settings = await this.settings.get(undefined);
    const base = this.workspaceFolders[0] ?? process.cwd();
    const paths = settings.rules.paths.map((p) => (path.isAbsolute(p) ? p : path.resolve(base, p)));
    this.rules.configure(paths, settings.rules.bundled);
  }

  // ---- document lifecycle ----------------------------------------------------

  /** `textDocument/didOpen`: restore persisted regions if the content is the same, scan at once. */
  open(params: DidOpenTextDocumentParams): void {
    const document = this.documents.open(params);
    const restored = this.persistence.restore(document.uri, document.text);
    this.regions.set(document.uri, restored);
    this.scheduler.schedule(document.uri, document.version, 0);
    if (!document.scannable) void this.semgrep.scan(document.uri);
  }

  /** `textDocument/didSave`: semgrep scans files in other languages on save (never on change: a process start is too slow per keystroke). */
  save(uri: string): void {
    const document = this.documents.get(uri);
    if (document && !document.scannable) void this.semgrep.scan(uri);
  }

  /** `textDocument/didChange`: map regions through each change, then scan after the debounce. */
  change(params: DidChangeTextDocumentParams): void {
    const uri = params.textDocument.uri;
    let regionsMoved = false;
    const document = this.documents.change(params, (edit) => {
      if (this.regions.applyEdit(uri, edit)) regionsMoved = true;
    });
    if (!document) return;
    if (regionsMoved) this.persistSoon(document);
    this.applyPendingAssistantEdits(document);
    const version = document.version;
    void this.settings.get(uri).then((settings) => {
      // A later change (or close) has its own schedule; do not let this one override it.
      if (this.documents.get(uri)?.version === version) this.scheduler.schedule(uri, version, settings.debounceMs);
    });
  }

  /** `textDocument/didClose`: persist regions, forget everything about the document, clear its diagnostics. */
  close(uri: string): void {
    const document = this.documents.close(uri);
    if (document) this.persistNow(document);
    this.regions.forget(uri);
    this.scheduler.cancel(uri);
    this.semgrep.close(uri);
    this.scanner.forget(uri);
    this.probes.forget(uri);
    this.settings.drop(uri);
    this.pendingAssistantEdits.delete(uri);
    this.host.publish(uri, undefined, []);
  }

  /** `vigil/assistantEdit`: mark the inserted ranges and scan now. */
  assistantEdit(params: AssistantEditParams): void {
    if (!isAssistantEditParams(params)) {
      this.host.error(`Vigil: ignored a malformed vigil/assistantEdit notification: ${describe(params)}`);
      return;
    }
    const document = this.documents.get(params.uri);
    if (!document) {
      this.host.log(`Vigil: vigil/assistantEdit for ${params.uri}, which is not open: ignored`);
      return;
    }
    if (params.version > document.version) {
      // The didChange that creates this version has not arrived yet: apply it when it does.
      const queue = this.pendingAssistantEdits.get(params.uri) ?? [];
      // Bounded: a client that announces versions it never sends must not grow this forever.
      if (queue.length >= MAX_PENDING_ASSISTANT_EDITS) queue.shift();
      queue.push(params);
      this.pendingAssistantEdits.set(params.uri, queue);
      return;
    }
    this.markAssistantRanges(document, params);
  }

  private applyPendingAssistantEdits(document: OpenDocument): void {
    const queue = this.pendingAssistantEdits.get(document.uri);
    if (!queue) return;
    const due = queue.filter((p) => p.version <= document.version);
    const rest = queue.filter((p) => p.version > document.version);
    if (rest.length > 0) this.pendingAssistantEdits.set(document.uri, rest);
    else this.pendingAssistantEdits.delete(document.uri);
    for (const params of due) this.markAssistantRanges(document, params);
  }

  private markAssistantRanges(document: OpenDocument, params: AssistantEditParams): void {
    const oldText = document.textOfVersion(params.version);
    const edits = document.editsSince(params.version);
    if (oldText === undefined || edits === undefined) {
      this.host.log(`Vigil: vigil/assistantEdit for ${params.uri} version ${params.version} is too old (now ${document.version}): ignored`);
      return;
    }
    const then = TextDocument.create(document.uri, document.doc.languageId, params.version, oldText);
    const spans: { start: number; end: number }[] = [];
    for (const range of params.ranges) {
      let span: { start: number; end: number } | undefined = { start: then.offsetAt(range.start), end: then.offsetAt(range.end) };
      for (const edit of edits) {
        if (!span) break;
        span = mapRegion(span, edit);
      }
      if (span && span.end > span.start) spans.push(span);
    }
    if (spans.length === 0) return;
    this.regions.add(document.uri, spans, params.source);
    this.persistSoon(document);
    this.scheduler.schedule(document.uri, document.version, 0);
  }

  /** Clears the assistant mark of one region (the findings stay) if the action is not stale. */
  markReviewed(uri: string, version: number, regionId: string): boolean {
    const document = this.documents.get(uri);
    if (!document || document.version !== version) return false;
    if (!this.regions.remove(uri, regionId)) return false;
    this.persistSoon(document);
    this.scheduler.schedule(uri, version, 0);
    return true;
  }

  // ---- configuration and rules -----------------------------------------------

  /** `workspace/didChangeConfiguration`: drop cached settings, re-read rule paths, rescan. */
  async configurationChanged(pushed: unknown): Promise<void> {
    const vigil = typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    this.settings.clear(vigil);
    await this.applyWorkspaceSettings();
    this.rescanAll();
  }

  /** `workspace/didChangeWatchedFiles`: reload rules when a rule file changed. */
  watchedFilesChanged(uris: readonly string[]): void {
    const files = uris.flatMap((uri) => {
      try {
        return [fileURLToPath(uri)];
      } catch {
        return [];
      }
    });
    if (files.some((file) => this.rules.isRuleFile(file))) this.rules.scheduleReload();
  }

  /** Scans every open document again soon (rules or settings changed). */
  rescanAll(): void {
    for (const document of this.documents.all()) this.scheduler.schedule(document.uri, document.version, 0);
  }

  /** Scans one open document now and returns the number of findings shown (undefined if not open). */
  async rescanNow(uri: string): Promise<number | undefined> {
    await this.ready;
    const document = this.documents.get(uri);
    if (!document) return undefined;
    this.scheduler.cancel(uri);
    if (this.semgrep.handles(document)) return this.semgrep.scan(uri);
    const settings = await this.settings.get(uri);
    return this.scanner.scanAndPublish(document, settings).findings.length;
  }

  private async runScan(uri: string, version: number, isCurrent: () => boolean): Promise<void> {
    await this.ready;
    const stale = (): boolean => !isCurrent() || this.documents.get(uri)?.version !== version;
    if (stale()) return;
    const settings = await this.settings.get(uri);
    if (stale()) return;
    const document = this.documents.get(uri);
    if (document) this.scanner.scanAndPublish(document, settings);
  }

  // ---- persistence ------------------------------------------------------------

  private persistSoon(document: OpenDocument): void {
    const uri = document.uri;
    const pending = this.persistTimers.get(uri);
    if (pending) clearTimeout(pending);
    this.persistTimers.set(
      uri,
      setTimeout(() => {
        this.persistTimers.delete(uri);
        const current = this.documents.get(uri);
        if (current) this.persistNow(current);
      }, PERSIST_DELAY_MS),
    );
  }

  private persistNow(document: OpenDocument): void {
    const pending = this.persistTimers.get(document.uri);
    if (pending) clearTimeout(pending);
    this.persistTimers.delete(document.uri);
    this.persistence.save(document.uri, document.text, this.regions.get(document.uri));
  }

  /** `shutdown`: save regions of open documents, stop timers and watchers. */
  shutdown(): void {
    for (const document of this.documents.all()) this.persistNow(document);
    this.persistence.flush();
    this.scheduler.dispose();
    this.semgrep.dispose();
    this.rules.dispose();
  }
}

/** A value for a log line. */
export function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Checks a notification payload from any client before trusting it. */
function isAssistantEditParams(value: unknown): value is AssistantEditParams {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const isPosition = (p: unknown): boolean =>
    typeof p === 'object' && p !== null && typeof (p as Record<string, unknown>)['line'] === 'number' && typeof (p as Record<string, unknown>)['character'] === 'number';
  return (
    typeof v['uri'] === 'string' &&
    typeof v['version'] === 'number' &&
    ASSISTANT_EDIT_SOURCES.some((s) => s === v['source']) &&
    Array.isArray(v['ranges']) &&
    (v['ranges'] as unknown[]).every((r) => typeof r === 'object' && r !== null && isPosition((r as Record<string, unknown>)['start']) && isPosition((r as Record<string, unknown>)['end']))
  );
}
