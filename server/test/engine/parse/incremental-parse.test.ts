/** DocumentParser: reusing unchanged statements must give exactly what a full parse gives. */
import * as assert from 'node:assert/strict';
import { DocumentParser } from '../../../src/engine/parse/incremental-parse';
import { parseSource } from '../../../src/engine/parse/parse-source';

/** A deterministic pseudo-random generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sampleModule(functions: number): string {
  const parts = ["import express from 'express';", "const cp = require('child_process');", 'const app = express();', ''];
  for (let i = 0; i < functions; i++) {
    parts.push(
      `// handler ${i}`,
      `app.get('/r${i}', async (req, res) => {`,
      `  const q = "SELECT * FROM t${i} WHERE id = " + req.query.id;`,
      `  const rows = await db.query(q);`,
      `  if (rows.length > ${i}) {`,
      `    cp.exec(\`ls \${req.params.dir}\`);`,
      '  }',
      `  res.json({ rows, n: ${i} });`,
      '});',
      '',
      `export function helper${i}(x: number): number {`,
      `  return x * ${i} + Math.max(x, ${i});`,
      '}',
      '',
    );
  }
  return parts.join('\n');
}

/** Node types and ranges of a whole tree, in order (what scanning depends on). */
function shape(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) shape(v, out);
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  const record = value as Record<string, unknown>;
  const range = record.range as number[] | undefined;
  if (typeof record.type === "string" && Array.isArray(range)) out.push(`${record.type}@${range[0]}-${range[1]}`);
  for (const [key, v] of Object.entries(record)) {
    if (key === 'parent' || key === 'range' || key === 'loc') continue;
    if (typeof v === 'object') shape(v, out);
    else if (key !== 'type') out.push(`${key}=${typeof v === 'function' ? 'fn' : JSON.stringify(v) ?? 'undefined'}`);
  }
  return out;
}

describe('DocumentParser', () => {
  it('parses a first version fully and an unchanged text not at all', () => {
    const parser = new DocumentParser('a.ts');
    const text = sampleModule(40);
    const first = parser.parse(text);
    assert.equal(parser.lastMode, 'full');
    assert.equal(parser.parse(text), first);
    assert.equal(parser.lastMode, 'unchanged');
  });

  it('reparses only the edited statement and matches a full parse after 150 random edits', () => {
    const random = rng(7);
    const parser = new DocumentParser('a.ts');
    let text = sampleModule(30);
    parser.parse(text);
    const modes = { full: 0, incremental: 0, unchanged: 0 };
    const edits = [
      (t: string, at: number) => `${t.slice(0, at)} ${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}${t.slice(at + 1)}`,
      (t: string, at: number) => `${t.slice(0, at)}\nconst extra = f(1);\n${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}{${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}/*${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}"${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}x${t.slice(at)}`,
    ];
    let eligible = 0;
    let previousClean = true;
    for (let i = 0; i < 150; i++) {
      const at = Math.floor(random() * text.length);
      const edit = edits[Math.floor(random() * edits.length)]!;
      // Broken edits are undone on the next step half the time, as a user would.
      text = edit(text, at);
      const incremental = parser.parse(text);
      modes[parser.lastMode]++;
      const full = parseSource(text, 'a.ts');
      if (full.errors.length === 0) {
        assert.deepEqual(shape(incremental.program?.body), shape(full.program?.body), `edit ${i} at ${at} differs from a full parse`);
        assert.deepEqual(incremental.errors, []);
      } else {
        // A broken edit is recovered locally: still a program, and the error is reported.
        assert.ok(incremental.program, `edit ${i}: no program`);
        assert.ok(incremental.errors.length > 0, `edit ${i}: the parse error was lost`);
        assert.equal(incremental.errors[0]!.kind, 'parse');
      }
      if (previousClean && full.errors.length === 0) eligible++;
      previousClean = full.errors.length === 0;
      if (full.errors.length > 0 && random() < 0.5) {
        text = sampleModule(30 + (i % 3));
        parser.parse(text);
        previousClean = true;
      }
    }
    // Every clean edit of a clean version is served incrementally.
    assert.ok(eligible > 30 && modes.incremental >= eligible * 0.9, `expected clean edits to be incremental: ${eligible} eligible, ${JSON.stringify(modes)}`);
  });
});

describe('DocumentParser while the user types through broken code', () => {
  it('keeps the statements outside the edit and reports the error where it is', () => {
    const parser = new DocumentParser('a.js');
    const text = sampleModule(30).replace(/: number/g, '');
    parser.parse(text);
    const at = text.indexOf("app.get('/r15'");
    const broken = `${text.slice(0, at)}const s = "unterminated;\n${text.slice(at)}`;
    const result = parser.parse(broken);
    assert.equal(parser.lastMode, 'incremental');
    assert.ok(result.program);
    const brokenLine = broken.slice(0, at).split('\n').length;
    assert.equal(result.errors[0]?.line, brokenLine);
    // Statements far before and after the edit are still there.
    const calls = result.program.body.filter((s) => s.type === 'ExpressionStatement').length;
    assert.ok(calls >= 28, `expected most handlers to survive, got ${calls}`);
    // Typing on inside the broken region stays incremental.
    parser.parse(broken.replace('unterminated;', 'unterminated";'));
    assert.equal(parser.lastMode, 'incremental');
    assert.deepEqual(parser.parse(broken.replace('unterminated;', 'unterminated";')).errors, []);
  });
});
