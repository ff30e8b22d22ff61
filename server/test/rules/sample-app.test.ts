/** Checks that the deliberately vulnerable sample app (what `npm run demo` scans) shows a broad set of the bundled rules, taint traces included. */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadRules } from '../../src/engine/rules/load-rules';
import { scanFile } from '../../src/engine/scan-file';
import { FIXTURE_EXTENSIONS, findRuleFiles } from '../../src/rule-testing/run-rule-tests';

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLE = path.join(ROOT, 'test-fixtures', 'sample-app');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return (FIXTURE_EXTENSIONS as readonly string[]).includes(path.extname(entry.name)) ? [full] : [];
  });
}

describe('sample app (test-fixtures/sample-app)', () => {
  it('shows findings from many bundled rules, with taint traces, and no errors', () => {
    const loaded = loadRules(findRuleFiles(path.join(ROOT, 'rules')));
    assert.deepEqual(loaded.errors, []);
    const found = new Set<string>();
    let traced = 0;
    for (const file of sourceFiles(SAMPLE)) {
      const result = scanFile(fs.readFileSync(file, 'utf8'), file, loaded.rules);
      assert.deepEqual(result.errors, [], `scanning ${path.relative(ROOT, file)}`);
      for (const finding of result.findings) {
        found.add(finding.ruleId);
        if (finding.trace && finding.trace.length >= 2) traced += 1;
      }
    }
    // The demo is where a new user first sees Vigil: it must show a real spread of problems.
    assert.ok(found.size >= 12, `only ${found.size} rules fire on the sample app: ${[...found].join(', ')}`);
    assert.ok(traced >= 3, `expected taint findings with traces in the sample app, got ${traced}`);
  });
});
