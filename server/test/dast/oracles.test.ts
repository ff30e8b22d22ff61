/** The oracles: same-shape comparison against non-200 baselines, boolean pairs, reflections, echoes, redirects. */
import * as assert from 'node:assert/strict';
import {
  booleanPairDiffers,
  computedEcho,
  fileContentShown,
  productShown,
  redirectsTo,
  reflectedUnescaped,
  responseShape,
  sameShape,
  sqlErrorIn,
} from '../../src/dast/oracles';
import type { ProbeResponse } from '../../src/dast/types';

function res(status: number, body: string, headers: Record<string, string> = {}): ProbeResponse {
  return { status, body, headers, durationMs: 1 };
}

describe('dast: oracles', () => {
  it('compares status, structure and size, not "200"', () => {
    const fail = responseShape(res(401, '{"error":"invalid credentials"}'));
    assert.ok(sameShape(fail, responseShape(res(401, '{"error":"invalid credentials"}'))));
    assert.ok(!sameShape(fail, responseShape(res(200, '{"user":"alice"}'))));
    // An empty list and a list with rows are different structures.
    assert.ok(!sameShape(responseShape(res(200, '[]')), responseShape(res(200, '[{"id":1}]'))));
    // Echoed input is taken out before sizes are compared.
    const a = responseShape(res(200, '<p>Results for shoes</p>'), ['shoes']);
    const b = responseShape(res(200, "<p>Results for shoes' AND 1=1 AND ''='</p>"), ["shoes' AND 1=1 AND ''='"]);
    assert.ok(sameShape(a, b));
  });

  it('judges a boolean pair only when the neutral form matches the baseline and the other differs', () => {
    const base = responseShape(res(401, '{"error":"no"}'));
    const same = responseShape(res(401, '{"error":"no"}'));
    const other = responseShape(res(200, '{"user":"alice"}'));
    assert.ok(booleanPairDiffers(base, same, other));
    assert.equal(booleanPairDiffers(base, other, same), undefined);
    assert.equal(booleanPairDiffers(base, same, same), undefined);
    // A flaky server: the neutral form does not look like the baseline.
    assert.equal(booleanPairDiffers(base, responseShape(res(500, 'x')), other), undefined);
  });

  it('spots database errors, and not ordinary pages', () => {
    assert.ok(sqlErrorIn('{"error":"unrecognized token: \\"\'\\""}'));
    assert.ok(sqlErrorIn('SQLITE_ERROR: near "x": syntax error'));
    assert.equal(sqlErrorIn('{"error":"internal error"}'), undefined);
  });

  it('sees a canary tag only when it is unescaped in HTML', () => {
    assert.ok(reflectedUnescaped(res(200, '<input value=""><vigilx>">', { 'content-type': 'text/html' }), '"><vigilx>'));
    assert.equal(reflectedUnescaped(res(200, '<input value="&quot;&gt;&lt;vigilx&gt;">', { 'content-type': 'text/html' }), '"><vigilx>'), undefined);
    assert.equal(reflectedUnescaped(res(200, '{"q":"\\"><vigilx>"}', { 'content-type': 'application/json' }), '"><vigilx>'), undefined);
  });

  it('needs the computed result, not the payload text', () => {
    assert.ok(computedEcho(res(200, 'out: M6M'), 'M', '6'));
    assert.equal(computedEcho(res(200, 'out: echo M$((2*3))M'), 'M', '6'), undefined);
    assert.ok(productShown(res(200, '<p>Hello 408</p>'), res(200, '<p>Hello</p>'), 408));
    assert.equal(productShown(res(200, '<p>Hello 408</p>'), res(200, '<p>408</p>'), 408), undefined);
  });

  it('reads Location for the canary host and the canary file content', () => {
    assert.ok(redirectsTo(res(302, '', { location: 'https://vigil-x.invalid/' }), 'vigil-x.invalid'));
    assert.ok(redirectsTo(res(301, '', { location: '//vigil-x.invalid/' }), 'vigil-x.invalid'));
    assert.equal(redirectsTo(res(302, '', { location: '/home' }), 'vigil-x.invalid'), undefined);
    assert.equal(redirectsTo(res(200, '', { location: 'https://vigil-x.invalid/' }), 'vigil-x.invalid'), undefined);
    assert.ok(fileContentShown(res(200, 'vigil-canary-file-abc'), 'vigil-canary-file-abc'));
  });
});
