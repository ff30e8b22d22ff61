/** `workspace/executeCommand` handlers: scan the workspace (with progress and cancel), rescan a file, reload rules, list and review assistant regions, probe findings. */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, ExecuteCommandParams, WorkDoneProgressReporter } from 'vscode-languageserver';
import {
  Commands,
  type AssistantRegionInfo,
  type MarkReviewedArgs,
  type ReloadRulesResult,
  type WorkspaceScanSummary,
} from '../protocol/messages';
import { toDiagnostic } from './diagnostics';
import { runDetectDevServer, runProbeFindings } from './probe';
import type { VigilSession } from './session';
import { scanFileFromDisk, scanInChildProcess, type FileResult, type ScanProcessFile } from './scan-process';
import { workspaceFiles } from './workspace-files';

/** The commands the server advertises in `executeCommandProvider`. */
export const SERVER_COMMANDS: readonly string[] = Object.values(Commands);

/** Progress is reported at most this often (a report per file would flood the client). */
const PROGRESS_INTERVAL_MS = 50;

/** Cancellation from either the request (`$/cancelRequest`) or the progress UI (`window/workDoneProgress/cancel`). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  /** Calls `listener` when cancellation is requested (for work that must stop at once rather than at its next check). */
  onCancellationRequested?(listener: () => void): { dispose(): void };
}

/**
 * Runs one command. Unknown commands and bad arguments give null (and a log
 * line), never an exception: the client may be newer or older than the server.
 */
export async function executeCommand(
  session: VigilSession,
  params: ExecuteCommandParams,
  cancel: Cancellation,
  progress: WorkDoneProgressReporter | undefined,
): Promise<unknown> {
  const args: unknown[] = params.arguments ?? [];
  switch (params.command) {
    case Commands.scanWorkspace: {
      // One workspace scan at a time: a new request supersedes the running one (which answers `cancelled`).
      session.cancelWorkspaceScan?.();
      let superseded = false;
      const cancelThis = (): void => {
        superseded = true;
      };
      session.cancelWorkspaceScan = cancelThis;
      try {
        return await scanWorkspace(session, { get isCancellationRequested() { return superseded || cancel.isCancellationRequested; } }, progress);
      } finally {
        if (session.cancelWorkspaceScan === cancelThis) session.cancelWorkspaceScan = undefined;
      }
    }
    case Commands.rescanFile: {
      const uri = args[0];
      return typeof uri === 'string' ? ((await session.rescanNow(uri)) ?? null) : badArguments(session, params);
    }
    case Commands.reloadRules: {
      await session.ready;
      const result: ReloadRulesResult = session.rules.reload();
      return result;
    }
    case Commands.listAssistantRegions: {
      const uri = args[0];
      return listAssistantRegions(session, typeof uri === 'string' ? uri : undefined);
    }
    case Commands.markRegionReviewed: {
      const a = args[0];
      if (!isMarkReviewedArgs(a)) return badArguments(session, params);
      return session.markReviewed(a.uri, a.version, a.regionId);
    }
    case Commands.probeFindings:
      return runProbeFindings(session, args[0], cancel, progress);
    case Commands.detectDevServer:
      return runDetectDevServer(session, args[0]);
    default:
      session.host.error(`Vigil: unknown command ${params.command}`);
      return null;
  }
}

function badArguments(session: VigilSession, params: ExecuteCommandParams): null {
  session.host.error(`Vigil: command ${params.command} called with bad arguments: ${JSON.stringify(params.arguments ?? [])}`);
  return null;
}

function isMarkReviewedArgs(value: unknown): value is MarkReviewedArgs {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['uri'] === 'string' && typeof v['version'] === 'number' && typeof v['regionId'] === 'string';
}

/**
 * The assistant regions of one open document, or of all, each with the number
 * of findings of the last scan that lie in it.
 */
export function listAssistantRegions(session: VigilSession, uri: string | undefined): AssistantRegionInfo[] {
  const documents = uri ? [session.documents.get(uri)].filter((d) => d !== undefined) : session.documents.all();
  const out: AssistantRegionInfo[] = [];
  for (const document of documents) {
    const record = session.scanner.record(document.uri);
    const current = record && record.version === document.version ? record : undefined;
    for (const region of session.regions.get(document.uri)) {
      out.push({
        uri: document.uri,
        id: region.id,
        range: { start: document.doc.positionAt(region.start), end: document.doc.positionAt(region.end) },
        source: region.source,
        findings: current ? current.findings.filter((f) => f.regionId === region.id).length : 0,
      });
    }
  }
  return out;
}

/**
 * Scans every JS/TS file of every workspace folder and publishes diagnostics
 * for files that are not open (open ones are kept current by the live scan).
 *
 * Why a child process: the scan must not block typing, and the memory a big
 * scan churns through is given back when the child exits. Files are listed
 * first so progress has a percentage; cancellation is checked between files.
 * If the child cannot run (an unusual embedding), the scan runs on this
 * thread, yielding to the event loop after each file.
 */
export async function scanWorkspace(session: VigilSession, cancel: Cancellation, progress: WorkDoneProgressReporter | undefined): Promise<WorkspaceScanSummary> {
  await session.ready;
  const started = Date.now();
  const summary: WorkspaceScanSummary = { filesScanned: 0, filesSkipped: 0, findings: 0, byRule: {}, filesWithFindings: 0, errors: 0, cancelled: false, durationMs: 0 };
  progress?.begin('Vigil: scanning the workspace', 0, 'listing files', true);
  const files: ScanProcessFile[] = [];
  let listingCut = false;
  for (const folder of session.workspaceFolders) {
    const settings = await session.settingsFor(pathToFileURL(folder).href);
    const limits = { maxSizeBytes: settings.files.maxSizeBytes, skipMinified: settings.files.skipMinified };
    for await (const file of workspaceFiles(folder, settings.files.exclude)) {
      if (cancel.isCancellationRequested) {
        listingCut = true;
        break;
      }
      files.push({ path: file, uri: pathToFileURL(file).href, limits });
    }
  }
  let done = 0;
  let lastReport = 0;
  const reportProgress = (): void => {
    const now = Date.now();
    if (!progress || now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    progress.report(Math.floor((done / Math.max(1, files.length)) * 100), `${done}/${files.length} files`);
  };
  reportProgress();
  // Open documents: the live scan owns their diagnostics; count what it shows.
  const closed: ScanProcessFile[] = [];
  for (const file of files) {
    const open = session.documents.get(file.uri);
    if (!open) {
      closed.push(file);
      continue;
    }
    done++;
    const record = session.scanner.record(file.uri);
    if (record?.skipped) summary.filesSkipped++;
    else summary.filesScanned++;
    if (record) countFindings(summary, record.findings.map((f) => f.finding.ruleId));
  }
  const handled = new Set<string>();
  const onResult = (result: FileResult): void => {
    handled.add(result.uri);
    done++;
    recordResult(session, result, summary);
    reportProgress();
  };
  const entry = require.main?.filename;
  let ranHere = entry === undefined;
  if (entry !== undefined && closed.length > 0 && !cancel.isCancellationRequested) {
    try {
      const outcome = await scanInChildProcess({ entry, files: closed, rulePaths: session.rules.paths, isCancelled: () => cancel.isCancellationRequested, onResult });
      summary.cancelled = outcome.cancelled;
      summary.scanProcessPeakRssMb = Math.round(outcome.peakRssMb);
    } catch (error) {
      session.host.error(`Vigil: the scan process failed (${error instanceof Error ? error.message : String(error)}); scanning the rest on the server thread`);
      ranHere = true;
    }
  }
  if (ranHere) {
    for (const file of closed) {
      if (handled.has(file.uri)) continue;
      if (cancel.isCancellationRequested) break;
      onResult(scanFileFromDisk(file, session.rules.rules));
      // A turn of the event loop: lets edits, requests and the cancellation through.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (cancel.isCancellationRequested && (listingCut || done < files.length)) summary.cancelled = true;
  summary.durationMs = Date.now() - started;
  progress?.done();
  session.host.log(
    `Vigil: workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.filesScanned} files scanned, ${summary.filesSkipped} skipped, ${summary.findings} findings in ${summary.durationMs} ms`,
  );
  return summary;
}

/** Counts one file's result and publishes its diagnostics (clearing those of an earlier workspace scan if it is clean now). */
function recordResult(session: VigilSession, result: FileResult, summary: WorkspaceScanSummary): void {
  if (result.readError !== undefined) session.host.log(`Vigil: could not read ${result.path}: ${result.readError}`);
  if (result.skipped) {
    summary.filesSkipped++;
    return;
  }
  summary.filesScanned++;
  summary.errors += result.errors.filter((e) => e.level === 'error' && e.kind !== 'parse').length;
  for (const error of result.errors) {
    if (error.kind === 'rule-run' || error.kind === 'internal') session.host.error(`Vigil: ${error.kind} error in ${result.path}${error.ruleId ? ` (rule ${error.ruleId})` : ''}: ${error.message}`);
  }
  countFindings(
    summary,
    result.findings.map((f) => f.ruleId),
  );
  const uri = result.uri;
  // A file opened while the scan ran belongs to the live scan now.
  if (session.documents.get(uri)) return;
  const diagnostics: Diagnostic[] = result.findings.map((finding) =>
    toDiagnostic(finding, { uri, version: 0, region: undefined, raiseSeverity: false, rule: session.rules.rule(finding.ruleId) }),
  );
  if (diagnostics.length > 0 || session.workspacePublished.has(uri)) {
    session.host.publish(uri, undefined, diagnostics);
    if (diagnostics.length > 0) session.workspacePublished.add(uri);
    else session.workspacePublished.delete(uri);
  }
}

function countFindings(summary: WorkspaceScanSummary, ruleIds: readonly string[]): void {
  if (ruleIds.length === 0) return;
  summary.filesWithFindings++;
  summary.findings += ruleIds.length;
  for (const id of ruleIds) summary.byRule[id] = (summary.byRule[id] ?? 0) + 1;
}
