/** End to end on a Fastify app: route({…}), register() prefixes and a path parameter, so extraction is not Express-only. */
import * as assert from 'node:assert/strict';
import { probeFindings } from '../../src/dast/probe-findings';
import type { ProbeResult } from '../../src/dast/types';
import { fixture, loadFixtureApp, readSources, scanWithTestRules } from './helpers';

describe('dast: vulnerable Fastify app', function () {
  this.timeout(60000);
  const app = loadFixtureApp('fastify-app');
  const results: ProbeResult[] = [];

  before(async () => {
    const port = await app.start(0);
    const files = readSources(fixture('fastify-app'));
    const findings = scanWithTestRules(files);
    for await (const e of probeFindings(findings, files, { baseUrl: `http://127.0.0.1:${port}`, delayMs: 0 })) {
      if (e.kind === 'result') results.push(e.result);
    }
  });

  after(async () => {
    await app.stop();
  });

  it('confirms the vulnerable routes and none of the fixed twins', () => {
    const verdicts = results.map((r) => `${r.verdict} ${r.vulnClass ?? '?'} ${r.route?.method ?? '?'} ${r.route?.path ?? '?'} ${r.input?.location ?? '?'}`).sort();
    assert.deepEqual(verdicts, [
      'confirmed cmdi GET /echo query',
      'confirmed sqli GET /search query',
      'confirmed xss GET /v1/hello/:name path',
      'not-confirmed cmdi GET /echo-fixed query',
      'not-confirmed sqli GET /search-fixed query',
      'not-confirmed xss GET /v1/hello-fixed/:name path',
    ]);
    for (const r of results) assert.ok(r.requests <= 12);
  });
});
