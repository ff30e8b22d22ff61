/** Guesses the dev server's loopback URL from the workspace (package.json dev scripts, common ports that answer). */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Ports dev servers use out of the box (Next/Express, Vite, Angular, webpack, Django-style, Flask-style...). */
export const COMMON_DEV_PORTS: readonly number[] = [3000, 5173, 8080, 4200, 8000, 5000, 3001, 4000, 8081, 9000];

/**
 * Ports named in `package.json` scripts (`dev`, `start`, `serve`...):
 * `--port 4000`, `-p 4000`, `PORT=4000`, `--port=4000`.
 */
export function portsFromPackageJson(text: string): number[] {
  return scriptPortsFromPackageJson(text).map((p) => p.port);
}

/** Like {@link portsFromPackageJson}, with the script each port was read from (its first one). */
export function scriptPortsFromPackageJson(text: string): { port: number; script: string }[] {
  let scripts: Record<string, unknown>;
  try {
    const parsed = JSON.parse(text) as { scripts?: Record<string, unknown> };
    scripts = parsed.scripts ?? {};
  } catch {
    return [];
  }
  const ports: { port: number; script: string }[] = [];
  const order = Object.keys(scripts).sort((a, b) => rank(a) - rank(b));
  for (const name of order) {
    const script = scripts[name];
    if (typeof script !== 'string') continue;
    for (const m of script.matchAll(/(?:--port[= ]|-p[= ]|\bPORT=)(\d{2,5})\b/g)) {
      const port = Number(m[1]);
      if (port > 0 && port < 65536 && !ports.some((p) => p.port === port)) ports.push({ port, script: name });
    }
  }
  return ports;
}

const PREFERRED_SCRIPTS = ['dev', 'start', 'serve', 'develop'];

function rank(script: string): number {
  const at = PREFERRED_SCRIPTS.indexOf(script);
  return at >= 0 ? at : PREFERRED_SCRIPTS.length;
}

/** True when something accepts a TCP connection on `host`:`port` (127.0.0.1 unless given) within `timeoutMs`. */
export function answersOnLoopback(port: number, timeoutMs = 300, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A proposed base URL and why. */
export interface DevServerCandidate {
  baseUrl: string;
  port: number;
  /** `package.json script dev` (with the folder's name when several folders are given), or `port 3000 answered`. */
  source: string;
}

/**
 * Candidate base URLs for the workspace, best first: ports from its dev
 * scripts, then common ports, kept only when something answers on 127.0.0.1.
 *
 * Why: the editor proposes a base URL the user confirms once, instead of
 * asking them to type it; only loopback is ever tried, and only a TCP
 * connection is made (no HTTP request is sent while guessing).
 */
export async function detectBaseUrls(workspaceRoot: string, extraPorts: readonly number[] = COMMON_DEV_PORTS): Promise<string[]> {
  return (await detectDevServers([workspaceRoot], extraPorts)).map((c) => c.baseUrl);
}

/** {@link detectBaseUrls} for several folders, each candidate with its source; every port is tried once. */
export async function detectDevServers(workspaceRoots: readonly string[], extraPorts: readonly number[] = COMMON_DEV_PORTS): Promise<DevServerCandidate[]> {
  const sources = new Map<number, string>();
  for (const root of workspaceRoots) {
    let fromScripts: { port: number; script: string }[] = [];
    try {
      fromScripts = scriptPortsFromPackageJson(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    } catch {
      // No package.json: only the common ports.
    }
    const where = workspaceRoots.length > 1 ? ` (${path.basename(root)})` : '';
    for (const { port, script } of fromScripts) if (!sources.has(port)) sources.set(port, `package.json script ${script}${where}`);
  }
  for (const port of extraPorts) if (!sources.has(port)) sources.set(port, `port ${port} answered`);
  const candidates = [...sources.keys()];
  const open = await Promise.all(candidates.map((p) => answersOnLoopback(p)));
  return candidates.filter((_, i) => open[i]).map((port) => ({ baseUrl: `http://127.0.0.1:${port}`, port, source: sources.get(port) ?? `port ${port} answered` }));
}
