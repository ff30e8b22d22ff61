/**
 * "Vigil: Probe Findings Against Dev Server" and the per-finding quick-fix
 * entry: the VS Code side of DAST. The server sends the probes (loopback only,
 * bounded, logged); this file asks the user which dev server, once, and
 * whether other methods than GET/HEAD may be used, and shows the outcome.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageclient/node';
import {
  ClientCommands,
  Commands,
  type DetectDevServerResult,
  type ProbeFindingArgs,
  type ProbeFindingsArgs,
  type ProbeFindingsResult,
} from '../../server/src/protocol/messages';
import type { ClientSettings } from './client-settings';

export interface ProbeDeps {
  client: LanguageClient;
  executeServer: <T>(command: string, args?: unknown[], token?: vscode.CancellationToken) => Promise<T>;
  output: vscode.OutputChannel;
  settings: () => ClientSettings;
}

/** Workspace-state keys: the base URL the user confirmed, and their answer about unsafe methods. */
const CONFIRMED_BASE_URL = 'vigil.dast.confirmedBaseUrl';
const UNSAFE_METHODS_ANSWER = 'vigil.dast.unsafeMethodsAnswer';

export function registerProbeCommands(context: vscode.ExtensionContext, deps: ProbeDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('vigil.probeFindings', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return void vscode.window.showInformationMessage('Vigil: open a file with findings on an HTTP handler to probe them.');
      return probe(context, deps, { uri: target.toString() });
    }),
    vscode.commands.registerCommand(ClientCommands.probeFinding, (args: ProbeFindingArgs) => probe(context, deps, { uri: args.uri, fingerprints: [args.fingerprint] })),
  );
}

/** Runs one probe request with progress and cancel; returns the server's result (also shown to the user). */
async function probe(context: vscode.ExtensionContext, deps: ProbeDeps, what: { uri: string; fingerprints?: string[] }): Promise<ProbeFindingsResult | undefined> {
  const baseUrl = await chooseBaseUrl(context, deps);
  if (!baseUrl) return undefined;
  const allowUnsafeMethods = await unsafeMethodsAllowed(context, deps);
  const args: ProbeFindingsArgs = {
    uri: what.uri,
    ...(what.fingerprints ? { fingerprints: what.fingerprints } : {}),
    baseUrl,
    allowUnsafeMethods,
    maxRequestsPerFinding: deps.settings().dast.maxRequestsPerFinding,
  };
  deps.output.appendLine(`Vigil: probing ${what.fingerprints ? 'one finding' : 'the findings'} of ${vscode.workspace.asRelativePath(vscode.Uri.parse(what.uri))} against ${baseUrl}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Vigil: probing ${baseUrl}`, cancellable: true },
    async (progress, token) => {
      const workDoneToken = `vigil-probe-${Date.now()}`;
      const listener = deps.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
      });
      try {
        return (await deps.client.sendRequest(ExecuteCommandRequest.type, { command: Commands.probeFindings, arguments: [args], workDoneToken }, token)) as ProbeFindingsResult | null;
      } finally {
        listener.dispose();
      }
    },
  );
  if (!result) return undefined;
  showOutcome(result, deps);
  return result;
}

function showOutcome(result: ProbeFindingsResult, deps: ProbeDeps): void {
  if (result.error) {
    deps.output.appendLine(`Vigil: probe run failed: ${result.error}`);
    void vscode.window.showErrorMessage(`Vigil: ${result.error}`, 'Show Output').then((c) => c && deps.output.show(true));
    return;
  }
  for (const r of result.results) {
    deps.output.appendLine(`Vigil: ${r.ruleId}${r.route ? ` (${r.route})` : ''}: ${r.status}: ${r.summary}`);
    if (r.evidence) deps.output.appendLine(`    request:  ${r.evidence.request}\n    response: ${r.evidence.response}`);
  }
  const confirmed = result.results.filter((r) => r.status === 'confirmed').length;
  const notConfirmed = result.results.filter((r) => r.status === 'not-confirmed').length;
  const other = result.results.length - confirmed - notConfirmed;
  const text =
    `Vigil: ${confirmed} confirmed by probe, ${notConfirmed} not confirmed (not proof of safety)` +
    (other > 0 ? `, ${other} not probed` : '') +
    `; ${result.requests} request${result.requests === 1 ? '' : 's'} sent${result.cancelled ? ' (cancelled)' : ''}.`;
  const show = confirmed > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, 'Show Output').then((c) => c && deps.output.show(true));
}

/**
 * The base URL: the `vigil.dast.baseUrl` setting, else the one the user
 * confirmed earlier in this workspace, else detected (dev scripts, common
 * ports that answer on loopback) and confirmed by the user once.
 */
async function chooseBaseUrl(context: vscode.ExtensionContext, deps: ProbeDeps): Promise<string | undefined> {
  const configured = deps.settings().dast.baseUrl;
  if (configured) return configured;
  const remembered = context.workspaceState.get<string>(CONFIRMED_BASE_URL);
  if (remembered) return remembered;
  let detected: DetectDevServerResult | null = null;
  try {
    detected = await deps.executeServer<DetectDevServerResult | null>(Commands.detectDevServer, []);
  } catch (error) {
    deps.output.appendLine(`Vigil: dev server detection failed: ${String(error)}`);
  }
  const items: (vscode.QuickPickItem & { url?: string })[] = (detected?.candidates ?? []).map((c) => ({ label: c.baseUrl, description: c.source, url: c.baseUrl }));
  items.push({ label: '$(edit) Enter another loopback URL…' });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Vigil: which dev server should the probes go to? (loopback addresses only)',
    placeHolder: items.length > 1 ? 'Detected dev servers' : 'No dev server answered on the usual ports: start it, or enter its URL',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const url =
    picked.url ??
    (await vscode.window.showInputBox({
      title: 'Vigil: dev server base URL',
      prompt: 'Probes are sent only to 127.0.0.0/8, ::1 or localhost.',
      value: 'http://127.0.0.1:3000',
      ignoreFocusOut: true,
      validateInput: (value) => (/^https?:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?(\/.*)?$/i.test(value.trim()) ? undefined : 'Enter a loopback URL such as http://127.0.0.1:3000'),
    }));
  if (!url) return undefined;
  await context.workspaceState.update(CONFIRMED_BASE_URL, url.trim());
  return url.trim();
}

/** GET and HEAD only, unless the setting allows more; the first time it would matter, the user is asked (and the answer kept for the workspace). */
async function unsafeMethodsAllowed(context: vscode.ExtensionContext, deps: ProbeDeps): Promise<boolean> {
  if (!deps.settings().dast.allowUnsafeMethods) return false;
  const answer = context.workspaceState.get<boolean>(UNSAFE_METHODS_ANSWER);
  if (answer !== undefined) return answer;
  const choice = await vscode.window.showWarningMessage(
    'Vigil: vigil.dast.allowUnsafeMethods lets probes use POST, PUT, PATCH and DELETE against your dev server. Payloads are never destructive, but handlers may still write. Allow for this workspace?',
    { modal: true },
    'Allow',
    'GET and HEAD only',
  );
  const allowed = choice === 'Allow';
  if (choice) await context.workspaceState.update(UNSAFE_METHODS_ANSWER, allowed);
  return allowed;
}
