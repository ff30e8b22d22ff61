/** Runs every bundled rule in rules/ against its annotated test code and .fixed file: one test per rule file (`npm run test:rules`). */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseAnnotations } from '../../src/rule-testing/parse-annotations';
import { FIXTURE_EXTENSIONS, findRuleFiles, runRuleFile } from '../../src/rule-testing/run-rule-tests';

/** The pack's own bar (stricter than `vigil test` asks of users' rules): three of each. */
const MIN_CASES = 3;

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
      // At least three cases written as assistants write them, and three look-alikes.
      const id = path.basename(file, path.extname(file));
      const dir = path.dirname(file);
      let ruleid = 0;
      let ok = 0;
      for (const name of fs.readdirSync(dir)) {
        const ext = path.extname(name);
        if (!name.startsWith(`${id}.`) || name.includes('.fixed.') || !(FIXTURE_EXTENSIONS as readonly string[]).includes(ext)) continue;
        if (name !== `${id}${ext}`) continue;
        const annotations = parseAnnotations(fs.readFileSync(path.join(dir, name), 'utf8'), [id]).get(id);
        ruleid += (annotations?.ruleid.length ?? 0) + (annotations?.todoruleid.length ?? 0);
        ok += (annotations?.ok.length ?? 0) + (annotations?.todook.length ?? 0);
      }
      assert.ok(ruleid >= MIN_CASES, `${id}: ${ruleid} ruleid: cases, add at least ${MIN_CASES}`);
      assert.ok(ok >= MIN_CASES, `${id}: ${ok} ok: cases, add at least ${MIN_CASES}`);
    });
  }
});
