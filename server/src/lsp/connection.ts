/** Binds LSP requests and notifications to the session's handlers; every handler is guarded so a throw is logged and answered empty. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { AssistantEditNotification, Commands, FIX_ALL_KIND, type InitializationOptions } from '../protocol/messages';
import { SETTINGS_SECTION } from '../protocol/settings';
import { provideCodeActions } from './code-actions';
import { executeCommand, SERVER_COMMANDS, type Cancellation } from './commands';
import { describe, VigilSession } from './session';

/** The URI a request is about, for error messages. */
function uriOf(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '(no document)';
  const p = params as Record<string, unknown>;
  const doc = p['textDocument'];
  if (typeof doc === 'object' && doc !== null && typeof (doc as Record<string, unknown>)['uri'] === 'string') return (doc as Record<string, string>)['uri'] ?? '';
  return typeof p['uri'] === 'string' ? p['uri'] : typeof p['command'] === 'string' ? `command ${p['command']}` : '(no document)';
}

function folderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.flatMap((uri) => {
    try {
      return [fileURLToPath(uri)];
    } catch {
      return [];
    }
  });
}

function initializationOptions(value: unknown): InitializationOptions {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const storageDir = record['storageDir'];
  const clientCommands = record['clientCommands'];
  return {
    ...(typeof storageDir === 'string' && path.isAbsolute(storageDir) ? { storageDir } : {}),
    ...(Array.isArray(clientCommands) ? { clientCommands: clientCommands.filter((c): c is string => typeof c === 'string') } : {}),
  };
}

/**
 * Wires `connection` to a new session.
 *
 * Why every handler is wrapped: a bug in one feature (or a rule, or a strange
 * file) must cost one empty answer and a log line naming the request and the
 * document, never the server; the user keeps the rest of Vigil.
 */
export function bindConnection(connection: Connection): void {
  let session: VigilSession | undefined;
  let canRegisterConfiguration = false;
  /** Client commands the client said it registers (`initializationOptions.clientCommands`). */
  let clientCommands = new Set<string>();
  const log = (message: string): void => connection.console.log(message);
  const error = (message: string): void => connection.console.error(message);

  function guard<P, R>(name: string, fallback: R, handler: (s: VigilSession, params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P): Promise<R> => {
      if (!session) return fallback;
      try {
        return await handler(session, params);
      } catch (e) {
        error(`Vigil: ${name} failed for ${uriOf(params)}: ${describe(e)}`);
        return fallback;
      }
    };
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const canPull = capabilities.workspace?.configuration === true;
    canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const options = initializationOptions(params.initializationOptions);
    clientCommands = new Set(options.clientCommands ?? []);
    session = new VigilSession(
      {
        publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
        log,
        error,
        showMessage: (type, message) => void connection.sendNotification(ShowMessageNotification.type, { type, message }),
        fetchSettings: canPull ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }) as Promise<unknown> : undefined,
      },
      { workspaceFolders: folderPaths(params), storageDir: options.storageDir },
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      },
      serverInfo: { name: 'vigil' },
    };
  });

  connection.onInitialized(() => {
    if (!session) return;
    if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    session.start().catch((e: unknown) => error(`Vigil: startup failed: ${describe(e)}`));
  });

  /** A guarded notification handler: notifications have no answer, so the promise is only for the guard's catch. */
  function notification<P>(name: string, handler: (s: VigilSession, params: P) => void | Promise<void>): (params: P) => void {
    const guarded = guard(name, undefined, handler);
    return (params: P) => void guarded(params);
  }

  connection.onDidOpenTextDocument(notification('didOpen', (s, params) => s.open(params)));
  connection.onDidChangeTextDocument(notification('didChange', (s, params) => s.change(params)));
  connection.onDidCloseTextDocument(notification('didClose', (s, params) => s.close(params.textDocument.uri)));
  connection.onDidSaveTextDocument(notification('didSave', (s, params) => s.save(params.textDocument.uri)));
  connection.onNotification(AssistantEditNotification, notification('vigil/assistantEdit', (s, params) => s.assistantEdit(params)));
  connection.onDidChangeConfiguration(notification('didChangeConfiguration', (s, params) => s.configurationChanged(params.settings)));
  connection.onDidChangeWatchedFiles(notification('didChangeWatchedFiles', (s, params) => s.watchedFilesChanged(params.changes.map((c) => c.uri))));

  const codeActions = guard('codeAction', [] as CodeAction[], (s, params: Parameters<typeof provideCodeActions>[0]) =>
    provideCodeActions(params, {
      document: (uri) => s.documents.get(uri),
      record: (uri) => s.scanner.record(uri),
      settings: (uri) => s.settingsFor(uri),
      scanNow: (document, settings) => s.scanner.scanAndPublish(document, settings),
      probeOutcome: (uri, fingerprint) => s.probes.get(uri, fingerprint),
      supportsClientCommand: (command) => clientCommands.has(command),
    }),
  );
  connection.onCodeAction((params) => codeActions(params));

  // onRequest rather than onExecuteCommand: the library's wrapper removes `workDoneToken` from the params,
  // and whether the client sent one decides who creates the progress.
  connection.onRequest(ExecuteCommandRequest.type, async (params, token) => {
    let progress: WorkDoneProgressReporter | undefined;
    let progressToken: CancellationToken | undefined;
    if (params.workDoneToken !== undefined) {
      progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    } else if (session && (params.command === Commands.scanWorkspace || params.command === Commands.probeFindings)) {
      try {
        // No token from the client: ask for one, so the work still shows progress with a cancel button.
        const created = await connection.window.createWorkDoneProgress();
        progress = created;
        progressToken = created.token;
      } catch {
        progress = undefined; // the client does not support server-initiated progress
      }
    }
    const cancel: Cancellation = {
      get isCancellationRequested() {
        return token.isCancellationRequested || progressToken?.isCancellationRequested === true;
      },
      onCancellationRequested(listener) {
        const subscriptions = [token.onCancellationRequested(listener), progressToken?.onCancellationRequested(listener)];
        return { dispose: () => subscriptions.forEach((s) => s?.dispose()) };
      },
    };
    return guard<typeof params, unknown>('executeCommand', null, (s, p) => executeCommand(s, p, cancel, progress))(params);
  });

  connection.onShutdown(() => {
    try {
      session?.shutdown();
    } catch (e) {
      error(`Vigil: shutdown: ${describe(e)}`);
    }
  });
}
