// Shared helpers for running Vigil in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on these machines:
// install (scripts/e2e/setup.sh), package the .vsix, start code-server on 127.0.0.1, stop it. See ../shared/E2E.md.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs setup.sh (idempotent) and returns the cache folder with code-server in it. */
export function ensureCodeServer() {
  const result = spawnSync('bash', [join(ROOT, 'scripts/e2e/setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`scripts/e2e/setup.sh failed (exit ${result.status})`);
  const cache = result.stdout.trim().split('\n').pop();
  const bin = join(cache, 'cs/node_modules/.bin/code-server');
  if (!existsSync(bin)) throw new Error(`code-server is not at ${bin} after setup`);
  return { cache, bin };
}

/** Environment that keeps everything code-server and Chromium write inside one work folder. */
export function isolatedEnv(work) {
  const env = { ...process.env, TMPDIR: join(work, 'tmp'), XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_DATA_HOME: join(work, 'xdg-data'), XDG_CACHE_HOME: join(work, 'xdg-cache') };
  for (const dir of [env.TMPDIR, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME]) mkdirSync(dir, { recursive: true });
  return env;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds the bundles and packages dist/vigil.vsix with vsce (no node_modules: everything is bundled). */
export function packageVsix(out = join(ROOT, 'dist', 'vigil.vsix')) {
  run('node', [join(ROOT, 'scripts/build.mjs')]);
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  run('node', [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', 'client/MARKETPLACE.md', '-o', out]);
  return out;
}

/** Packages the test-only stand-in assistant extension (test-fixtures/fake-assistant) into the work folder. */
export function packageFakeAssistant(work) {
  const out = join(work, 'fake-assistant.vsix');
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  run('node', [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], { cwd: join(ROOT, 'test-fixtures/fake-assistant') });
  return out;
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status})`);
}

/** A fresh work folder (profile, extensions, temp) under the cache, removed by the caller. */
export function freshWorkDir(cache, name) {
  mkdirSync(join(cache, 'runs'), { recursive: true });
  return mkdtempSync(join(cache, 'runs', `${name}-`));
}

/** Copies a fixture workspace to a temp folder (tests edit files; the fixture stays clean). */
export function copyWorkspace(fixture, work) {
  const target = join(work, 'workspace');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(ROOT, fixture), target, { recursive: true });
  return target;
}

/** Installs a .vsix into an extensions folder. */
export function installVsix(bin, vsix, work, env) {
  run(bin, ['--user-data-dir', join(work, 'ud'), '--extensions-dir', join(work, 'ext'), '--install-extension', vsix], { env });
}

/**
 * Starts code-server on 127.0.0.1 with a fresh profile; resolves when /healthz answers.
 * Returns { url, port, stop }. The process group is killed on stop and when this process exits.
 */
export async function startCodeServer({ bin, work, env, port, settings = {} }) {
  const userData = join(work, 'ud');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'workbench.enableExperiments': false,
        'git.enabled': false,
        'typescript.disableAutomaticTypeAcquisition': true,
        'editor.inlineSuggest.enabled': true,
        ...settings,
      },
      null,
      2,
    ),
  );
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', join(work, 'ext'),
  ];
  const child = spawn(bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, stop, log: () => log };
}
