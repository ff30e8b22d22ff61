/** Entry point of the `vigil` CLI: argv → command → output on stdout, one-line errors on stderr, exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAIN_HELP, SCAN_HELP, parseCliArgs } from './args';
import { runScan, type CommandOutcome } from './commands/scan';

/** The package root: the nearest folder above this file whose package.json is Vigil's (works from dist/ and out/). */
export function findPackageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'vigil') {
          return dir;
        }
      } catch {
        // Not ours or unreadable: keep looking upwards.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return path.resolve(start, '..');
    }
    dir = parent;
  }
}

function readVersion(root: string): string {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
      return parsed.version;
    }
  } catch {
    // Fall through: an unknown version is not worth failing a scan over.
  }
  return '0.0.0';
}

/** Runs the CLI for `argv` (without `node` and the script) and returns what to print and the exit code. */
export function runCli(argv: readonly string[], cwd: string = process.cwd()): CommandOutcome {
  const command = parseCliArgs(argv);
  const root = findPackageRoot();
  switch (command.kind) {
    case 'help':
      return { stdout: command.topic === 'scan' ? SCAN_HELP : MAIN_HELP, stderr: '', exitCode: 0 };
    case 'version':
      return { stdout: `${readVersion(root)}\n`, stderr: '', exitCode: 0 };
    case 'usage-error':
      return { stdout: '', stderr: `vigil: ${command.message}\n`, exitCode: 2 };
    case 'scan':
      return runScan(command, { cwd, version: readVersion(root), bundledRulesDir: path.join(root, 'rules') });
  }
}

function main(): void {
  // `vigil scan ... | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.exit(process.exitCode ?? 0);
    }
    throw error;
  });
  let outcome: CommandOutcome;
  try {
    outcome = runCli(process.argv.slice(2));
  } catch (error) {
    // The engine returns errors as values; anything thrown here is a bug. One line, no stack.
    const message = error instanceof Error ? error.message : String(error);
    outcome = { stdout: '', stderr: `vigil: internal error: ${message.split('\n')[0] ?? ''}\n`, exitCode: 2 };
  }
  if (outcome.stdout !== '') {
    process.stdout.write(outcome.stdout);
  }
  if (outcome.stderr !== '') {
    process.stderr.write(outcome.stderr);
  }
  // exitCode (not process.exit) so a piped stdout is flushed completely.
  process.exitCode = outcome.exitCode;
}

main();
