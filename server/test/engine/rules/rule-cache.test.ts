/** The compiled-rule cache: a pack survives the round trip exactly, and a stale cache is never used. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadRules } from '../../../src/engine/rules/load-rules';
import { deserializeRuleCache, ruleFilesDigest, serializeRuleCache } from '../../../src/engine/rules/rule-cache';
import { scanFile } from '../../../src/engine/scan-file';
import type { LoadRulesResult } from '../../../src/engine/types';
import { loadRulesCached, ruleCacheFor, writeRuleCache } from '../../../src/shared/rule-cache-file';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..', '..');
const bundledRules = path.join(repoRoot, 'rules');

function roundTrip(result: LoadRulesResult, dir: string, movedTo = dir): LoadRulesResult {
  const text = serializeRuleCache(result, dir, 'digest', 'stamp');
  const back = deserializeRuleCache(text, movedTo, 'digest', 'stamp');
  assert.ok(back !== undefined, 'the cache reads back');
  return back;
}

/** Every object reachable from `root`, with how many times it is reached. */
function references(root: unknown): Map<object, number> {
  const seen = new Map<object, number>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const times = seen.get(value) ?? 0;
    seen.set(value, times + 1);
    if (times > 0) return;
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  return seen;
}

describe('compiled-rule cache', () => {
  const loaded = loadRules([bundledRules]);

  it('reads back the bundled pack deep-equal, with RegExps, undefined fields and shared objects kept', () => {
    const back = roundTrip(loaded, bundledRules);
    assert.deepEqual(back, loaded);
    const sharedBefore = [...references(loaded).values()].filter((n) => n > 1).length;
    const sharedAfter = [...references(back).values()].filter((n) => n > 1).length;
    assert.ok(sharedBefore > 0, 'the pack shares compiled patterns between rules');
    assert.equal(sharedAfter, sharedBefore, 'sharing survives');
  });

  it('keeps values JSON lacks and rule-file paths relative to the rules folder', () => {
    const dir = path.join(os.tmpdir(), 'pack');
    const odd = {
      rules: [],
      foreignRules: [],
      errors: [{ kind: 'rule-load', level: 'error', path: path.join(dir, 'a', 'b.yaml'), message: 'x', line: 1 }],
      extra: { n: Number.NaN, inf: -Infinity, zero: -0, big: 10n, re: /a\/b/giu, u: undefined, nested: [undefined, null] },
    } as unknown as LoadRulesResult;
    const shared = { kind: 'same' };
    (odd as unknown as { extra: Record<string, unknown> }).extra.twice = [shared, shared];
    const moved = path.join(os.tmpdir(), 'elsewhere');
    const back = roundTrip(odd, dir, moved) as unknown as typeof odd & { extra: Record<string, unknown> };
    assert.equal(back.errors[0]?.path, path.join(moved, 'a', 'b.yaml'));
    assert.ok(Number.isNaN(back.extra.n));
    assert.equal(back.extra.inf, -Infinity);
    assert.ok(Object.is(back.extra.zero, -0));
    assert.equal(back.extra.big, 10n);
    assert.ok(back.extra.re instanceof RegExp && back.extra.re.source === 'a\\/b' && back.extra.re.flags === 'giu');
    assert.ok('u' in back.extra && back.extra.u === undefined);
    assert.deepEqual(back.extra.nested, [undefined, null]);
    const twice = back.extra.twice as unknown[];
    assert.equal(twice[0], twice[1]);
  });

  it('refuses what it cannot encode, and a cache for other rules or other code', () => {
    const withMap = { rules: [], foreignRules: [], errors: [], x: new Map() } as unknown as LoadRulesResult;
    assert.throws(() => serializeRuleCache(withMap, '/r', 'd', 's'), /Map/);
    const text = serializeRuleCache(loaded, bundledRules, 'digest', 'stamp');
    assert.equal(deserializeRuleCache(text, bundledRules, 'other digest', 'stamp'), undefined);
    assert.equal(deserializeRuleCache(text, bundledRules, 'digest', 'other stamp'), undefined);
    assert.equal(deserializeRuleCache('not json', bundledRules, 'digest', 'stamp'), undefined);
  });

  it('scans the packs\' test code to the same findings as the rules it was made from', () => {
    const back = roundTrip(loaded, bundledRules);
    const files = (fs.readdirSync(bundledRules, { recursive: true }) as string[]).filter((name) => /\.[cm]?[jt]sx?$/.test(name)).sort();
    assert.ok(files.length > 100, `${files.length} files`);
    let findings = 0;
    for (const name of files) {
      const text = fs.readFileSync(path.join(bundledRules, name), 'utf8');
      const expected = scanFile(text, name, loaded.rules);
      assert.deepEqual(scanFile(text, name, back.rules), expected, name);
      findings += expected.findings.length;
    }
    assert.ok(findings > 100, `${findings} findings compared`);
  });

  describe('the CLI side (rule-cache-file.ts)', () => {
    let temp: string;
    let rulesDir: string;
    let bundle: string;
    beforeEach(() => {
      temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rule-cache-')));
      rulesDir = path.join(temp, 'rules');
      fs.mkdirSync(rulesDir);
      fs.writeFileSync(path.join(rulesDir, 'r.yaml'), 'rules:\n  - id: no-eval\n    languages: [js]\n    severity: ERROR\n    message: eval\n    pattern: eval(...)\n');
      bundle = path.join(temp, 'dist', 'cli.js');
      fs.mkdirSync(path.dirname(bundle));
      fs.writeFileSync(bundle, '// a CLI bundle\nrequire("./vendor-parser.js");\n');
      fs.writeFileSync(path.join(temp, 'dist', 'vendor-parser.js'), '// the parser it requires\n');
    });
    afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

    it('is only used for the bundle (cli.js), not the tsc output', () => {
      assert.equal(ruleCacheFor(path.join(temp, 'out', 'main.js'), rulesDir), undefined);
      assert.ok(ruleCacheFor(bundle, rulesDir) !== undefined);
    });

    it('is used while the rules and the bundle are unchanged, and ignored after either changes', () => {
      assert.ok(writeRuleCache(bundle, rulesDir).ok);
      const cacheFile = path.join(temp, 'dist', 'rules-cache.json');
      const extra = path.join(temp, 'more.yaml');
      fs.writeFileSync(extra, 'rules:\n  - id: no-eval\n    languages: [js]\n    severity: ERROR\n    message: again\n    pattern: eval(1)\n');
      const paths = [rulesDir, extra];
      const expected = loadRules(paths);
      assert.equal(expected.errors.length, 1, 'the duplicate id in the second path is reported');
      // A cache that says something else would show: make its rule's message differ, keeping its keys.
      const tampered = fs.readFileSync(cacheFile, 'utf8').replace('"message":"eval"', '"message":"from the cache"');
      fs.writeFileSync(cacheFile, tampered);
      const location = ruleCacheFor(bundle, rulesDir)!;
      const cached = loadRulesCached(paths, location);
      assert.equal(cached.rules[0]?.message, 'from the cache', 'the cache was used');
      assert.deepEqual({ ...cached, rules: cached.rules.map((r) => ({ ...r, message: '' })) }, { ...expected, rules: expected.rules.map((r) => ({ ...r, message: '' })) });
      assert.ok(location.stamp !== undefined, 'the verified stamp is kept for workers');

      fs.appendFileSync(path.join(rulesDir, 'r.yaml'), '# changed\n');
      assert.equal(loadRulesCached(paths, ruleCacheFor(bundle, rulesDir)).rules[0]?.message, 'eval', 'changed rules: compiled afresh');
      fs.writeFileSync(path.join(rulesDir, 'r.yaml'), fs.readFileSync(path.join(rulesDir, 'r.yaml'), 'utf8').replace('# changed\n', ''));
      assert.equal(loadRulesCached(paths, ruleCacheFor(bundle, rulesDir)).rules[0]?.message, 'from the cache', 'same rules again');
      fs.appendFileSync(path.join(temp, 'dist', 'vendor-parser.js'), '// upgraded\n');
      assert.equal(loadRulesCached(paths, ruleCacheFor(bundle, rulesDir)).rules[0]?.message, 'eval', 'another parser beside the bundle: compiled afresh');
      fs.writeFileSync(path.join(temp, 'dist', 'vendor-parser.js'), '// the parser it requires\n');
      assert.equal(loadRulesCached(paths, ruleCacheFor(bundle, rulesDir)).rules[0]?.message, 'from the cache', 'the same parser again');
      fs.appendFileSync(bundle, '// rebuilt\n');
      assert.equal(loadRulesCached(paths, ruleCacheFor(bundle, rulesDir)).rules[0]?.message, 'eval', 'another bundle: compiled afresh');
      assert.equal(loadRulesCached([extra, rulesDir], ruleCacheFor(bundle, rulesDir)).rules[0]?.message, 'again', 'only used for the first path');
    });

    it('digests the rule files by name and content', () => {
      const before = ruleFilesDigest(rulesDir);
      fs.writeFileSync(path.join(rulesDir, 'notes.txt'), 'not a rule file');
      assert.equal(ruleFilesDigest(rulesDir), before);
      fs.renameSync(path.join(rulesDir, 'r.yaml'), path.join(rulesDir, 's.yaml'));
      assert.notEqual(ruleFilesDigest(rulesDir), before);
      assert.equal(ruleFilesDigest(path.join(temp, 'missing')), undefined);
    });
  });
});
