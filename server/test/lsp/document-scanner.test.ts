/** Unit tests of DocumentScanner: a rule that throws and a file whose scan throws are logged with file and rule, and never escape. */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { parseRuleFile } from '../../src/engine/rules/load-rules';
import type { CompiledRule } from '../../src/engine/types';
import { AssistantRegions } from '../../src/lsp/assistant-regions';
import { DocumentScanner } from '../../src/lsp/document-scanner';
import { DocumentStore } from '../../src/lsp/documents';
import type { RulesWatcher } from '../../src/lsp/rules-watcher';
import { DEFAULT_SETTINGS, type Settings } from '../../src/protocol/settings';

function rule(id: string): CompiledRule {
  const loaded = parseRuleFile(`rules:\n  - id: ${id}\n    languages: [typescript]\n    severity: WARNING\n    message: m\n    pattern: eval($X)\n`, `/rules/${id}.yaml`);
  const compiled = loaded.rules[0];
  assert.ok(compiled, JSON.stringify(loaded.errors));
  return compiled;
}

describe('DocumentScanner', () => {
  const settings = structuredClone(DEFAULT_SETTINGS) as Settings;

  function setup(rules: CompiledRule[]): { scanner: DocumentScanner; published: Diagnostic[][]; logs: string[]; store: DocumentStore } {
    const published: Diagnostic[][] = [];
    const logs: string[] = [];
    const watcher = { rules, rule: () => undefined } as unknown as RulesWatcher;
    const scanner = new DocumentScanner({ regions: new AssistantRegions(), rules: watcher, publish: (_uri, _v, d) => published.push(d), log: (m) => logs.push(m) });
    return { scanner, published, logs, store: new DocumentStore() };
  }

  it('logs a rule that throws once, with the file and the rule, and shows the other rules', () => {
    const bad = rule('bad');
    (bad as { formula: unknown }).formula = { kind: 'either', branches: null, loc: bad.loc };
    const { scanner, published, logs, store } = setup([bad, rule('good')]);
    const doc = store.open({ textDocument: { uri: 'file:///w/a.ts', languageId: 'typescript', version: 1, text: 'eval(a);\n' } });
    scanner.scanAndPublish(doc, settings);
    scanner.scanAndPublish(doc, settings);
    assert.deepEqual(
      published.map((d) => d.map((x) => x.code)),
      [['good'], ['good']],
    );
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0]!, /\/w\/a\.ts \(rule bad\)/);
  });

  it('a document whose scan throws gets its diagnostics cleared and a log line naming it', () => {
    const { scanner, published, logs, store } = setup([rule('good')]);
    const doc = store.open({ textDocument: { uri: 'file:///w/b.ts', languageId: 'typescript', version: 1, text: 'eval(a);\n' } });
    doc.parse = () => {
      throw new Error('parser exploded');
    };
    assert.doesNotThrow(() => scanner.scanAndPublish(doc, settings));
    assert.deepEqual(published, [[]]);
    assert.match(logs[0] ?? '', /internal error while scanning \/w\/b\.ts: Error: parser exploded/);
  });
});
