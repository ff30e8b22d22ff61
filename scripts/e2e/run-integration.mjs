// Runs the extension's integration tests (client/e2e/, compiled to out/client/e2e/) inside code-server's real
// extension host: code-server has no --extensionTestsPath flag, but the workbench URL's `payload` takes the same
// settings; the workbench calls window.codeAutomationExit(code) when the tests end (../shared/E2E.md).
// Usage: node scripts/e2e/run-integration.mjs   (after `tsc -b` and `node scripts/build.mjs`)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, copyWorkspace, ensureCodeServer, freePort, freshWorkDir, isolatedEnv, startCodeServer } from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.VIGIL_E2E_TIMEOUT_MS ?? 300_000);
const keep = process.env.VIGIL_E2E_KEEP === '1';
/** Workbench chatter that says nothing about the tests (connection setup, the marketplace it cannot reach). */
const NOISE = /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo ENOTFOUND|Started local extension host|Extension host \()/;
let forwarded = false;

const started = Date.now();
const { cache, bin } = ensureCodeServer();
const work = freshWorkDir(cache, 'integration');
const env = isolatedEnv(work);
// The extension host inherits code-server's environment: the tests write their output and result here.
env.VIGIL_E2E_LOG = join(work, 'mocha.log');
env.VIGIL_E2E_REPORT = join(work, 'report.json');
env.VIGIL_TRACE_EDITS = '1';
env.NODE_PATH = join(ROOT, 'node_modules');
const workspace = copyWorkspace('test-fixtures/e2e-workspace', work);
// The probe test starts the sql.js vulnerable app from inside the workspace (its modules resolve from the repo's node_modules).
cpSync(join(ROOT, 'test-fixtures/vulnerable-app'), join(workspace, 'vulnerable-app'), { recursive: true });
const port = await freePort();
const server = await startCodeServer({ bin, work, env, port });
let exitCode = 1;
let browser;
try {
  browser = await chromium.launchPersistentContext(join(work, 'chromium'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env });
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const done = new Promise((resolveDone) => {
    void page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host forwards its console here (format string first, as console.log got it).
      const text = Array.isArray(args) ? format(...args) : String(args);
      if (!/^\s*$/.test(text) && !NOISE.test(text)) {
        forwarded = true;
        process.stdout.write(`${text}\n`);
      }
      void type;
    });
    void page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(join(ROOT, 'out/client/e2e/index.js'))],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await page.goto(url);
  const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), TIMEOUT_MS));
  const result = await Promise.race([done, timeout]);
  if (result === 'timeout') {
    process.stderr.write(`integration tests did not finish within ${TIMEOUT_MS / 1000} s\n`);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'e2e-integration-timeout.png') }).catch(() => undefined);
    process.stderr.write(server.log().slice(-4000));
  } else {
    exitCode = Number(result);
  }
} finally {
  if (!forwarded && existsSync(env.VIGIL_E2E_LOG)) process.stdout.write(readFileSync(env.VIGIL_E2E_LOG, 'utf8'));
  // The report is the tests' own verdict; the workbench's exit code alone could say 0 if the host died early.
  if (existsSync(env.VIGIL_E2E_REPORT)) {
    const { failures } = JSON.parse(readFileSync(env.VIGIL_E2E_REPORT, 'utf8'));
    if (failures > 0) exitCode = 1;
  } else {
    process.stderr.write('the integration tests wrote no report: they did not run to the end\n');
    process.stderr.write(server.log().slice(-4000));
    exitCode = 1;
  }
  await browser?.close().catch(() => undefined);
  server.stop();
  if (!keep) rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`integration tests in code-server: exit ${exitCode} after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.exit(exitCode);
