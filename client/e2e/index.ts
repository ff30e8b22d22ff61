/**
 * Entry point VS Code's extension host calls for the integration tests
 * (`extensionTestsPath`): runs every `*.e2e.js` beside this file with mocha,
 * inside the real extension host of code-server (scripts/e2e/run-integration.mjs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

export async function run(): Promise<void> {
  // The extension host's stdout is not the runner's: copy the reporter's output to a file the runner prints.
  const log = process.env['VIGIL_E2E_LOG'];
  if (log) {
    fs.writeFileSync(log, '');
    const write = (chunk: unknown): void => fs.appendFileSync(log, typeof chunk === 'string' ? chunk : String(chunk));
    const original = process.stdout.write.bind(process.stdout);
    const patched = (chunk: string | Uint8Array, ...rest: never[]): boolean => {
      write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return original(chunk, ...rest);
    };
    process.stdout.write = patched;
    console.log = (...args: unknown[]) => write(`${util.format(...args)}\n`);
    console.error = console.log;
  }
  // Loaded after console.log is redirected: mocha's reporters keep a reference to it.
  const { default: Mocha } = await import('mocha');
  const grep = process.env['VIGIL_E2E_GREP'];
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', forbidOnly: true, ...(grep ? { grep } : {}) });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  const report = process.env['VIGIL_E2E_REPORT'];
  if (report) fs.writeFileSync(report, JSON.stringify({ failures }));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
}
