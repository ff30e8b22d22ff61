/** Unit tests: parseSettings never throws and falls back per value; toDiagnostic maps severity, links, assistant marks and taint traces. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { CompiledRule, Finding } from '../../src/engine/types';
import { ASSISTANT_MARK, toDiagnostic } from '../../src/lsp/diagnostics';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/protocol/settings';

describe('parseSettings', () => {
  it('gives the defaults for nothing, and never throws on garbage', () => {
    assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const raw of [null, 42, 'x', [], cyclic, { files: 7 }, { rules: { paths: [1, 2] } }, { scope: cyclic }]) {
      const { settings } = parseSettings(raw);
      assert.equal(settings.debounceMs, 150);
    }
  });

  it('keeps good values and replaces each bad one by its default, saying which', () => {
    const { settings, problems } = parseSettings({
      scope: 'assistant',
      debounceMs: -5,
      files: { maxSizeBytes: 5000, exclude: { 'dist/**': true, 'keep/**': false }, skipMinified: 'yes' },
      rules: { paths: ['a', 3] },
      unknownKey: true,
    });
    assert.equal(settings.scope, 'assistant');
    assert.equal(settings.debounceMs, 150);
    assert.equal(settings.files.maxSizeBytes, 5000);
    assert.deepEqual(settings.files.exclude, ['dist/**']);
    assert.equal(settings.files.skipMinified, true);
    assert.deepEqual(settings.rules.paths, []);
    assert.deepEqual(
      problems.map((p) => p.setting),
      ['vigil.debounceMs', 'vigil.files.skipMinified', 'vigil.rules.paths'],
    );
  });
});

describe('toDiagnostic', () => {
  const rule = { id: 'r', loc: { file: '/rules/r.yaml', line: 2 }, metadata: {} } as unknown as CompiledRule;
  const finding: Finding = {
    ruleId: 'r',
    path: '/src/a.ts',
    range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } },
    start: 40,
    end: 47,
    message: 'tainted query',
    severity: 'info',
    metadata: {},
    snippet: 'q(data)',
    metavariables: {},
    fingerprint: 'fp',
    trace: [
      { kind: 'source', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } }, start: 10, end: 19, label: 'req.query.id' },
      { kind: 'sink', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } }, start: 40, end: 47, label: 'q(data)' },
    ],
  };

  it('maps severity, links the rule file when it has no references, and lists the taint steps as related information', () => {
    const d = toDiagnostic(finding, { uri: 'file:///src/a.ts', version: 4, region: undefined, raiseSeverity: true, rule });
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.equal(d.codeDescription?.href, 'file:///rules/r.yaml');
    assert.deepEqual(
      d.relatedInformation?.map((r) => [r.location.range.start.line, r.message]),
      [
        [1, '1/2 source: req.query.id'],
        [3, '2/2 sink: q(data)'],
      ],
    );
    assert.deepEqual(d.data, { ruleId: 'r', fingerprint: 'fp', version: 4 });
  });

  it('raises severity one level in an assistant region only when the setting says so', () => {
    const region = { id: 'r1', start: 0, end: 100, source: 'hook' as const };
    const raised = toDiagnostic({ ...finding, severity: 'warning' }, { uri: 'u', version: 1, region, raiseSeverity: true, rule });
    assert.equal(raised.severity, DiagnosticSeverity.Error);
    assert.equal(raised.message, `tainted query${ASSISTANT_MARK}`);
    const kept = toDiagnostic({ ...finding, severity: 'warning' }, { uri: 'u', version: 1, region, raiseSeverity: false, rule });
    assert.equal(kept.severity, DiagnosticSeverity.Warning);
    assert.equal(toDiagnostic({ ...finding, severity: 'error' }, { uri: 'u', version: 1, region, raiseSeverity: true, rule }).severity, DiagnosticSeverity.Error);
  });
});
