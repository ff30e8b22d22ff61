/** Runs every bundled rule in rules/ against its annotated test code and .fixed file: one test per rule file (`npm run test:rules`). */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { findRuleFiles, runRuleFile } from '../../src/rule-testing/run-rule-tests';

const RULES = path.resolve(__dirname, '../../../..', 'rules');

describe('bundled rules (rules/**/*.yaml against their fixtures)', () => {
  const files = findRuleFiles(RULES);

  it('finds rule files to test', () => {
    assert.ok(files.length > 0, `no rule files under ${RULES}`);
  });

  for (const file of files) {
    it(path.relative(RULES, file), () => {
      const failures = runRuleFile(file).filter((r) => !r.passed);
      if (failures.length > 0) {
        assert.fail(failures.map((r) => `${r.ruleId}:\n  - ${r.problems.join('\n  - ')}`).join('\n'));
      }
    });
  }
});
