/** Taint mode on handlers written the way assistants write them, and their fixed twins (test-fixtures/taint-realistic). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRules } from '../../../src/engine/rules/load-rules';
import { scanFile } from '../../../src/engine/scan-file';
import { parseAnnotations } from '../../../src/rule-testing/parse-annotations';

const dir = path.resolve(__dirname, '../../../../../test-fixtures/taint-realistic');

function sources(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(root, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(js|ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('taint mode on realistic handlers', () => {
  const loaded = loadRules([path.join(dir, 'rules.yaml')]);
  it('loads the test rules', () => {
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.rules.length, 6);
  });
  const ids = loaded.rules.map((r) => r.id);
  for (const file of sources(dir)) {
    it(`${path.relative(dir, file)}: every ruleid line reported, no ok line`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const result = scanFile(text, file, loaded.rules, { ignorePathFilters: true });
      assert.deepEqual(result.errors, []);
      const annotations = parseAnnotations(text, ids);
      for (const id of ids) {
        const expected = annotations.get(id)?.expected ?? [];
        const reported = [...new Set(result.findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line + 1))];
        assert.deepEqual(reported, expected, `${id} in ${path.basename(file)}`);
      }
      const okLines = ids.flatMap((id) => annotations.get(id)?.ok ?? []);
      assert.ok(okLines.length > 0 || file.includes('next'), 'each app has fixed twins');
    });
  }
});
