/** The probe commands (`Commands.probeFindings`, `Commands.detectDevServer`): DAST probes of an open document's findings against the user's loopback dev server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkDoneProgressReporter } from 'vscode-languageserver';
import { classifyFinding } from '../dast/classify-finding';
import { answersOnLoopback, detectDevServers } from '../dast/detect-base-url';
import type { SourceFile } from '../dast/extract-routes';
import { checkLoopbackTarget, NonLoopbackTargetError } from '../dast/loopback-client';
import { PROBE_DEFAULTS, probeFindings } from '../dast/probe-findings';
import type { Evidence, ProbeRequest, ProbeResult } from '../dast/types';
import { Commands, type DetectDevServerArgs, type DetectDevServerResult, type ProbeFindingResult, type ProbeFindingsArgs, type ProbeFindingsResult } from '../protocol/messages';
import type { Cancellation } from './commands';
import { skippedDiagnostic, type ProbeOutcome } from './diagnostics';
import type { ScanRecord, ShownFinding } from './document-scanner';
import type { OpenDocument } from './documents';
import { describe, type VigilSession } from './session';
import { workspaceFiles } from './workspace-files';

/** The methods `allowUnsafeMethods` adds to GET and HEAD. */
export const UNSAFE_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** The most requests per finding a client may ask for. */
export const MAX_REQUESTS_PER_FINDING = 50;
/** Files read for routes (route prefixes live in other files than the handler); a bigger project is cut here. */
const MAX_ROUTE_FILES = 2000;
/** How long the reachability check waits for a TCP connection. */
const CONNECT_TIMEOUT_MS = 1000;
/** Longest response excerpt shown in a diagnostic. */
const MAX_EXCERPT = 300;
/** Cancellation is polled this often when the request cannot tell us itself. */
const CANCEL_POLL_MS = 25;

const log = (session: VigilSession, line: string): void => session.host.log(`[probe] ${line}`);

function emptyResult(error: string): ProbeFindingsResult {
  return { results: [], requests: 0, cancelled: false, error };
}

/** Checks the client's arguments; a string is what is wrong with them. */
export function parseProbeFindingsArgs(value: unknown): ProbeFindingsArgs | string {
  if (typeof value !== 'object' || value === null) return 'expected one argument { uri, baseUrl, allowUnsafeMethods, fingerprints?, maxRequestsPerFinding? }';
  const v = value as Record<string, unknown>;
  if (typeof v['uri'] !== 'string') return 'uri must be a string';
  if (typeof v['baseUrl'] !== 'string' || v['baseUrl'] === '') return 'baseUrl must be the dev server, e.g. http://127.0.0.1:3000';
  const unsafe = v['allowUnsafeMethods'];
  if (unsafe !== undefined && typeof unsafe !== 'boolean') return 'allowUnsafeMethods must be true or false';
  const fingerprints = v['fingerprints'];
  if (fingerprints !== undefined && (!Array.isArray(fingerprints) || !fingerprints.every((f) => typeof f === 'string'))) return 'fingerprints must be a list of strings';
  const max = v['maxRequestsPerFinding'];
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) return 'maxRequestsPerFinding must be a whole number of at least 1';
  const args: ProbeFindingsArgs = { uri: v['uri'], baseUrl: v['baseUrl'], allowUnsafeMethods: unsafe === true };
  if (fingerprints !== undefined) args.fingerprints = fingerprints;
  if (max !== undefined) args.maxRequestsPerFinding = Math.min(max, MAX_REQUESTS_PER_FINDING);
  return args;
}

/**
 * Runs {@link Commands.probeFindings}: the findings of the document's last scan (all
 * probeable ones, or those named by fingerprint) are probed against
 * `baseUrl`, the outcomes are remembered and shown in the diagnostics.
 *
 * Never throws: a refused target, a dev server that does not answer, a
 * document that is not open, bad arguments and failures of the prober are
 * the result's `error`, in words the user can act on.
 */
export async function runProbeFindings(session: VigilSession, rawArgs: unknown, cancel: Cancellation, progress: WorkDoneProgressReporter | undefined): Promise<ProbeFindingsResult> {
  progress?.begin('Vigil: probing findings', 0, 'starting', true);
  const args = parseProbeFindingsArgs(rawArgs);
  if (typeof args === 'string') {
    progress?.done();
    session.host.error(`Vigil: ${Commands.probeFindings} called with bad arguments (${args}): ${describe(rawArgs)}`);
    return emptyResult(`bad arguments: ${args}`);
  }
  const controller = new AbortController();
  const stopWatching = watchCancellation(cancel, () => controller.abort());
  const abandoned = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    return await session.probes.exclusive(
      () => probeDocument(session, args, controller.signal, progress),
      abandoned,
      () => ({ results: [], requests: 0, cancelled: true }),
    );
  } catch (error) {
    // The prober reports its failures as values; a throw here is a bug, and it must not cost the server.
    session.host.error(`Vigil: probing ${args.uri} failed: ${describe(error)}`);
    return emptyResult(`the probe failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stopWatching();
    progress?.done();
  }
}

/** Calls `onCancel` once when `cancel` fires (through its event when it has one, else by polling); returns the unsubscribe. */
function watchCancellation(cancel: Cancellation, onCancel: () => void): () => void {
  if (cancel.isCancellationRequested) {
    onCancel();
    return () => undefined;
  }
  const subscription = cancel.onCancellationRequested?.(onCancel);
  const timer = setInterval(() => {
    if (cancel.isCancellationRequested) onCancel();
  }, CANCEL_POLL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    subscription?.dispose();
  };
}

async function probeDocument(session: VigilSession, args: ProbeFindingsArgs, signal: AbortSignal, progress: WorkDoneProgressReporter | undefined): Promise<ProbeFindingsResult> {
  await session.ready;
  const record = await currentRecord(session, args.uri);
  if (typeof record === 'string') return emptyResult(record);
  const { document, scan } = record;
  if (scan.skipped) return emptyResult(scan.skipped);

  // The findings asked for, in document order; unknown fingerprints answer at once.
  const wanted = args.fingerprints ? new Set(args.fingerprints) : undefined;
  const chosen: ShownFinding[] = scan.findings.filter((f) => (wanted ? wanted.has(f.finding.fingerprint) : classifyFinding(f.finding) !== undefined));
  const missing: ProbeFindingResult[] = [...(wanted ?? [])]
    .filter((fp) => !chosen.some((f) => f.finding.fingerprint === fp))
    .map((fingerprint) => ({ fingerprint, ruleId: '', status: 'error', requests: 0, summary: 'no finding with this fingerprint in the file now (it changed since the diagnostic was shown?)' }));
  const probeable = chosen.filter((f) => classifyFinding(f.finding) !== undefined);
  const notProbeable: ProbeFindingResult[] = chosen
    .filter((f) => classifyFinding(f.finding) === undefined)
    .map((f) => ({ ...identify(f), status: 'not-probeable', requests: 0, summary: `no probe for rule ${f.finding.ruleId} (it declares no vigil-class and no CWE the prober knows)` }));
  const settled = [...notProbeable, ...missing];
  if (probeable.length === 0) {
    return {
      results: settled,
      requests: 0,
      cancelled: false,
      error: wanted
        ? undefined
        : 'nothing to probe in this file: no finding is of a kind the prober can confirm (SQL, NoSQL, command or code injection, templates, XSS, open redirect, SSRF, path traversal)',
    };
  }
  const failAll = (error: string, status: ProbeFindingResult['status'] = 'error'): ProbeFindingsResult => ({
    results: [...probeable.map((f): ProbeFindingResult => ({ ...identify(f), status, requests: 0, summary: error })), ...settled],
    requests: 0,
    cancelled: status === 'cancelled',
    error,
  });

  // Loopback only, whatever the arguments say: refused before any connection is made.
  let target: Awaited<ReturnType<typeof checkLoopbackTarget>>;
  try {
    target = await checkLoopbackTarget(args.baseUrl);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(session, `not probing: ${message}`);
    return failAll(`Vigil did not probe: ${message}`);
  }
  const port = Number(target.url.port || (target.url.protocol === 'https:' ? 443 : 80));
  if (!(await answersOnLoopback(port, CONNECT_TIMEOUT_MS, target.address))) {
    const message = `nothing answered at ${target.url.origin}: is the dev server running?`;
    log(session, message);
    return failAll(message);
  }
  if (signal.aborted) return failAll('cancelled', 'cancelled');

  progress?.report(0, `reading the routes of ${path.basename(document.path)}'s project`);
  const files = await routeFiles(session, document, scan.text, signal);
  if (signal.aborted) return failAll('cancelled', 'cancelled');

  const findings = probeable.map((f) => f.finding);
  const byIndex = new Map<number, ProbeResult>();
  let requests = 0;
  let cancelled = false;
  let error: string | undefined;
  try {
    const events = probeFindings(
      findings,
      files,
      {
        baseUrl: args.baseUrl,
        allowMethods: args.allowUnsafeMethods ? UNSAFE_METHODS : [],
        maxRequestsPerFinding: args.maxRequestsPerFinding ?? PROBE_DEFAULTS.maxRequestsPerFinding,
        logger: (line) => log(session, line),
      },
      signal,
    );
    for await (const event of events) {
      if (event.kind === 'finding-start') {
        const route = event.route ? ` ${event.route.method} ${event.route.path}` : '';
        progress?.report(Math.floor((event.index / findings.length) * 100), `${event.index + 1}/${findings.length} ${event.finding.ruleId}${route}`);
      } else if (event.kind === 'request') {
        requests++;
      } else if (event.kind === 'result') {
        byIndex.set(event.index, event.result);
      } else if (event.kind === 'done') {
        requests = event.requests;
        cancelled = event.cancelled;
      }
    }
  } catch (e) {
    error = e instanceof NonLoopbackTargetError ? `Vigil did not probe: ${e.message}` : `the probe failed: ${e instanceof Error ? e.message : String(e)}`;
    session.host.error(`Vigil: probing ${document.uri}: ${describe(e)}`);
  }
  cancelled ||= signal.aborted;

  const results: ProbeFindingResult[] = probeable.map((shown, index) => {
    const result = byIndex.get(index);
    if (!result) return { ...identify(shown), status: cancelled ? 'cancelled' : 'error', requests: 0, summary: cancelled ? 'cancelled before this finding was probed' : (error ?? 'no verdict') };
    const status = statusOf(result, signal.aborted);
    const out: ProbeFindingResult = { ...identify(shown), status, requests: result.requests, summary: result.reason };
    if (result.route) out.route = `${result.route.method} ${result.route.path}`;
    const evidence = result.evidence ? describeEvidence(result.evidence) : undefined;
    if (status === 'confirmed' && evidence) out.evidence = { request: evidence.request, response: evidence.response };
    if (status === 'confirmed' || status === 'not-confirmed') {
      const outcome: ProbeOutcome = status === 'confirmed' && evidence ? { status, evidence } : { status };
      session.probes.set(document.uri, shown.finding.fingerprint, outcome);
    }
    return out;
  });
  // A dev server that went away during the run: say so once, not only per finding.
  if (!error && results.some((r) => r.status === 'error' && /ECONNREFUSED|ECONNRESET|socket hang up/.test(r.summary))) {
    error = `the dev server at ${target.url.origin} stopped answering during the probe: is it still running?`;
  }
  republish(session, document.uri);
  const count = (status: ProbeFindingResult['status']): number => results.filter((r) => r.status === status).length;
  session.host.log(
    `Vigil: probe of ${document.path} at ${target.url.origin} ${cancelled ? 'cancelled' : 'done'}: ${count('confirmed')} confirmed, ${count('not-confirmed')} not confirmed, ` +
      `${count('not-probeable')} not probeable, ${count('error')} errors, ${count('cancelled')} cancelled, ${requests} request${requests === 1 ? '' : 's'}`,
  );
  const answer: ProbeFindingsResult = { results: [...results, ...settled], requests, cancelled };
  if (error !== undefined) answer.error = error;
  return answer;
}

function identify(shown: ShownFinding): { fingerprint: string; ruleId: string } {
  return { fingerprint: shown.finding.fingerprint, ruleId: shown.finding.ruleId };
}

function statusOf(result: ProbeResult, aborted: boolean): ProbeFindingResult['status'] {
  switch (result.verdict) {
    case 'confirmed':
      return 'confirmed';
    case 'not-confirmed':
      return aborted && result.reason === 'cancelled' ? 'cancelled' : 'not-confirmed';
    case 'skipped':
      return 'not-probeable';
    case 'error':
      return 'error';
  }
}

/**
 * The open document and the scan record its findings come from: the last
 * scan when it is of the current version, else a scan now (the user asked
 * about what they see; offsets must match the text that is probed).
 */
async function currentRecord(session: VigilSession, uri: string): Promise<{ document: OpenDocument; scan: ScanRecord } | string> {
  const notOpen = `${uri} is not open: open it in the editor to probe its findings`;
  const document = session.documents.get(uri);
  if (!document) return notOpen;
  const record = session.scanner.record(uri);
  if (record && record.version === document.version) return { document, scan: record };
  const settings = await session.settingsFor(uri);
  const current = session.documents.get(uri);
  if (!current) return notOpen;
  return { document: current, scan: session.scanner.scanAndPublish(current, settings) };
}

/**
 * The project's source files, for the routes: the document as scanned, then
 * every JS/TS file of its project (open documents as the editor has them).
 *
 * Why the whole project: a handler's full path is often made in another file
 * (`app.use('/api', router)` in `app.js` for the router in `routes/users.js`).
 */
async function routeFiles(session: VigilSession, document: OpenDocument, scannedText: string, signal: AbortSignal): Promise<SourceFile[]> {
  const files: SourceFile[] = [{ path: document.path, text: scannedText }];
  const root = projectRoot(session, document);
  if (!root) return files;
  const settings = await session.settingsFor(document.uri);
  const self = path.resolve(document.path);
  let cut = false;
  for await (const file of workspaceFiles(root, settings.files.exclude)) {
    if (signal.aborted) break;
    if (path.resolve(file) === self) continue;
    if (files.length >= MAX_ROUTE_FILES) {
      cut = true;
      break;
    }
    const open = session.documents.get(pathToFileURL(file).href);
    if (open) {
      files.push({ path: file, text: open.text });
      continue;
    }
    try {
      const stat = await fs.promises.stat(file);
      if (stat.size > settings.files.maxSizeBytes) continue;
      files.push({ path: file, text: await fs.promises.readFile(file, 'utf8') });
    } catch {
      // Gone or unreadable: its routes are just not known.
    }
  }
  log(session, `routes from ${files.length} file(s) under ${root}${cut ? ` (cut at ${MAX_ROUTE_FILES} files)` : ''}`);
  return files;
}

/**
 * Where the document's app lives: the nearest folder with a `package.json`
 * inside the workspace folder that holds the document, else that workspace
 * folder; outside every workspace folder, the nearest `package.json` folder,
 * else the document's own folder. Undefined for documents that are not files.
 */
function projectRoot(session: VigilSession, document: OpenDocument): string | undefined {
  if (!document.uri.startsWith('file:')) return undefined;
  let file: string;
  try {
    file = fileURLToPath(document.uri);
  } catch {
    return undefined;
  }
  const inside = (folder: string): boolean => {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const folder = session.workspaceFolders.filter(inside).sort((a, b) => b.length - a.length)[0];
  for (let dir = path.dirname(file); ; ) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === folder) return folder; // never above the workspace folder
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return folder ?? path.dirname(file);
}

/** Publishes the document's last scan again, now with the probe outcomes. */
function republish(session: VigilSession, uri: string): void {
  const document = session.documents.get(uri);
  const record = session.scanner.record(uri);
  if (!document || !record) return;
  if (record.version !== document.version) {
    // A newer version is being scanned; its publish carries the outcomes.
    session.scheduler.schedule(uri, document.version, 0);
    return;
  }
  const diagnostics = record.findings.map((f) => f.diagnostic).concat(record.skipped ? [skippedDiagnostic(record.skipped)] : []);
  session.host.publish(uri, record.version, session.probes.decorate(uri, diagnostics));
}

/** `GET /api/search?q=a' AND 1=1 [x-theme: …] {"user":"…"}`: what was sent, readable (the path decoded where it decodes). */
function describeRequest(request: ProbeRequest): string {
  let target = request.url;
  try {
    const url = new URL(request.url);
    target = url.pathname + url.search;
  } catch {
    // Not a URL: shown as it is.
  }
  try {
    target = decodeURIComponent(target.replace(/\+/g, ' '));
  } catch {
    // Not valid percent-encoding: shown encoded.
  }
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== 'content-type')
    .map(([name, value]) => ` [${name}: ${cut(value, 80)}]`)
    .join('');
  const body = request.body !== undefined ? ` ${cut(request.body, 200)}` : '';
  return `${request.method} ${target}${headers}${body}`;
}

function describeEvidence(evidence: Evidence): { request: string; response: string; reason: string } {
  return {
    request: describeRequest(evidence.request),
    response: `${evidence.status} … ${cut(evidence.excerpt.replace(/\s+/g, ' ').trim(), MAX_EXCERPT)}`,
    reason: evidence.reason,
  };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Runs {@link Commands.detectDevServer}: base URLs to propose, from the dev scripts of
 * the folders' `package.json` and common dev ports, kept only when something
 * accepts a TCP connection on 127.0.0.1 (no HTTP request is sent).
 */
export async function runDetectDevServer(session: VigilSession, rawArgs: unknown): Promise<DetectDevServerResult> {
  const given = Array.isArray(rawArgs) ? rawArgs : typeof rawArgs === 'object' && rawArgs !== null ? (rawArgs as DetectDevServerArgs).folders : undefined;
  const folders = (Array.isArray(given) ? given : session.workspaceFolders).flatMap((f: unknown) => {
    if (typeof f !== 'string') return [];
    if (!f.startsWith('file:')) return [path.resolve(f)];
    try {
      return [fileURLToPath(f)];
    } catch {
      return [];
    }
  });
  const candidates = await detectDevServers(folders);
  log(session, `dev server candidates: ${candidates.map((c) => `${c.baseUrl} (${c.source})`).join(', ') || 'none answered'}`);
  return { candidates: candidates.map((c) => ({ baseUrl: c.baseUrl, source: c.source })) };
}
