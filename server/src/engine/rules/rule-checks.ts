/** Checks one rule's YAML against the schema and records what is wrong as rule-load errors. */
import type { EngineError } from '../types';
import { isInternalKey, suggestKey, type KeyTable, type ValueType } from './rule-schema';
import { describeNode, type YMap, type YNode } from './yaml-tree';

/** The rule being loaded: where it is, and the errors found so far (shared by every check). */
export interface RuleContext {
  file: string;
  /** The rule's id, once known. */
  ruleId?: string;
  /** Human name of the rule when it has no id yet: `rule #3`. */
  label: string;
  errors: EngineError[];
  /** How many error-level entries this rule has produced (warnings do not stop a rule). */
  failures: number;
}

/** `rule "x"` (or `rule #3` when the id is unknown), for messages. */
export function ruleName(ctx: RuleContext): string {
  return ctx.ruleId === undefined ? ctx.label : `rule "${ctx.ruleId}"`;
}

/** Records an error (or warning) about the rule at a 1-based line. */
export function report(ctx: RuleContext, line: number, message: string, level: EngineError['level'] = 'error'): void {
  const error: EngineError = { kind: 'rule-load', level, path: ctx.file, line, message };
  if (ctx.ruleId !== undefined) error.ruleId = ctx.ruleId;
  ctx.errors.push(error);
  if (level === 'error') ctx.failures++;
}

/** Records `rule "x": <message>`. */
export function reportRule(ctx: RuleContext, line: number, message: string, level: EngineError['level'] = 'error'): void {
  report(ctx, line, `${ruleName(ctx)}: ${message}`, level);
}

/** How many error-level entries the rule has so far: compare before and after a step to see whether it failed. */
export function errorCount(ctx: RuleContext): number {
  return ctx.failures;
}

/** `"key"` or `"key" in where`, for messages. */
export function keyName(key: string, where: string): string {
  return where === '' ? `"${key}"` : `"${key}" in ${where}`;
}

/**
 * Checks a mapping's keys against `table`: unknown keys (with "did you mean"),
 * keys Vigil does not support, duplicate keys, and each value's type.
 * Returns false when anything was wrong.
 */
export function checkKeys(ctx: RuleContext, map: YMap, table: KeyTable, where: string): boolean {
  let ok = true;
  for (const dup of map.duplicates) {
    reportRule(ctx, dup.line, `${keyName(dup.key, where)} is written twice (first on line ${dup.firstLine})`);
    ok = false;
  }
  for (const entry of map.entries) {
    const spec = table[entry.key];
    if (spec === undefined) {
      if (isInternalKey(entry.key)) {
        reportRule(ctx, entry.keyLine, `${keyName(entry.key, where)} is not supported by Vigil's engine`);
      } else {
        const guess = suggestKey(entry.key, Object.keys(table));
        const place = where === '' ? ruleName(ctx) : `${where} of ${ruleName(ctx)}`;
        report(ctx, entry.keyLine, `unknown key "${entry.key}" in ${place}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`);
      }
      ok = false;
      continue;
    }
    if (!spec.supported && 'misplaced' in spec) {
      reportRule(ctx, entry.keyLine, `${keyName(entry.key, where)} is misplaced: it must be ${spec.misplaced}`);
      ok = false;
      continue;
    }
    if (!spec.supported) {
      reportRule(ctx, entry.keyLine, `${keyName(entry.key, where)} is not supported by Vigil's engine${spec.hint === undefined ? '' : ` (${spec.hint})`}`);
      ok = false;
      continue;
    }
    if (!checkType(ctx, entry.value, spec.type, keyName(entry.key, where))) ok = false;
  }
  return ok;
}

/** Checks that `node` has type `type`; `what` names it in the message (`"regex" in metavariable-regex`). */
export function checkType(ctx: RuleContext, node: YNode, type: ValueType, what: string): boolean {
  const fail = (expected: string): false => {
    reportRule(ctx, node.line, `${what} must be ${expected} (got ${describeNode(node)})`);
    return false;
  };
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return scalarText(node) !== undefined || fail('a string');
    case 'boolean':
      return (node.kind === 'scalar' && typeof node.value === 'boolean') || fail('true or false');
    case 'integer':
      return (node.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value)) || fail('an integer');
    case 'mapping':
      return node.kind === 'map' || fail('a mapping');
    case 'list':
      return node.kind === 'seq' || fail('a list');
    case 'string-list':
      return (node.kind === 'seq' && node.items.every((i) => scalarText(i) !== undefined)) || fail('a list of strings');
    case 'string-or-string-list':
      return scalarText(node) !== undefined || (node.kind === 'seq' && node.items.every((i) => scalarText(i) !== undefined)) || fail('a string or a list of strings');
    case 'formula':
      return scalarText(node) !== undefined || node.kind === 'map' || fail('a pattern string or a mapping with pattern, patterns, pattern-either or pattern-regex');
    case 'by-side-effect':
      return (node.kind === 'scalar' && (typeof node.value === 'boolean' || node.value === 'only')) || fail('true, false or only');
  }
}

/** The text of a scalar that can stand for a string (numbers and booleans as written); undefined otherwise. */
export function scalarText(node: YNode | undefined): string | undefined {
  if (node === undefined || node.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.raw;
}

/** A string or list of strings as a list (call after {@link checkType} said it is one). */
export function stringList(node: YNode): string[] {
  if (node.kind === 'seq') return node.items.map((i) => scalarText(i) ?? '');
  const text = scalarText(node);
  return text === undefined ? [] : [text];
}
