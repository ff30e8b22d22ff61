/** A listener on 127.0.0.1 that records which canary paths were requested: the out-of-band proof of SSRF. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running canary listener. */
export interface CanaryListener {
  /** The URL to hand to the target for `token` (http://127.0.0.1:PORT/vigil-TOKEN). */
  urlFor(token: string): string;
  /** True once a request for `token` arrived. */
  wasHit(token: string): boolean;
  /** Waits up to `ms` for a hit on `token`. */
  waitForHit(token: string, ms: number, signal?: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts a listener on an ephemeral 127.0.0.1 port.
 *
 * Why: an SSRF sink makes the server itself send a request; the only proof that
 * does not depend on what the handler echoes is that request arriving. The
 * listener answers 204 with no body, so nothing it returns can harm the target.
 */
export async function startCanaryListener(): Promise<CanaryListener> {
  const hits = new Set<string>();
  const waiters = new Map<string, () => void>();
  const server = http.createServer((req, res) => {
    const match = /^\/vigil-([a-z0-9]+)/.exec(req.url ?? '');
    if (match?.[1]) {
      hits.add(match[1]);
      waiters.get(match[1])?.();
    }
    res.writeHead(204, { connection: 'close' });
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    urlFor: (token) => `http://127.0.0.1:${port}/vigil-${token}`,
    wasHit: (token) => hits.has(token),
    waitForHit: (token, ms, signal) =>
      new Promise<boolean>((resolve) => {
        if (hits.has(token)) return resolve(true);
        const done = (value: boolean): void => {
          clearTimeout(timer);
          waiters.delete(token);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        };
        const onAbort = (): void => done(false);
        const timer = setTimeout(() => done(hits.has(token)), ms);
        waiters.set(token, () => done(true));
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
