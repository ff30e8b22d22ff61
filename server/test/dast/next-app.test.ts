/** End to end on Next.js app-router route handlers (app/**\/route.js) served by a tiny adapter: searchParams and [segment] inputs. */
import * as assert from 'node:assert/strict';
import { probeFindings } from '../../src/dast/probe-findings';
import type { ProbeResult } from '../../src/dast/types';
import { fixture, readSources, scanWithTestRules, type FixtureApp } from './helpers';

describe('dast: Next.js route handlers', function () {
  this.timeout(60000);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const app = require(fixture('dast', 'next-app', 'app.js')) as FixtureApp;
  const results: ProbeResult[] = [];

  before(async () => {
    const port = await app.start(0);
    const files = readSources(fixture('dast', 'next-app', 'app'));
    const findings = scanWithTestRules(files);
    for await (const e of probeFindings(findings, files, { baseUrl: `http://127.0.0.1:${port}`, delayMs: 0 })) {
      if (e.kind === 'result') results.push(e.result);
    }
  });

  after(async () => {
    await app.stop();
  });

  it('confirms the vulnerable handlers and none of the fixed twins', () => {
    const verdicts = results.map((r) => `${r.verdict} ${r.vulnClass ?? '?'} ${r.route?.method ?? '?'} ${r.route?.path ?? '?'} ${r.input ? `${r.input.location}:${r.input.name}` : '?'}`).sort();
    assert.deepEqual(verdicts, [
      'confirmed sqli GET /api/search query:term',
      'confirmed xss GET /api/greet/:name path:name',
      'not-confirmed sqli GET /api/search-fixed query:term',
      'not-confirmed xss GET /api/greet-fixed/:name path:name',
    ]);
  });
});
