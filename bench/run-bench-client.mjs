// `npm run bench:client`: what starting Vigil adds to an editor session, measured on the real bundles.
// - Node's own start (spawn `node -e 0` until it exits): the floor every Node-based server pays, measured in this run;
// - the language server (dist/server.js over stdio): spawn → `initialize` answered (what the client waits for before
//   the extension counts as started), and → first diagnostics of a small file (rules loaded, file parsed and scanned);
// - the extension's `activate` itself is measured inside the real VS Code by the integration tests
//   (`npm run test:e2e` prints "activation N ms, server ready N ms").
// Target (issue 8): activation and server start add under 300 ms. Prints medians of RUNS runs and the ratio to the floor.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const RUNS = Number(process.env.RUNS ?? 7);

function nodeFloor() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - t0));
  });
}

async function serverStart() {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let firstDiagnostics;
  const diagnostics = new Promise((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (params.diagnostics.length > 0 && firstDiagnostics === undefined) {
        firstDiagnostics = performance.now() - t0;
        resolve();
      }
    });
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  const initialized = performance.now() - t0;
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///bench/client.js', languageId: 'javascript', version: 1, text: "const https = require('https');\nhttps.request({ host: 'x', rejectUnauthorized: false });\n" },
  });
  await diagnostics;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  return { initialized, firstDiagnostics };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const floors = [];
const inits = [];
const firsts = [];
for (let i = 0; i < RUNS; i++) {
  floors.push(await nodeFloor());
  const { initialized, firstDiagnostics } = await serverStart();
  inits.push(initialized);
  firsts.push(firstDiagnostics);
}
const floor = median(floors);
const init = median(inits);
const first = median(firsts);
console.log(`runs: ${RUNS} (medians)`);
console.log(`node start floor (node -e 0):          ${floor.toFixed(0)} ms`);
console.log(`server spawn → initialize answered:    ${init.toFixed(0)} ms  (${(init / floor).toFixed(2)}× the floor; target < 300 ms: ${init < 300 ? 'met' : 'NOT met'})`);
console.log(`server spawn → first diagnostics:      ${first.toFixed(0)} ms  (${(first / floor).toFixed(2)}× the floor; rules compiled, file scanned; in the background)`);
