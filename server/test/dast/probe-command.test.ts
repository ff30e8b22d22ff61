/** `vigil probe` (runProbeCommand): SAST then probes, JSON/text output with evidence, exit codes 0/1/2. */
import * as assert from 'node:assert/strict';
import { runProbeCommand, type ProbeCommandIo } from '../../src/cli/commands/probe';
import { fixture, loadFixtureApp, ROOT } from './helpers';

function io(): ProbeCommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd: ROOT, stdout: (t) => out.push(t), stderr: (t) => err.push(t), resolver: () => Promise.resolve(['10.9.8.7']) };
}

describe('dast: vigil probe', function () {
  this.timeout(60000);
  const app = loadFixtureApp('vulnerable-app');
  let baseUrl = '';

  before(async () => {
    baseUrl = `http://127.0.0.1:${await app.start(0)}`;
  });

  after(async () => {
    await app.stop();
  });

  it('confirms findings with evidence in JSON and exits 1', async () => {
    const out = io();
    const code = await runProbeCommand(['--base-url', baseUrl, '--no-default-rules', '--rules', 'test-fixtures/dast/rules', '--allow-methods', 'POST', '--delay', '0', '--format', 'json', '--verbose', fixture('vulnerable-app')], out);
    assert.equal(code, 1, out.err.join(''));
    const report = JSON.parse(out.out.join('')) as { results: { verdict: string; route?: { path: string }; evidence?: { request: { url: string } } }[]; summary: { confirmed: number } };
    assert.ok(report.summary.confirmed >= 11);
    const login = report.results.find((r) => r.route?.path === '/api/sql/login' && r.verdict === 'confirmed');
    assert.ok(login?.evidence?.request.url.endsWith('/api/sql/login'));
    // --verbose: every request and response summary on stderr.
    assert.ok(out.err.some((l) => l.includes('→ POST') && l.includes('/api/sql/login')));
    assert.ok(out.err.some((l) => l.includes('← 401')));
  });

  it('prints a text report that says "not confirmed" is not "safe"', async () => {
    const out = io();
    const code = await runProbeCommand(['--base-url', baseUrl, '--no-default-rules', '-r', 'test-fixtures/dast/rules', '--delay', '0', '--max-requests', '4', '--routes-from', fixture('vulnerable-app'), fixture('vulnerable-app', 'routes', 'misc.js')], out);
    assert.equal(code, 1);
    const text = out.out.join('');
    assert.match(text, /CONFIRMED {2}dast-xss \[xss\] GET \/api\/greet/);
    assert.match(text, /request: {2}GET http:\/\/127\.0\.0\.1:\d+\/api\/greet\?name=/);
    assert.match(text, /POST requests are off; allow them with --allow-methods POST/);
    assert.match(text, /does not mean safe/);
  });

  it('refuses a non-loopback base URL with exit 2, whatever the other flags say', async () => {
    for (const url of ['http://10.0.0.1:3000', 'http://dev.elsewhere.test:3000']) {
      const out = io();
      const code = await runProbeCommand(['--base-url', url, '--no-default-rules', '-r', 'test-fixtures/dast/rules', '--allow-methods', 'POST', fixture('vulnerable-app')], out);
      assert.equal(code, 2);
      assert.match(out.err.join(''), /not loopback/);
    }
  });

  it('exits 2 on usage errors and 0 for --help', async () => {
    assert.equal(await runProbeCommand([], io()), 2);
    assert.equal(await runProbeCommand(['--base-url', baseUrl, '--format', 'xml'], io()), 2);
    assert.equal(await runProbeCommand(['--base-url', baseUrl, '--rules', 'no/such/rules'], io()), 2);
    const help = io();
    assert.equal(await runProbeCommand(['--help'], help), 0);
    assert.match(help.out.join(''), /--base-url/);
  });
});
