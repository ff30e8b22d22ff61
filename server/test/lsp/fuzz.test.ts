/** Fuzz: hundreds of random incremental edits (unbalanced braces, open comments and strings) never crash the server, and the final diagnostics equal a fresh scan. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { loadRules } from '../../src/engine/rules/load-rules';
import { scanFile } from '../../src/engine/scan-file';
import { assertHealthy, fileUri, startServer, testRulesDir, type ServerHarness } from './harness';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['{', '}', '(', ')', '[', ']', ';', '\n', '/*', '*/', '//', '`', '"', "'", 'eval(x);\n', 'insecureCall(y);\n', 'function g() {\n', 'if (a) {', '} else {', '<div>', '=>', 'const', ' ', 'x', '${'];

function baseText(): string {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) lines.push(`export function f${i}(a: string) {\n  const v${i} = a + ${i};\n  ${i % 3 === 0 ? 'eval(v' + i + ');' : i % 3 === 1 ? 'insecureCall(v' + i + ');' : 'return v' + i + ';'}\n}`);
  return `${lines.join('\n')}\n`;
}

describe('language server: fuzzed edits', function () {
  this.timeout(40_000);
  let server: ServerHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-fuzz-'));

  afterEach(async () => {
    if (server) {
      assertHealthy(server);
      await server.stop();
    }
  });

  for (const seed of [1, 2]) {
    it(`survives 250 random edits (seed ${seed}) and ends with the diagnostics of a fresh scan`, async () => {
      server = await startServer();
      const uri = fileUri(path.join(dir, `fuzz-${seed}.ts`));
      const next = random(seed);
      let doc = TextDocument.create(uri, 'typescript', 1, baseText());
      server.open(uri, doc.getText());
      await server.diagnosticsFor(uri, 1);
      for (let version = 2; version <= 251; version++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const count = next() < 0.2 ? 2 : 1;
        for (let c = 0; c < count; c++) {
          const text = doc.getText();
          const start = Math.floor(next() * (text.length + 1));
          const roll = next();
          const length = roll < 0.5 ? 0 : Math.min(text.length - start, Math.floor(next() * 30));
          const insert = roll < 0.8 ? (SNIPPETS[Math.floor(next() * SNIPPETS.length)] ?? '') : '';
          const change = { range: { start: doc.positionAt(start), end: doc.positionAt(start + length) }, text: insert };
          changes.push(change);
          doc = TextDocument.update(doc, [change], version);
        }
        server.change(uri, version, changes);
        // Let some scans run between edits, and others be overtaken.
        if (next() < 0.1) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const final = await server.diagnosticsFor(uri, 251);
      const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go back');
      const fresh = scanFile(doc.getText(), path.join(dir, `fuzz-${seed}.ts`), loadRules([testRulesDir]).rules);
      assert.deepEqual(
        final.diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`),
        fresh.findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`),
      );
    });
  }
});
