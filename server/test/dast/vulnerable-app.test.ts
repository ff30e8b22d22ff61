/** End to end: SAST then probes against the real vulnerable Express app (sql.js) on an ephemeral 127.0.0.1 port. */
import * as assert from 'node:assert/strict';
import { loadRules } from '../../src/engine/rules/load-rules';
import { scanFile } from '../../src/engine/scan-file';
import type { Finding } from '../../src/engine/types';
import type { SourceFile } from '../../src/dast/extract-routes';
import { NonLoopbackTargetError } from '../../src/dast/loopback-client';
import { probeFindings } from '../../src/dast/probe-findings';
import type { HostResolver, ProbeEvent, ProbeOptions, ProbeResult } from '../../src/dast/types';
import { fixture, loadFixtureApp, readSources, scanWithTestRules } from './helpers';

/** Every vulnerable route and the class it must be confirmed as. */
const VULNERABLE: readonly string[] = [
  'sqli GET /api/sql/products/search',
  'sqli GET /api/sql/products/:id',
  'sqli POST /api/sql/login',
  'sqli GET /api/sql/products-by-name',
  'nosqli POST /api/nosql/login',
  'xss GET /api/greet',
  'xss GET /api/banner',
  'xss GET /api/welcome',
  'path-traversal GET /api/files',
  'cmdi GET /api/ls',
  'code-injection GET /api/calc',
  'ssti GET /api/hello',
  'ssrf GET /api/preview',
  'open-redirect GET /go',
];

const fakeResolver: HostResolver = (host) => Promise.resolve(host === 'localhost' ? ['127.0.0.1'] : host === 'intranet.test' ? ['10.20.30.40'] : []);

async function collect(findings: readonly Finding[], files: readonly SourceFile[], options: ProbeOptions, signal?: AbortSignal): Promise<ProbeEvent[]> {
  const events: ProbeEvent[] = [];
  for await (const e of probeFindings(findings, files, options, signal)) events.push(e);
  return events;
}

const key = (r: ProbeResult): string => `${r.vulnClass ?? '?'} ${r.route?.method ?? '?'} ${r.route?.path ?? '?'}`;

describe('dast: vulnerable Express app', function () {
  this.timeout(60000);
  const app = loadFixtureApp('vulnerable-app');
  let baseUrl = '';
  let files: SourceFile[] = [];
  let findings: Finding[] = [];
  let results: ProbeResult[] = [];
  let events: ProbeEvent[] = [];
  const log: string[] = [];

  before(async () => {
    const port = await app.start(0);
    baseUrl = `http://127.0.0.1:${port}`;
    files = readSources(fixture('vulnerable-app'));
    findings = scanWithTestRules(files);
    events = await collect(findings, files, { baseUrl, allowMethods: ['POST'], delayMs: 0, resolver: fakeResolver, logger: (l) => log.push(l) });
    results = events.flatMap((e) => (e.kind === 'result' ? [e.result] : []));
  });

  after(async () => {
    await app.stop();
  });

  it('confirms every vulnerable route, with evidence', () => {
    const confirmed = new Set(results.filter((r) => r.verdict === 'confirmed').map(key));
    for (const route of VULNERABLE) assert.ok(confirmed.has(route), `${route} was not confirmed:\n${results.filter((r) => key(r) === route).map((r) => r.reason).join('\n')}`);
    // Through every kind of input: query, path segment, JSON body, header, cookie.
    const locations = new Set(results.filter((r) => r.verdict === 'confirmed').map((r) => r.input?.location));
    assert.deepEqual([...locations].sort(), ['cookie', 'header', 'json', 'path', 'query']);
    for (const r of results.filter((x) => x.verdict === 'confirmed')) {
      assert.ok(r.evidence, `${key(r)} has no evidence`);
      assert.ok(r.evidence.request.url.startsWith(baseUrl));
      assert.ok(r.evidence.excerpt.length > 0);
    }
  });

  it('confirms no fixed twin, and probes a fixed twin of every class', () => {
    const twins = results.filter((r) => r.route?.path.includes('-fixed'));
    const wrong = twins.filter((r) => r.verdict === 'confirmed');
    assert.deepEqual(wrong.map((r) => `${key(r)}: ${r.reason}`), []);
    const probedClasses = new Set(twins.filter((r) => r.requests > 0).map((r) => r.vulnClass));
    for (const cls of ['sqli', 'nosqli', 'xss', 'path-traversal', 'cmdi', 'code-injection', 'ssti', 'ssrf', 'open-redirect']) assert.ok(probedClasses.has(cls as never), `no fixed twin probed for ${cls}`);
  });

  it('stays within the request bounds, with a baseline first', () => {
    for (const r of results) assert.ok(r.requests <= 12, `${key(r)} sent ${r.requests} requests`);
    const done = events.find((e) => e.kind === 'done');
    assert.ok(done?.kind === 'done');
    assert.equal(done.requests, events.filter((e) => e.kind === 'request').length);
    // Each finding's first request is its baseline: benign values only, no payload.
    const firsts = new Map<number, string>();
    for (const e of events) if (e.kind === 'request' && !firsts.has(e.index)) firsts.set(e.index, decodeURIComponent(e.request.url) + (e.request.body ?? ''));
    for (const first of firsts.values()) assert.doesNotMatch(first.replace(/^https?:\/\/[^/]+/, '').replace(/http:\/\/127\.0\.0\.1:\d+\/vigil-\w+/, ''), /['<>$]|\.\.\/|\.invalid/, first);
    // The confirmed hard cases need only a handful of requests.
    const login = results.find((r) => key(r) === 'sqli POST /api/sql/login');
    assert.ok(login && login.requests <= 8);
  });

  it('logs every request and response summary', () => {
    const sent = events.filter((e) => e.kind === 'request').length;
    assert.equal(log.filter((l) => l.trimStart().startsWith('→ ')).length, sent);
    assert.equal(log.filter((l) => l.trimStart().startsWith('← ')).length, sent);
  });

  it('probes findings without a trace (a search rule with only a CWE), also in a helper the handler calls', async () => {
    const loaded = loadRules([fixture('dast', 'search-rules')]);
    const sqlFile = files.find((f) => f.path.endsWith('sql.js'));
    assert.ok(sqlFile);
    const plain = scanFile(sqlFile.text, sqlFile.path, loaded.rules).findings;
    assert.equal(plain.length, 4);
    assert.ok(plain.every((f) => f.trace === undefined));
    const evs = await collect(plain, files, { baseUrl, allowMethods: ['POST'], delayMs: 0 });
    const got = evs.flatMap((e) => (e.kind === 'result' ? [`${e.result.verdict} ${key(e.result)} ${e.result.input?.location ?? '?'}:${e.result.input?.name ?? '?'}`] : [])).sort();
    assert.deepEqual(got, [
      'confirmed sqli GET /api/sql/products-by-name query:name',
      'confirmed sqli GET /api/sql/products/:id path:id',
      'confirmed sqli GET /api/sql/products/search query:q',
      'confirmed sqli POST /api/sql/login json:username',
    ]);
  });

  it('pauses between requests', async () => {
    const greet = findings.filter((f) => f.ruleId === 'dast-xss' && f.path.endsWith('misc.js') && f.snippet.includes('value="${name}"'));
    assert.equal(greet.length, 2);
    const stamps: number[] = [];
    // The logger is called as each request leaves, so its clock is the sender's.
    const logger = (line: string): void => {
      if (line.trimStart().startsWith('→ ')) stamps.push(Date.now());
    };
    for await (const e of probeFindings(greet, files, { baseUrl, delayMs: 150, logger })) void e;
    assert.ok(stamps.length >= 4);
    for (let i = 1; i < stamps.length; i++) assert.ok((stamps[i] ?? 0) - (stamps[i - 1] ?? 0) >= 140, `requests ${i - 1} and ${i} only ${(stamps[i] ?? 0) - (stamps[i - 1] ?? 0)} ms apart`);
  });

  it('honours a per-run bound', async () => {
    const bounded = await collect(findings, files, { baseUrl, allowMethods: ['POST'], delayMs: 0, maxRequestsPerRun: 5 });
    const done = bounded.find((e) => e.kind === 'done');
    assert.ok(done?.kind === 'done');
    assert.equal(done.requests, 5);
    assert.ok(done.results.some((r) => /request budget/.test(r.reason)));
  });

  it('skips POST routes unless POST is allowed', async () => {
    const login = findings.filter((f) => f.path.endsWith('sql.js') && f.snippet.includes('username'));
    assert.ok(login.length > 0);
    const evs = await collect(login, files, { baseUrl, delayMs: 0 });
    const r = evs.flatMap((e) => (e.kind === 'result' ? [e.result] : []));
    assert.ok(r.every((x) => x.verdict === 'skipped' && x.requests === 0 && /--allow-methods POST/.test(x.reason)));
    assert.equal(evs.filter((e) => e.kind === 'request').length, 0);
  });

  it('refuses a non-loopback base URL before sending anything', async () => {
    await assert.rejects(collect(findings, files, { baseUrl: 'http://10.0.0.1:3000', resolver: fakeResolver }), NonLoopbackTargetError);
    await assert.rejects(collect(findings, files, { baseUrl: 'http://intranet.test:3000', resolver: fakeResolver }), NonLoopbackTargetError);
    // localhost is fine once it resolves to loopback.
    const port = new URL(baseUrl).port;
    const ok = await collect(findings.slice(0, 1), files, { baseUrl: `http://localhost:${port}`, resolver: fakeResolver, delayMs: 0 });
    assert.ok(ok.some((e) => e.kind === 'done'));
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    const seen: ProbeEvent[] = [];
    const started = Date.now();
    for await (const e of probeFindings(findings, files, { baseUrl, allowMethods: ['POST'], delayMs: 200 }, controller.signal)) {
      seen.push(e);
      if (e.kind === 'request' && seen.filter((x) => x.kind === 'request').length === 2) controller.abort();
    }
    const done = seen.find((e) => e.kind === 'done');
    assert.ok(done?.kind === 'done' && done.cancelled);
    assert.equal(seen.filter((e) => e.kind === 'request').length, 2);
    assert.ok(Date.now() - started < 2000, 'cancel took too long');
  });

  it('stops sending when the caller leaves the loop', async () => {
    let requests = 0;
    for await (const e of probeFindings(findings, files, { baseUrl, allowMethods: ['POST'], delayMs: 0 })) {
      if (e.kind === 'request') requests++;
      if (e.kind === 'result') break;
    }
    const before = requests;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(requests, before);
  });
});
