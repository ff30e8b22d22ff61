/** Which request input carries the tainted data: query, path, JSON/form body field, header, cookie. */
import * as assert from 'node:assert/strict';
import { parseSource } from '../../src/engine/parse/parse-source';
import { parseRuleFile } from '../../src/engine/rules/load-rules';
import { scanFile } from '../../src/engine/scan-file';
import { locateInputs } from '../../src/dast/locate-input';

const RULE = `
rules:
  - id: t
    mode: taint
    languages: [javascript, typescript]
    severity: ERROR
    message: m
    pattern-sources:
      - patterns:
          - pattern-either:
              - pattern: $R.query
              - pattern: $R.body
              - pattern: $R.params
              - pattern: $R.headers
              - pattern: $R.cookies
              - pattern: $R.get(...)
              - pattern: $R.request.body
          - metavariable-regex: { metavariable: $R, regex: ^(req|request|ctx)$ }
      - pattern: searchParams.get(...)
      - pattern: await $REQ.json()
    pattern-sinks:
      - pattern: sink(...)
`;

function locate(code: string): { primary: string | undefined; all: string[]; bodyKind: string } {
  const rules = parseRuleFile(RULE, 'r.yaml').rules;
  const { findings } = scanFile(code, 'h.ts', rules);
  const finding = findings[0];
  assert.ok(finding, 'expected a finding');
  const program = parseSource(code, 'h.ts').program;
  assert.ok(program);
  const located = locateInputs(finding, program, code, { start: 0, end: code.length });
  return {
    primary: located.primary ? `${located.primary.location}:${located.primary.name}` : undefined,
    all: located.all.map((i) => `${i.location}:${i.name}`).sort(),
    bodyKind: located.bodyKind,
  };
}

describe('dast: locateInputs', () => {
  it('query parameter through a member and through destructuring (the one the sink uses)', () => {
    assert.equal(locate('function h(req) { sink(req.query.q); }').primary, 'query:q');
    const r = locate('function h(req) { const { page, term } = req.query; sink(`x ${term}`); }');
    assert.equal(r.primary, 'query:term');
    assert.deepEqual(r.all, ['query:page', 'query:term']);
  });

  it('path parameter, JSON body field with its sibling fields, header, cookie', () => {
    assert.equal(locate('function h(req) { sink(req.params.id); }').primary, 'path:id');
    const login = locate('function h(req) { const { username, password } = req.body; sink(`u=${username} p=${password}`); }');
    assert.equal(login.primary, 'json:username');
    assert.deepEqual(login.all, ['json:password', 'json:username']);
    assert.equal(locate("function h(req) { sink(req.headers['X-Forwarded-Host']); }").primary, 'header:x-forwarded-host');
    assert.equal(locate("function h(req) { sink(req.get('X-User')); }").primary, 'header:x-user');
    assert.equal(locate('function h(req) { sink(req.cookies.session); }').primary, 'cookie:session');
  });

  it('Koa ctx.request.body and Next.js searchParams / request.json()', () => {
    assert.equal(locate('async function h(ctx) { const { format } = ctx.request.body; sink(format); }').primary, 'json:format');
    assert.equal(locate("async function GET(request) { const { searchParams } = new URL(request.url); sink(searchParams.get('url')); }").primary, 'query:url');
    assert.equal(locate('async function POST(request) { const { email } = await request.json(); sink(email); }').primary, 'json:email');
  });

  it('sends a form body when the code only parses forms', () => {
    assert.equal(locate("app.use(express.urlencoded()); function h(req) { sink(req.body.name); }").bodyKind, 'form');
    assert.equal(locate('function h(req) { sink(req.body.name); }').bodyKind, 'json');
    assert.equal(locate("app.use(express.urlencoded()); function h(req, res) { sink(req.body.name); res.json({}); }").bodyKind, 'form');
    assert.equal(locate("app.use(express.json()); app.use(express.urlencoded()); function h(req) { sink(req.body.name); }").bodyKind, 'json');
  });
});
