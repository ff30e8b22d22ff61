/** Entry point of the Vigil language server: `node server.js --stdio` (or `--node-ipc`, `--socket=N`, as the client chooses), and of its workspace-scan process. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { bindConnection } from './connection';
import { isScanProcess, runScanProcess } from './scan-process';
import { bundledRulesDir, findPackageRoot } from '../shared/package-paths';
import { writeRuleCache } from '../shared/rule-cache-file';

/**
 * Starts the server on the transport named on the command line.
 *
 * Why the process-level handlers: stdout carries LSP frames only (with
 * `--stdio`, a stray `console.log` would corrupt the stream, so the library
 * redirects console output to the client's log), and an error that escapes
 * every handler is logged rather than ending the process the user's editor
 * depends on.
 */
function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (error) => connection.console.error(`Vigil: uncaught error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Vigil: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  bindConnection(connection);
  connection.listen();
}

// The same file runs the workspace-scan child process (so one bundle serves both),
// and, run by `npm run build`, writes its precompiled bundled rules (see shared/rule-cache-file.ts).
if (process.argv[2] === '__write-rule-cache') {
  const written = writeRuleCache(__filename, bundledRulesDir(findPackageRoot()));
  process.stderr.write(`vigil server: ${written.message}\n`);
  process.exitCode = written.ok ? 0 : 1;
} else if (isScanProcess()) runScanProcess();
else main();
