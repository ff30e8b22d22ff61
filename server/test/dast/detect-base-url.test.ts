/** Base URL detection: ports from package.json dev scripts and common ports, kept only when they answer on 127.0.0.1. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectBaseUrls, detectDevServers, portsFromPackageJson, scriptPortsFromPackageJson } from '../../src/dast/detect-base-url';

describe('dast: detectBaseUrls', () => {
  let server: net.Server;
  let port = 0;
  let dir = '';

  before(async () => {
    server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-detect-'));
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads ports from dev scripts, dev first', () => {
    const text = JSON.stringify({ scripts: { build: 'tsc', start: 'PORT=4100 node server.js', dev: 'next dev -p 3100', serve: 'vite --port=5200' } });
    assert.deepEqual(portsFromPackageJson(text), [3100, 4100, 5200]);
    assert.deepEqual(portsFromPackageJson('not json'), []);
    assert.deepEqual(scriptPortsFromPackageJson(text), [
      { port: 3100, script: 'dev' },
      { port: 4100, script: 'start' },
      { port: 5200, script: 'serve' },
    ]);
  });

  it('keeps only the ports that answer on loopback', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts: { dev: `node app.js --port ${port}` } }));
    assert.deepEqual(await detectBaseUrls(dir, [closed]), [`http://127.0.0.1:${port}`]);
    // With where each came from: the script, else the common port that answered.
    assert.deepEqual(await detectDevServers([dir], [closed, port]), [{ baseUrl: `http://127.0.0.1:${port}`, port, source: 'package.json script dev' }]);
    assert.deepEqual(await detectDevServers([], [closed, port]), [{ baseUrl: `http://127.0.0.1:${port}`, port, source: `port ${port} answered` }]);
  });
});
