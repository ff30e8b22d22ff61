/** `vigil test [dir]` on a passing and a failing rule folder: per-rule PASS/FAIL, the closing `N passed, N failed` line, exit codes. */
import * as assert from 'node:assert/strict';
import { runVigil } from './run-vigil';

describe('vigil test', function () {
  // Each test starts the CLI (a Node process that loads TypeScript's parser) a few times: slow on a busy machine.
  this.timeout(120000);
  it('passes a folder whose fixtures and .fixed files agree, and exits 0', () => {
    const run = runVigil(['test', 'rule-tests/passing']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, 'PASS  no-new-buffer  (rule-tests/passing/no-new-buffer.yaml)\n1 passed, 0 failed\n');
  });

  it('fails a rule whose annotated line does not match, says why, and exits 1', () => {
    const run = runVigil(['test', 'rule-tests/failing']);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'FAIL  no-settimeout-string  (rule-tests/failing/no-settimeout-string.yaml)');
    assert.match(run.stdout, /line 5/);
    assert.equal(lines[lines.length - 1], '0 passed, 1 failed');
  });

  it('runs every rule under a parent folder and counts both', () => {
    const run = runVigil(['test', 'rule-tests']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^FAIL {2}no-settimeout-string/m);
    assert.match(run.stdout, /^PASS {2}no-new-buffer/m);
    assert.match(run.stdout, /\n1 passed, 1 failed\n$/);
  });

  it('exits 2 for a folder that does not exist', () => {
    const run = runVigil(['test', 'no-such-rules']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'vigil: rule folder not found: no-such-rules\n');
  });
});
