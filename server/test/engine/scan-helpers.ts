/** Test helpers: build a one-rule YAML file around a rule body, scan code with it, read the results. */
import * as assert from 'node:assert/strict';
import { parseRuleFile } from '../../src/engine/rules/load-rules';
import { scanFile } from '../../src/engine/scan-file';
import type { CompiledRule, ScanResult } from '../../src/engine/types';

/** Compiles a rule from its body (the YAML under `id/languages/severity/message`). Fails the test on load errors. */
export function compileRule(body: string, options: { id?: string; message?: string; extra?: string } = {}): CompiledRule {
  const indented = body
    .replace(/^\n+/, '')
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  const yaml = [
    'rules:',
    `  - id: ${options.id ?? 'test-rule'}`,
    '    languages: [javascript, typescript]',
    '    severity: WARNING',
    `    message: ${JSON.stringify(options.message ?? 'matched')}`,
    ...(options.extra ? [options.extra.replace(/^/gm, '    ')] : []),
    indented,
  ].join('\n');
  const loaded = parseRuleFile(yaml, 'inline.yaml');
  assert.deepEqual(loaded.errors, [], `rule did not load:\n${yaml}`);
  assert.equal(loaded.rules.length, 1);
  return loaded.rules[0]!;
}

/** Scans `code` with one rule built from `body`. */
export function scanWith(body: string, code: string, file = 'test.tsx', options: { message?: string; extra?: string } = {}): ScanResult {
  return scanFile(code, file, [compileRule(body, options)]);
}

/** The matched source snippets, in document order. */
export function snippets(body: string, code: string, file = 'test.tsx'): string[] {
  const result = scanWith(body, code, file);
  assert.deepEqual(result.errors, [], 'unexpected scan errors');
  return result.findings.map((f) => f.snippet);
}

/** 1-based start lines of the findings. */
export function lines(body: string, code: string, file = 'test.tsx'): number[] {
  return scanWith(body, code, file).findings.map((f) => f.range.start.line + 1);
}
