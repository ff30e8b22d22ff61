/** Checks that the deliberately vulnerable sample app (what `npm run demo` scans) shows every bundled rule at least once. */
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
  it('has a finding for every bundled rule', () => {
    const loaded = loadRules(findRuleFiles(path.join(ROOT, 'rules')));
    assert.deepEqual(loaded.errors, []);
    const found = new Set<string>();
    for (const file of sourceFiles(SAMPLE)) {
      const result = scanFile(fs.readFileSync(file, 'utf8'), file, loaded.rules);
      assert.deepEqual(result.errors, [], `scanning ${path.relative(ROOT, file)}`);
      for (const finding of result.findings) found.add(finding.ruleId);
    }
    const missing = loaded.rules.map((r) => r.id).filter((id) => !found.has(id));
    assert.deepEqual(missing, [], 'rules with no finding in the sample app: add a vulnerable snippet for each');
  });
});
