/** Entry point of the `vigil` CLI: argv → command → output on stdout, messages on stderr, exit code (and, on a worker thread, the scan worker). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_HELP, MAIN_HELP, SCAN_HELP, TEST_HELP, parseCliArgs } from './args';
import type { CommandOutcome } from './commands/scan';
import { isScanWorker } from './is-scan-worker';
import { ruleCacheFor } from '../shared/rule-cache-file';
import { bundledRulesDir, findPackageRoot } from '../shared/package-paths';

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

const HELP = { scan: SCAN_HELP, test: TEST_HELP, hook: HOOK_HELP } as const;

/** Runs the CLI for `argv` (without `node` and the script) and returns what to print and the exit code. */
export async function runCli(argv: readonly string[], cwd: string = process.cwd()): Promise<CommandOutcome> {
  const command = parseCliArgs(argv);
  const root = findPackageRoot();
  switch (command.kind) {
    case 'help':
      return { stdout: command.topic === undefined ? MAIN_HELP : HELP[command.topic], stderr: '', exitCode: 0 };
    case 'version':
      return { stdout: `${readVersion(root)}\n`, stderr: '', exitCode: 0 };
    case 'usage-error':
      return { stdout: '', stderr: `vigil: ${command.message}\n`, exitCode: 2 };
    // Commands load the engine (and TypeScript's parser) only when they run: help and usage errors stay instant.
    case 'test': {
      const { runTest } = await import('./commands/test');
      return runTest(command, cwd);
    }
    case 'hook': {
      const { runHook } = await import('./commands/hook');
      return runHook(command, {
        cwd,
        env: process.env,
        bundledRulesDir: bundledRulesDir(root),
        ruleCache: ruleCacheFor(__filename, bundledRulesDir(root)),
        readStdin: () => (process.stdin.isTTY === true ? '' : fs.readFileSync(0, 'utf8')),
      });
    }
    case 'scan': {
      const { runScan } = await import('./commands/scan');
      return runScan(command, {
        cwd,
        version: readVersion(root),
        bundledRulesDir: bundledRulesDir(root),
        ruleCache: ruleCacheFor(__filename, bundledRulesDir(root)),
        // Workers start from this very module (dist/cli.js when bundled): see isScanWorker().
        workerEntry: __filename,
        env: process.env,
        progressStream: process.stderr,
        stdoutIsTTY: process.stdout.isTTY === true,
      });
    }
  }
}

async function main(): Promise<void> {
  // `vigil scan ... | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.exit(process.exitCode ?? 0);
    }
    throw error;
  });
  const argv = process.argv.slice(2);
  if (argv[0] === '__write-rule-cache') {
    // Internal, run by `npm run build`: compiles the bundled rules once into dist/rules-cache.json (see rule-cache-file.ts).
    const { writeRuleCache } = await import('../shared/rule-cache-file');
    const written = writeRuleCache(__filename, bundledRulesDir(findPackageRoot()));
    process.stderr.write(`vigil: ${written.message}\n`);
    process.exitCode = written.ok ? 0 : 1;
    return;
  }
  if (argv[0] === 'probe') {
    // `vigil probe` (server/src/dast) parses its own options and writes its own output as it goes.
    const { runProbeCommand } = await import('./commands/probe');
    process.exitCode = await runProbeCommand(argv.slice(1));
    return;
  }
  let outcome: CommandOutcome;
  try {
    outcome = await runCli(argv);
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

if (isScanWorker()) {
  // Loaded here, not at the top: the main thread of `vigil --help` needs none of the engine.
  void import('./scan-worker').then((worker) => worker.runScanWorker());
} else {
  void main();
}
