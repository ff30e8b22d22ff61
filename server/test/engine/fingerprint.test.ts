/** Tests for finding fingerprints: stable under line shifts and reformatting, distinct otherwise. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fingerprintFinding } from '../../src/engine/fingerprint';

describe('fingerprintFinding', () => {
  const base = fingerprintFinding('command-injection', 'exec(cmd)', 'run', 0);

  it('is 32 lowercase hex digits of a sha256', () => {
    assert.match(base, /^[0-9a-f]{32}$/);
    const full = createHash('sha256').update(JSON.stringify(['command-injection', 'exec(cmd)', 'run', 0])).digest('hex');
    assert.equal(base, full.slice(0, 32));
  });

  it('ignores whitespace differences (re-indentation, line breaks)', () => {
    assert.equal(fingerprintFinding('command-injection', '  exec(cmd)\n', 'run', 0), base);
    assert.equal(
      fingerprintFinding('r', 'exec(\n    cmd,\n    opts)', 'f', 0),
      fingerprintFinding('r', 'exec( cmd, opts)', 'f', 0),
    );
  });

  it('changes with the rule, the text, the function and the occurrence', () => {
    const others = [
      fingerprintFinding('sql-injection', 'exec(cmd)', 'run', 0),
      fingerprintFinding('command-injection', 'exec(cmd2)', 'run', 0),
      fingerprintFinding('command-injection', 'exec(cmd)', 'other', 0),
      fingerprintFinding('command-injection', 'exec(cmd)', undefined, 0),
      fingerprintFinding('command-injection', 'exec(cmd)', 'run', 1),
    ];
    assert.equal(new Set([base, ...others]).size, 6);
  });

  it('uses <top> for code outside functions', () => {
    assert.equal(fingerprintFinding('r', 'x', undefined, 0), fingerprintFinding('r', 'x', '<top>', 0));
  });

  it('cannot be made to collide by moving text between fields', () => {
    assert.notEqual(fingerprintFinding('a', 'b c', 'f', 0), fingerprintFinding('a b', 'c', 'f', 0));
  });
});
