/** Workspace scans in a child process: the child side (load rules, scan files, send findings) and the server-side runner. */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import { loadRules } from '../engine/rules/load-rules';
import { scanFile } from '../engine/scan-file';
import type { EngineError, Finding } from '../engine/types';
import { skipReason, type FileLimits } from './document-scanner';

/** The argument that makes the server's entry script run as a scan process. */
export const SCAN_PROCESS_FLAG = '--vigil-scan-process';

/** One file for the scan process. */
export interface ScanProcessFile {
  path: string;
  uri: string;
  /** The size and minified limits of the file's workspace folder. */
  limits: FileLimits;
}

/** Server → child. */
type ToChild = { type: 'start'; files: ScanProcessFile[]; rulePaths: string[] } | { type: 'cancel' };

/** The result for one file. */
export interface FileResult {
  uri: string;
  path: string;
  skipped: boolean;
  readError?: string;
  findings: Finding[];
  errors: EngineError[];
}

/** Child → server: one message per file, then `done`. */
type FromChild = ({ type: 'file' } & FileResult) | { type: 'done'; cancelled: boolean; peakRssMb: number };

/** Whether this process was started as Vigil's scan process (checked by the server entry). */
export function isScanProcess(): boolean {
  return process.argv.includes(SCAN_PROCESS_FLAG) && typeof process.send === 'function';
}

/** Scans one file from disk (also used on the server's own thread when no child can be started). */
export function scanFileFromDisk(file: ScanProcessFile, rules: Parameters<typeof scanFile>[2]): FileResult {
  const base = { uri: file.uri, path: file.path };
  let text: string;
  try {
    text = fs.readFileSync(file.path, 'utf8');
  } catch (error) {
    return { ...base, skipped: true, readError: error instanceof Error ? error.message : String(error), findings: [], errors: [] };
  }
  if (skipReason(text, file.limits)) return { ...base, skipped: true, findings: [], errors: [] };
  const result = scanFile(text, file.path, rules);
  return { ...base, skipped: false, findings: result.findings, errors: result.errors };
}

/** The child's main: waits for `start`, scans file by file (reading `cancel` between files), then exits. */
export function runScanProcess(): void {
  let cancelled = false;
  const send = (message: FromChild): Promise<void> =>
    new Promise((resolve) => {
      process.send?.(message, undefined, {}, () => resolve());
    });
  process.on('message', (raw: ToChild) => {
    if (raw.type === 'cancel') {
      cancelled = true;
      return;
    }
    const { files, rulePaths } = raw;
    const rules = loadRules(rulePaths).rules;
    void (async () => {
      for (const file of files) {
        if (cancelled) break;
        await send({ type: 'file', ...scanFileFromDisk(file, rules) });
        // A turn of the event loop so a `cancel` message is read between files.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await send({ type: 'done', cancelled, peakRssMb: process.resourceUsage().maxRSS / 1024 });
      process.disconnect();
    })();
  });
  // The server went away: nothing left to scan for.
  process.on('disconnect', () => process.exit(0));
}

/** What {@link scanInChildProcess} needs. */
export interface ScanProcessRequest {
  /** The server's entry script (the child runs the same file with {@link SCAN_PROCESS_FLAG}). */
  entry: string;
  files: ScanProcessFile[];
  rulePaths: string[];
  isCancelled: () => boolean;
  onResult: (result: FileResult) => void;
}

/**
 * Scans files in a child process; resolves with whether it was cancelled, once
 * the child has exited.
 *
 * Why a process: the server's thread stays free for typing while a large
 * workspace is scanned, and every byte the parser churned through goes back to
 * the system when the child exits (memory freed by a worker thread stays in the
 * server's allocator), so the editor's server keeps its small footprint.
 */
export function scanInChildProcess(request: ScanProcessRequest): Promise<{ cancelled: boolean; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    // stdout ignored: the server's stdout carries LSP frames only, and the child must not write there.
    const child = fork(request.entry, [SCAN_PROCESS_FLAG], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', execArgv: [] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    let outcome: { cancelled: boolean; peakRssMb: number } | undefined;
    let cancelSent = false;
    const poll = setInterval(() => {
      if (!cancelSent && request.isCancelled() && child.connected) {
        cancelSent = true;
        child.send({ type: 'cancel' } satisfies ToChild);
      }
    }, 20);
    child.on('message', (message: FromChild) => {
      if (message.type === 'file') request.onResult(message);
      else outcome = { cancelled: message.cancelled, peakRssMb: message.peakRssMb };
    });
    child.on('error', (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (outcome) resolve(outcome);
      else reject(new Error(`scan process ended (${signal ?? `code ${String(code)}`}) before finishing${stderr ? `: ${stderr.trim()}` : ''}`));
    });
    child.send({ type: 'start', files: request.files, rulePaths: request.rulePaths } satisfies ToChild);
  });
}
