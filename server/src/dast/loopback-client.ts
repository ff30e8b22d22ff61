/** The only way the prober talks HTTP: loopback targets only, checked after name resolution and on every redirect. */
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { HostResolver, ProbeRequest, ProbeResponse } from './types';

/** Thrown (and shown to the user) when a target is not on this machine's loopback interface. */
export class NonLoopbackTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonLoopbackTargetError';
  }
}

/** Thrown when a request is cancelled through its AbortSignal. */
export class ProbeCancelledError extends Error {
  constructor() {
    super('probe cancelled');
    this.name = 'ProbeCancelledError';
  }
}

/**
 * True for `127.0.0.0/8`, `::1` and IPv4-mapped loopback (`::ffff:127.x.x.x`).
 *
 * Why: the prober sends attack-shaped requests; they may only ever reach the
 * developer's own machine, whatever a setting or a redirect says.
 */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (net.isIPv4(bare)) return bare.split('.')[0] === '127';
  if (net.isIPv6(bare)) {
    const lower = bare.toLowerCase();
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped?.[1] !== undefined && mapped[1].split('.')[0] === '127';
  }
  return false;
}

/** The system resolver: every address the name has, as `dns.lookup` sees it (hosts file included). */
export const systemResolver: HostResolver = async (hostname) => {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
};

/** A target that passed the check: the URL and the loopback address to connect to. */
export interface CheckedTarget {
  url: URL;
  address: string;
}

/**
 * Resolves the URL's host and returns the address to connect to, or throws
 * {@link NonLoopbackTargetError} unless every address is loopback.
 *
 * Why after resolution: a name like `dev.example.com` may point anywhere; only
 * the addresses decide. The caller connects to the returned address itself, so
 * a second lookup (DNS rebinding) cannot send the request elsewhere.
 */
export async function checkLoopbackTarget(target: string | URL, resolver: HostResolver = systemResolver): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    throw new NonLoopbackTargetError(`'${String(target)}' is not a URL; give the dev server as http://127.0.0.1:PORT`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NonLoopbackTargetError(`refusing ${url.protocol} target ${url.href}: only http: and https: on loopback are probed`);
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await resolver(host);
    } catch (error) {
      throw new NonLoopbackTargetError(`refusing ${url.origin}: '${host}' could not be resolved (${error instanceof Error ? error.message : String(error)}); probes only go to 127.0.0.1, ::1 or localhost`);
    }
  }
  const outside = addresses.filter((a) => !isLoopbackAddress(a));
  if (addresses.length === 0 || outside.length > 0) {
    throw new NonLoopbackTargetError(
      `refusing ${url.origin}: it resolves to ${addresses.join(', ') || 'nothing'}, which is not loopback. ` +
        'Vigil probes only a dev server on this machine (127.0.0.0/8, ::1, localhost), whatever the settings say: start it locally and give http://127.0.0.1:PORT.',
    );
  }
  const first = addresses[0] ?? '127.0.0.1';
  return { url, address: first };
}

/** Options of {@link LoopbackClient}. */
export interface LoopbackClientOptions {
  resolver?: HostResolver;
  timeoutMs?: number;
  /** Same-origin loopback redirects followed per request (default 0: none). */
  maxRedirects?: number;
  /** Bytes of body kept per response (default 256 KiB). */
  maxBodyBytes?: number;
  /** Told about every redirect that was not followed, and why. */
  onRedirectRefused?: (from: string, to: string, reason: string) => void;
}

/**
 * Sends requests to loopback targets and returns status, headers and body.
 *
 * Why its own client: `fetch` follows redirects and resolves names itself. Here
 * the address is checked and pinned per request, redirects are not followed
 * unless same-origin and re-checked, and every request has a time limit and
 * honours cancellation at once.
 */
export class LoopbackClient {
  private readonly resolver: HostResolver;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: LoopbackClientOptions = {}) {
    this.resolver = options.resolver ?? systemResolver;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxRedirects = options.maxRedirects ?? 0;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  }

  /** Sends `request`; throws {@link NonLoopbackTargetError} before any byte leaves for a non-loopback target. */
  async send(request: ProbeRequest, signal?: AbortSignal): Promise<ProbeResponse> {
    let current = request;
    for (let hop = 0; ; hop++) {
      const checked = await checkLoopbackTarget(current.url, this.resolver);
      if (signal?.aborted) throw new ProbeCancelledError();
      const response = await this.sendOnce(current, checked, signal);
      const location = response.headers['location'];
      if (response.status < 300 || response.status >= 400 || location === undefined) return response;
      let next: URL;
      try {
        next = new URL(location, current.url);
      } catch {
        return response;
      }
      const from = new URL(current.url);
      if (next.origin !== from.origin) {
        this.options.onRedirectRefused?.(current.url, next.href, 'another origin: redirects are only followed on the same loopback origin');
        return response;
      }
      if (hop >= this.maxRedirects) {
        if (this.maxRedirects > 0) this.options.onRedirectRefused?.(current.url, next.href, 'too many redirects');
        return response;
      }
      current = { method: 'GET', url: next.href, headers: { ...current.headers } };
      delete current.headers['content-type'];
    }
  }

  private sendOnce(request: ProbeRequest, target: CheckedTarget, signal?: AbortSignal): Promise<ProbeResponse> {
    const started = performance.now();
    const { url, address } = target;
    const lib = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { host: url.host, 'user-agent': 'vigil-probe', ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    return new Promise<ProbeResponse>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new ProbeCancelledError());
        return;
      }
      const req = lib.request(
        {
          host: address,
          port: url.port || (url.protocol === 'https:' ? 443 : 80),
          path: url.pathname + url.search,
          method: request.method,
          headers,
          servername: url.protocol === 'https:' && !net.isIP(url.hostname) ? url.hostname : undefined,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < this.maxBodyBytes) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () => {
            cleanup();
            const flat: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({
              status: res.statusCode ?? 0,
              headers: flat,
              body: Buffer.concat(chunks).subarray(0, this.maxBodyBytes).toString('utf8'),
              durationMs: Math.round(performance.now() - started),
            });
          });
          res.on('error', (e) => {
            cleanup();
            reject(e);
          });
        },
      );
      const onAbort = (): void => {
        req.destroy();
        cleanup();
        reject(new ProbeCancelledError());
      };
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => {
        cleanup();
        reject(signal?.aborted ? new ProbeCancelledError() : e);
      });
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
  }
}
