/** Test harness: spawns the real language server over stdio and drives it with a vscode-languageserver-protocol client connection. */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { ClientCommands } from '../../src/protocol/messages';

/** The repository root (tests run from out/server/test/lsp). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
/** The compiled server entry. */
export const serverMain = path.join(repoRoot, 'out', 'server', 'src', 'lsp', 'server.js');
/** The test rules (ids prefixed `lsp-`). */
export const testRulesDir = path.join(repoRoot, 'test-fixtures', 'lsp', 'rules');

/** Settings that make tests independent of the growing bundled pack: only the test rules, no debounce. */
export function testSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { debounceMs: 0, rules: { paths: [testRulesDir], bundled: false }, ...overrides };
}

/** One `$/progress` notification. */
export interface ProgressEvent {
  token: string | number;
  value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

/** Options of {@link startServer}. */
export interface StartOptions {
  /** The `vigil` settings section returned to `workspace/configuration` (mutable through the harness). */
  settings?: Record<string, unknown>;
  workspaceFolders?: string[];
  storageDir?: string;
  /** `initializationOptions.clientCommands` (default: the probe client command, as VS Code's client sends). */
  clientCommands?: string[];
}

/** A running server and what it sent. */
export interface ServerHarness {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** The settings answered to `workspace/configuration`; replace fields, then call {@link ServerHarness.configurationChanged}. */
  settings: Record<string, unknown>;
  published: PublishDiagnosticsParams[];
  messages: ShowMessageParams[];
  logs: LogMessageParams[];
  progress: ProgressEvent[];
  configurationRequests: number;
  stderr: string;
  /** Errors of the client connection (e.g. garbage on the server's stdout). */
  connectionErrors: unknown[];
  /** Resolves when `check()` returns a value, re-checked after every message from the server; rejects after `timeoutMs`. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The first diagnostics published for `uri` at `version` (or later, if `orLater`) that satisfy `predicate`. */
  diagnosticsFor(uri: string, version: number, predicate?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** The last diagnostics published for `uri`. */
  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  configurationChanged(): void;
  /** Records `$/progress` for `token` (server-created tokens are tracked automatically). */
  trackProgress(token: string | number): void;
  stop(): Promise<void>;
}

/** A `file:` URI for a path (need not exist). */
export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Starts the server and completes `initialize`/`initialized`. */
export async function startServer(options: StartOptions = {}): Promise<ServerHarness> {
  const child = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: (() => void)[] = [];
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const harness: ServerHarness = {
    connection,
    process: child,
    settings: options.settings ?? testSettings(),
    published: [],
    messages: [],
    logs: [],
    progress: [],
    configurationRequests: 0,
    stderr: '',
    connectionErrors: [],
    waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const attempt = (): void => {
          const value = check();
          if (value === undefined) return;
          cleanup();
          resolve(value);
        };
        const timer = setTimeout(() => {
          cleanup();
          const recent = harness.published.slice(-3).map((p) => `${p.uri}@${p.version}: ${p.diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`).join(', ')}`);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last published: ${recent.join(' | ')}; logs: ${harness.logs.slice(-5).map((l) => l.message).join(' | ')}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          const index = waiters.indexOf(attempt);
          if (index >= 0) waiters.splice(index, 1);
        };
        waiters.push(attempt);
        attempt();
      });
    },
    diagnosticsFor(uri, version, predicate = () => true) {
      return harness.waitFor(`diagnostics for ${uri} version ${version}`, () =>
        harness.published.find((p) => p.uri === uri && p.version === version && predicate(p)),
      );
    },
    lastDiagnostics(uri) {
      return harness.published.filter((p) => p.uri === uri).pop();
    },
    open(uri, text, languageId = 'typescript', version = 1) {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, changes) {
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    trackProgress(token) {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        harness.progress.push({ token, value });
        notify();
      });
    },
    configurationChanged() {
      void connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
    async stop() {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      try {
        await withTimeout(connection.sendRequest(ShutdownRequest.type), 2000);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // The server did not answer: it is killed below.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
  child.stderr.on('data', (chunk: Buffer) => (harness.stderr += chunk.toString()));
  connection.onError((error) => harness.connectionErrors.push(error));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    harness.published.push(params);
    notify();
  });
  connection.onNotification(ShowMessageNotification.type, (params) => {
    harness.messages.push(params);
    notify();
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    harness.logs.push(params);
    notify();
  });

  connection.onRequest(ConfigurationRequest.type, (params) => {
    harness.configurationRequests++;
    return params.items.map((item) => (item.section === 'vigil' ? harness.settings : null));
  });
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => harness.trackProgress(params.token));
  connection.listen();
  const folders = options.workspaceFolders ?? [];
  await withTimeout(
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true, showMessage: {} },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        },
      },
      // Like the VS Code client, the harness registers the probe client command unless a test says otherwise.
      initializationOptions: {
        ...(options.storageDir ? { storageDir: options.storageDir } : {}),
        clientCommands: options.clientCommands ?? [ClientCommands.probeFinding],
      },
    }),
    10_000,
  );
  await connection.sendNotification(InitializedNotification.type, {});
  return harness;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Asserts the server wrote nothing but LSP frames and is still alive. */
export function assertHealthy(harness: ServerHarness): void {
  assert.deepEqual(harness.connectionErrors, [], 'the client connection saw a malformed message');
  assert.equal(harness.process.exitCode, null, `the server exited; stderr: ${harness.stderr}`);
}

/** The 0-based position of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `"${needle}" not in text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
