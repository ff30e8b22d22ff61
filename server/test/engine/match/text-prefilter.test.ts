/** The prefilter on raw text (before parsing): it may only skip files on which every rule would have been skipped after parsing. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileContext } from '../../../src/engine/match/file-context';
import { formulaRequirement, satisfied, taintRequirement } from '../../../src/engine/match/prefilter';
import { couldMatchText, decodeEscapes } from '../../../src/engine/match/text-prefilter';
import { TextIndex } from '../../../src/engine/match/text-index';
import { parseSource } from '../../../src/engine/parse/parse-source';
import { loadRules } from '../../../src/engine/rules/load-rules';
import { scanFile } from '../../../src/engine/scan-file';
import type { CompiledRule } from '../../../src/engine/types';
import { compileRule } from '../scan-helpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..', '..');
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** Every JS/TS file under `dir` (the rule packs' test code and the fixtures), relative to the repo root. */
function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(path.relative(repoRoot, full));
      }
    }
  };
  walk(path.join(repoRoot, dir));
  return out;
}

describe('text prefilter (before parsing)', () => {
  it('decodes escapes and character references the way strings, identifiers and JSX spell words', () => {
    assert.equal(decodeEscapes('no escapes here'), null);
    const decoded = decodeEscapes("'\\x65val' \\u0065xec \\u{65}nv '\\145x' 'ch\\\nild' a\\$b")!;
    for (const word of ["'eval'", ' exec ', ' env ', "'ex'", "'child'", 'a$b']) assert.ok(decoded.includes(word), `${word} in ${decoded}`);
    assert.match(decodeEscapes('<p>&#101;val &#x65;xec</p>')!, /eval exec/);
    // A doubled backslash is one character: what follows it is not an escape.
    assert.ok(decodeEscapes('"\\\\x65"')!.includes('\\x65'));
  });

  it('finds a word spelt with escapes, and rejects a file without the words', () => {
    const rule = compileRule('pattern: child_process.exec($X)');
    assert.equal(couldMatchText('const x = 1; // nothing here', 'a.js', [rule]), false);
    assert.equal(couldMatchText("require('child_process').exec(c)", 'a.js', [rule]), true);
    assert.equal(couldMatchText("const m = require('child\\x5fprocess'); m.\\u0065xec(c)", 'a.js', [rule]), true);
    // A rule that does not apply to the path does not count.
    const scoped = compileRule('pattern: child_process.exec($X)', { extra: 'paths:\n  include: ["*.ts"]' });
    assert.equal(couldMatchText("require('child_process').exec(c)", 'a.js', [scoped]), false);
    assert.equal(couldMatchText("require('child_process').exec(c)", 'a.js', [scoped], true), true);
  });

  it('the trigram index never says a piece is absent when it is there', () => {
    const text = 'const API_KEY = "AKIAABCDEFGHIJKLMNOP"; // Ünïcode and \u212Aelvin\n-----BEGIN RSA PRIVATE KEY-----';
    const index = new TextIndex(text);
    for (let start = 0; start < text.length; start += 3) {
      for (const length of [3, 4, 7, 12]) {
        const piece = text.slice(start, start + length);
        if (piece.length < length) continue;
        assert.ok(index.mayContain(piece, false), piece);
        assert.ok(index.mayContain(piece.toLowerCase(), true), piece);
      }
    }
    assert.ok(index.mayContain('kelvin', true), 'the Kelvin sign lower-cases to k');
    assert.equal(new TextIndex('plain text').mayContain('AKIA', false), false);
  });

  describe('on the rule packs\' test code and the fixtures, with the bundled rules', () => {
    const loaded = loadRules([path.join(repoRoot, 'rules'), path.join(repoRoot, 'test-fixtures', 'cli', 'rules')]);
    const rules = loaded.rules;
    const files = [...sourcesUnder('rules'), ...sourcesUnder('test-fixtures')];

    it('finds files to test on', () => {
      assert.ok(rules.length >= 100, `${rules.length} rules`);
      assert.ok(files.length >= 100, `${files.length} files`);
    });

    it('passes every rule that the prefilter after parsing passes (so it never hides a match)', () => {
      const requirementOf = (rule: CompiledRule) => (rule.mode === 'taint' ? rule.taint && taintRequirement(rule.taint) : rule.formula && formulaRequirement(rule.formula));
      let checked = 0;
      for (const file of files) {
        const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
        const parsed = parseSource(text, file);
        if (!parsed.program) continue;
        const ctx = new FileContext(text, parsed.program);
        for (const rule of rules) {
          const req = requirementOf(rule);
          if (req === undefined || !satisfied(req, ctx)) continue;
          checked += 1;
          assert.ok(couldMatchText(text, file, [rule], true), `${rule.id} passes on the parsed ${file} but not on its text`);
        }
      }
      assert.ok(checked > 500, `${checked} rule/file pairs checked`);
    });

    it('gives the same findings with and without it, and skips some files', () => {
      let skipped = 0;
      for (const file of files) {
        const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
        const plain = scanFile(text, file, rules);
        const prefiltered = scanFile(text, file, rules, { textPrefilter: true });
        assert.deepEqual(prefiltered.findings, plain.findings, file);
        if (couldMatchText(text, file, rules)) {
          assert.deepEqual(prefiltered.errors, plain.errors, file);
        } else {
          skipped += 1;
          assert.deepEqual(prefiltered.errors, [], file);
        }
      }
      assert.ok(skipped > 0, 'some fixture matches no rule');
    });
  });
});
