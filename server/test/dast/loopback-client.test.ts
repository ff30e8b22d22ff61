/** Safety: loopback only (after resolution, on every redirect), redirects off the origin not followed, time limits, cancel. */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLoopbackTarget, isLoopbackAddress, LoopbackClient, NonLoopbackTargetError, ProbeCancelledError } from '../../src/dast/loopback-client';
import type { HostResolver } from '../../src/dast/types';

/** A resolver for the tests: no real DNS is ever asked. */
const fakeResolver: HostResolver = (host) => {
  const table: Record<string, string[]> = {
    localhost: ['127.0.0.1', '::1'],
    'dev.test': ['127.0.0.2'],
    'elsewhere.test': ['93.184.216.34'],
    'split.test': ['127.0.0.1', '10.1.2.3'],
  };
  const answer = table[host];
  return answer ? Promise.resolve(answer) : Promise.reject(new Error(`ENOTFOUND ${host}`));
};

describe('dast: loopback-only client', () => {
  let server: http.Server;
  let port = 0;
  let hits: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/away') {
        res.writeHead(302, { location: 'http://10.0.0.1/steal' });
        res.end();
      } else if (req.url === '/home') {
        res.writeHead(302, { location: '/landing' });
        res.end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 3000).unref();
      } else {
        res.end('ok ' + (req.url ?? ''));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    hits = [];
  });

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(a), a);
    for (const a of ['10.0.0.1', '0.0.0.0', '192.168.1.1', '::', 'fe80::1', '::ffff:10.0.0.1', 'localhost']) assert.ok(!isLoopbackAddress(a), a);
  });

  it('refuses a non-loopback address and names what to use instead', async () => {
    await assert.rejects(checkLoopbackTarget('http://10.0.0.1:3000', fakeResolver), (e: unknown) => e instanceof NonLoopbackTargetError && /not loopback/.test(e.message) && /127\.0\.0\.1/.test(e.message));
  });

  it('checks after name resolution: a name that resolves elsewhere, or partly elsewhere, is refused', async () => {
    await assert.rejects(checkLoopbackTarget('http://elsewhere.test:3000', fakeResolver), NonLoopbackTargetError);
    await assert.rejects(checkLoopbackTarget('http://split.test:3000', fakeResolver), NonLoopbackTargetError);
    await assert.rejects(checkLoopbackTarget('http://unknown.test', fakeResolver), NonLoopbackTargetError);
    await assert.rejects(checkLoopbackTarget('file:///etc/passwd', fakeResolver), NonLoopbackTargetError);
    assert.equal((await checkLoopbackTarget('http://dev.test:3000', fakeResolver)).address, '127.0.0.2');
    assert.equal((await checkLoopbackTarget('http://localhost:3000', fakeResolver)).address, '127.0.0.1');
  });

  it('sends nothing to a refused target', async () => {
    const client = new LoopbackClient({ resolver: fakeResolver });
    await assert.rejects(client.send({ method: 'GET', url: 'http://elsewhere.test/x', headers: {} }), NonLoopbackTargetError);
  });

  it('connects to the checked address and sends the original Host', async () => {
    const client = new LoopbackClient({ resolver: fakeResolver });
    const r = await client.send({ method: 'GET', url: `http://localhost:${port}/hello`, headers: {} });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'ok /hello');
  });

  it('does not follow a redirect to a non-loopback host, and says so', async () => {
    const refused: string[] = [];
    const client = new LoopbackClient({ resolver: fakeResolver, maxRedirects: 3, onRedirectRefused: (_f, to) => refused.push(to) });
    const r = await client.send({ method: 'GET', url: `http://127.0.0.1:${port}/away`, headers: {} });
    assert.equal(r.status, 302);
    assert.equal(r.headers['location'], 'http://10.0.0.1/steal');
    assert.deepEqual(hits, ['/away']);
    assert.deepEqual(refused, ['http://10.0.0.1/steal']);
  });

  it('follows a same-origin redirect only when allowed, re-checking it', async () => {
    const none = await new LoopbackClient({ resolver: fakeResolver }).send({ method: 'GET', url: `http://127.0.0.1:${port}/home`, headers: {} });
    assert.equal(none.status, 302);
    const one = await new LoopbackClient({ resolver: fakeResolver, maxRedirects: 1 }).send({ method: 'GET', url: `http://127.0.0.1:${port}/home`, headers: {} });
    assert.equal(one.body, 'ok /landing');
  });

  it('gives up after the per-request time limit', async () => {
    const client = new LoopbackClient({ resolver: fakeResolver, timeoutMs: 200 });
    const started = Date.now();
    await assert.rejects(client.send({ method: 'GET', url: `http://127.0.0.1:${port}/slow`, headers: {} }), /no answer within 200 ms/);
    assert.ok(Date.now() - started < 1500);
  });

  it('stops at once when cancelled', async () => {
    const client = new LoopbackClient({ resolver: fakeResolver });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(client.send({ method: 'GET', url: `http://127.0.0.1:${port}/slow`, headers: {} }, controller.signal), ProbeCancelledError);
    assert.ok(Date.now() - started < 1000);
  });
});
