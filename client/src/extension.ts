/**
 * Vigil's VS Code extension: thin by design. It starts the language server
 * (dist/server.js), reports assistant-written edits, and owns the commands,
 * the status bar and the code lenses. The rules and their evaluation live in
 * the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  AssistantEditNotification,
  ClientCommands,
  Commands,
  type AssistantEditParams,
  type AssistantRegionInfo,
  type InitializationOptions,
  type MarkReviewedArgs,
  type ReloadRulesResult,
  type WorkspaceScanSummary,
} from '../../server/src/protocol/messages';
import { AssistantEditTracker, TRACKED_LANGUAGES } from './assistant-edits';
import { readClientSettings, restrictForTrust, type ClientSettings } from './client-settings';
import { AssistantRegionsView, FindingsStatus, diagnosticData, isVigilDiagnostic, pickFinding, vigilFindings } from './findings-view';
import { registerProbeCommands } from './probe';

/** What `activate` returns: used by the integration tests (and usable by other extensions). */
export interface VigilApi {
  client: LanguageClient;
  tracker: AssistantEditTracker;
  status: FindingsStatus;
  /** Milliseconds spent in `activate` before the server was started, and until the server answered `initialize`. */
  timings: { activateMs: number; serverReadyMs: number };
  /** Resolves when the server is running. */
  ready: Promise<void>;
  /** The client's own log lines (also in the output channel), newest last, bounded: for tests and bug reports. */
  log: string[];
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): VigilApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Vigil');
  const log: string[] = [];
  const logLine = (line: string): void => {
    output.appendLine(line);
    log.push(line);
    if (log.length > 500) log.shift();
  };
  const settings = (): ClientSettings => readClientSettings((key) => vscode.workspace.getConfiguration('vigil').get(key));

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const storageUri = context.storageUri ?? context.globalStorageUri;
  const initializationOptions: InitializationOptions = { storageDir: storageUri.fsPath, clientCommands: [ClientCommands.probeFinding] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: TRACKED_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]).concat(SEMGREP_LANGUAGES.map((language) => ({ scheme: 'file', language }))),
    outputChannel: output,
    initializationOptions,
    middleware: {
      workspace: {
        // Settings the server pulls pass through the trust filter (rule folders and executables wait for trust).
        configuration: async (params, token, next) => {
          const result: unknown = await next(params, token);
          if (!Array.isArray(result)) return result as never;
          const values: unknown[] = result;
          return params.items.map((item, index): unknown => (item.section === 'vigil' ? restrictForTrust(values[index], vscode.workspace.isTrusted) : values[index]));
        },
      },
    },
  };
  const languageClient = new LanguageClient('vigil', 'Vigil', serverOptions, clientOptions);
  client = languageClient;

  const status = new FindingsStatus();
  const send = (params: AssistantEditParams): Promise<void> => languageClient.sendNotification(AssistantEditNotification, params);
  const tracker = new AssistantEditTracker(send, settings, logLine);
  const executeServer = <T>(command: string, args: unknown[] = [], token?: vscode.CancellationToken): Promise<T> =>
    languageClient.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token) as Promise<T>;
  const listRegions = (uri: string): Promise<AssistantRegionInfo[]> =>
    languageClient.state === State.Running ? executeServer<AssistantRegionInfo[] | null>(Commands.listAssistantRegions, [uri]).then((r) => r ?? []) : Promise.resolve([]);
  const regionsView = new AssistantRegionsView(listRegions, settings);
  context.subscriptions.push(output, status, tracker, regionsView, vscode.languages.registerCodeLensProvider(clientOptions.documentSelector ?? [], regionsView));

  // Pull-based settings: a change tells the server to ask again (through the trust filter).
  const settingsChanged = (): void => {
    if (languageClient.state === State.Running) void languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    regionsView.refreshSoon();
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('vigil') && settingsChanged()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => settingsChanged()),
  );

  const command = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  command('vigil.showOutput', () => output.show(true));
  command('vigil.scanFile', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return void vscode.window.showInformationMessage('Vigil: open a JavaScript or TypeScript file to scan it.');
    const count = await executeServer<number | null>(Commands.rescanFile, [editor.document.uri.toString()]);
    if (count === null) void vscode.window.showInformationMessage(`Vigil: ${vscode.workspace.asRelativePath(editor.document.uri)} is not a file Vigil scans.`);
    else void vscode.window.setStatusBarMessage(`Vigil: ${count} finding${count === 1 ? '' : 's'} in ${path.basename(editor.document.uri.fsPath)}`, 4000);
    return count;
  });
  command('vigil.scanWorkspace', () => scanWorkspace(languageClient, output));
  command('vigil.reloadRules', async () => {
    const result = await executeServer<ReloadRulesResult | null>(Commands.reloadRules);
    if (!result) return undefined;
    const message = `Vigil: ${result.rules} rules loaded${result.errors > 0 ? `, ${result.errors} with errors (see the output)` : ''}.`;
    if (result.errors > 0) void vscode.window.showWarningMessage(message, 'Show Output').then((choice) => choice && output.show(true));
    else void vscode.window.showInformationMessage(message);
    return result;
  });
  command('vigil.showAssistantFindings', () => pickFinding(vigilFindings(true), 'Vigil: findings in assistant-written code'));
  command('vigil.markSelectionAssistant', () => tracker.markSelection(vscode.window.activeTextEditor));
  command('vigil.clearAssistantMarks', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return 0;
    const regions = await listRegions(editor.document.uri.toString());
    let cleared = 0;
    for (const region of regions) {
      const args: MarkReviewedArgs = { uri: region.uri, version: editor.document.version, regionId: region.id };
      if ((await executeServer<boolean | null>(Commands.markRegionReviewed, [args])) === true) cleared++;
    }
    void vscode.window.setStatusBarMessage(`Vigil: cleared ${cleared} assistant mark${cleared === 1 ? '' : 's'}`, 4000);
    regionsView.refreshSoon();
    return cleared;
  });
  command('vigil.reviewRegion', async (uri: vscode.Uri, regionId: string) => {
    const entries = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => isVigilDiagnostic(d) && diagnosticData(d)?.regionId === regionId)
      .map((diagnostic) => ({ uri, diagnostic }));
    return pickFinding(entries, 'Vigil: findings in this assistant-written region');
  });
  command('vigil.markRegionReviewed', async (uri: vscode.Uri, regionId: string) => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) return false;
    const done = await executeServer<boolean | null>(Commands.markRegionReviewed, [{ uri: uri.toString(), version: document.version, regionId } satisfies MarkReviewedArgs]);
    regionsView.refreshSoon();
    return done === true;
  });
  registerProbeCommands(context, { client: languageClient, executeServer, output, settings });

  const activateMs = performance.now() - started;
  const timings = { activateMs, serverReadyMs: 0 };
  const ready = languageClient.start().then(
    () => {
      timings.serverReadyMs = performance.now() - started;
      output.appendLine(`Vigil: activated in ${activateMs.toFixed(0)} ms; server ready after ${timings.serverReadyMs.toFixed(0)} ms`);
      status.setState('ready');
      tracker.start();
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      output.appendLine(`Vigil: the language server did not start: ${message}`);
      status.setState('error', 'the language server did not start');
      void vscode.window.showErrorMessage(`Vigil: the language server did not start: ${message}`, 'Show Output').then((choice) => choice && output.show(true));
    },
  );
  return { client: languageClient, tracker, status, timings, ready, log };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Languages the server hands to semgrep (on open and save) when it is installed. */
const SEMGREP_LANGUAGES: readonly string[] = ['python', 'go', 'java', 'ruby', 'php', 'csharp', 'kotlin', 'rust', 'c', 'cpp', 'scala', 'swift'];

/** "Vigil: Scan Workspace": a progress notification fed by the server's `$/progress`, with cancel. */
async function scanWorkspace(languageClient: LanguageClient, output: vscode.OutputChannel): Promise<WorkspaceScanSummary | undefined> {
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Vigil: scanning the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `vigil-scan-${Date.now()}`;
      let last = 0;
      const listener = languageClient.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? last;
        progress.report({ message: value.message, increment: Math.max(0, percentage - last) });
        last = percentage;
      });
      try {
        return (await languageClient.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, arguments: [], workDoneToken }, token)) as WorkspaceScanSummary | null;
      } finally {
        listener.dispose();
      }
    },
  );
  if (!summary) return undefined;
  const text =
    `Vigil: ${summary.cancelled ? 'scan cancelled after' : 'scanned'} ${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'}: ` +
    `${summary.findings} finding${summary.findings === 1 ? '' : 's'} in ${summary.filesWithFindings} file${summary.filesWithFindings === 1 ? '' : 's'}` +
    (summary.filesSkipped > 0 ? `, ${summary.filesSkipped} skipped` : '') +
    (summary.errors > 0 ? `, ${summary.errors} errors (see the output)` : '') +
    ` in ${(summary.durationMs / 1000).toFixed(1)} s.`;
  output.appendLine(text);
  // Not awaited: the command resolves with the summary while the message stays up.
  void vscode.window.showInformationMessage(text, ...(summary.findings > 0 ? ['Show Problems'] : [])).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}
