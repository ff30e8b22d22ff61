/** Test helpers for the CLI specs: run the built `vigil` with arguments, stdin and environment; make and remove temp folders. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (tests run from out/server/test/cli). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
/** The tsc-built CLI entry. */
export const cliMain = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'main.js');
/** test-fixtures/cli. */
export const cliFixtures = path.join(repoRoot, 'test-fixtures', 'cli');

/** One finished run of the CLI. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runVigil}: working directory, stdin, extra environment (CI is cleared unless given). */
export interface RunOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string | undefined>;
}

/** Runs `node out/.../main.js args` and waits for it. The environment has no CI, NO_COLOR or FORCE_COLOR unless `env` sets them. */
export function runVigil(args: readonly string[], options: RunOptions = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'VIGIL_SEMGREP', 'CLAUDE_PROJECT_DIR']) delete env[name];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawnSync(process.execPath, [cliMain, ...args], {
    cwd: options.cwd ?? cliFixtures,
    encoding: 'utf8',
    timeout: 60000,
    input: options.input ?? '',
    env,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** A fresh temp folder; remove it with {@link removeTemp}. */
export function makeTemp(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `vigil-${prefix}-`)));
}

/** Removes a folder made by {@link makeTemp}. */
export function removeTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (relative path → content) under `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** The JSON contract's shape, as far as the tests read it. */
export interface JsonOutput {
  version: string;
  results: {
    ruleId: string;
    path: string;
    start: { line: number; column: number };
    end: { line: number; column: number };
    message: string;
    severity: string;
    fix?: string;
  }[];
  errors: { message: string; path?: string; ruleId?: string; line?: number; level: string; kind: string }[];
}
