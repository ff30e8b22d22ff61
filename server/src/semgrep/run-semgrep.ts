/** Runs the semgrep executable as a child process with a timeout and cancellation, and returns its parsed JSON or what went wrong. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The flags every run uses: JSON out, no telemetry, no update check, rule ids exactly as written. */
export const SEMGREP_FLAGS: readonly string[] = ['--json', '--metrics=off', '--disable-version-check', '--no-rewrite-rule-ids'];

/** What to run. */
export interface SemgrepRunRequest {
  executable: string;
  configFiles: readonly string[];
  targets: readonly string[];
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** The outcome of one run: parsed JSON, or why there is none. */
export type SemgrepRunResult =
  | { kind: 'ok'; output: unknown; exitCode: number | null }
  | { kind: 'not-found'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'failed'; message: string };

/** How long a killed child gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * Runs `semgrep --json --metrics=off --disable-version-check --no-rewrite-rule-ids --config … targets`.
 *
 * Why it never rejects: semgrep is optional, and a missing, hanging or crashing semgrep must
 * never fail a Vigil run; every outcome is a value the caller turns into one message. The child
 * is killed when `timeoutMs` passes or `signal` aborts (the language server cancels a scan of a
 * document that changed). Semgrep exits non-zero for some runs that still printed valid JSON
 * (errors in a file, findings with `--error`), so the JSON decides, not the exit code.
 */
export function runSemgrep(request: SemgrepRunRequest): Promise<SemgrepRunResult> {
  const args = [...SEMGREP_FLAGS, ...request.configFiles.flatMap((file) => ['--config', file]), ...request.targets];
  return new Promise((resolve) => {
    if (request.signal?.aborted === true) {
      resolve({ kind: 'cancelled', message: 'semgrep run cancelled before it started' });
      return;
    }
    const child = spawn(request.executable, args, {
      cwd: request.cwd,
      env: request.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled: SemgrepRunResult | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (outcome: SemgrepRunResult): void => {
      if (settled !== undefined) return;
      settled = outcome;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(
      () => kill({ kind: 'timeout', message: `semgrep did not finish within ${Math.round(request.timeoutMs / 1000)} s and was stopped` }),
      request.timeoutMs,
    );
    const onAbort = (): void => kill({ kind: 'cancelled', message: 'semgrep run cancelled' });
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (result: SemgrepRunResult): void => {
      clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve(settled ?? result);
    };
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        finish({ kind: 'not-found', message: `semgrep could not be started (${request.executable}: ${error.code})` });
      } else {
        finish({ kind: 'failed', message: `semgrep could not be started: ${error.message}` });
      }
    });
    child.on('close', (code, signal) => {
      const text = Buffer.concat(stdout).toString('utf8');
      let output: unknown;
      try {
        output = JSON.parse(text);
      } catch {
        output = undefined;
      }
      if (typeof output === 'object' && output !== null && ('results' in output || 'errors' in output)) {
        finish({ kind: 'ok', output, exitCode: code });
        return;
      }
      const reason = signal !== null ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      const detail = firstLine(Buffer.concat(stderr).toString('utf8')) ?? firstLine(text);
      finish({ kind: 'failed', message: `semgrep ${reason} without JSON output${detail === undefined ? '' : `: ${detail}`}` });
    });
  });
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part !== '');
  return line === undefined ? undefined : line.slice(0, 200);
}

/**
 * The semgrep executable to use: `explicit` (`--semgrep-path`, a setting), else `VIGIL_SEMGREP`,
 * else `semgrep` found on PATH; undefined when there is none.
 *
 * Why look it up ourselves: "semgrep is not installed" must be said once, up front, naming the
 * files it would have scanned, rather than discovered as a spawn error per batch.
 */
export function locateSemgrep(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = explicit ?? (env.VIGIL_SEMGREP !== undefined && env.VIGIL_SEMGREP !== '' ? env.VIGIL_SEMGREP : undefined);
  if (configured !== undefined) {
    return fs.existsSync(configured) ? path.resolve(configured) : findOnPath(configured, env);
  }
  return findOnPath('semgrep', env);
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (name.includes('/') || name.includes('\\')) return undefined;
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, name + extension);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here: try the next folder.
      }
    }
  }
  return undefined;
}
