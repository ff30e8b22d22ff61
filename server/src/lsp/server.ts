/** Entry point of the Vigil language server: `node server.js --stdio` (or `--node-ipc`, `--socket=N`, as the client chooses), and of its workspace-scan process. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { bindConnection } from './connection';
import { isScanProcess, runScanProcess } from './scan-process';

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

// The same file runs the workspace-scan child process (so one bundle serves both).
if (isScanProcess()) runScanProcess();
else main();
