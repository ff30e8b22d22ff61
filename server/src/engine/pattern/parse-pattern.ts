/**
 * Parses Semgrep pattern text for JS/TS into an estree pattern AST.
 *
 * Semgrep's pattern language is JS/TS plus `...`, `<... P ...>` and `$...X`,
 * which are not valid JS. They are rewritten to placeholder identifiers before
 * parsing (outside strings and comments), so the ordinary typescript-estree
 * parser does the work and the matcher recognises the placeholders.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { estreeModule } from '../parse/lazy-modules';
import type { CompiledPattern } from '../types';

/** Result of parsing one pattern: the compiled pattern, or what is wrong with it. */
export type ParsePatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

/** Identifier that stands for `...`. */
export const ELLIPSIS = '__VIGIL_ELLIPSIS__';
/** Callee that stands for `<... P ...>`: `__VIGIL_DEEP__(P)`. */
export const DEEP = '__VIGIL_DEEP__';
/** Prefix that stands for `$...` in `$...ARGS`. */
export const SEQ_PREFIX = '$__VIGIL_SEQ_';

/** What kind of pattern a root is, which decides where it is looked for. */
export type PatternShape =
  | { kind: 'expression'; node: TSESTree.Node }
  | { kind: 'statement'; node: TSESTree.Node }
  | { kind: 'sequence'; nodes: TSESTree.Node[] }
  | { kind: 'member'; node: TSESTree.Node }
  | { kind: 'property'; node: TSESTree.Node };

/** A compiled pattern's root, as the matcher reads it. */
export interface PatternRoot {
  shape: PatternShape;
}

/**
 * Parsed patterns by their text. Rule packs repeat the same source and sink
 * patterns across many rules; a pattern is a pure function of its text and
 * its AST is never modified after parsing, so one parse serves them all.
 */
const parsedPatterns = new Map<string, ParsePatternResult>();

/** Parses `source` (a Semgrep pattern for JS/TS). Never throws. */
export function parsePattern(source: string): ParsePatternResult {
  const cached = parsedPatterns.get(source);
  if (cached) return cached;
  const result = parsePatternUncached(source);
  if (parsedPatterns.size > 20_000) parsedPatterns.clear(); // bound memory for pathological inputs
  parsedPatterns.set(source, result);
  return result;
}

function parsePatternUncached(source: string): ParsePatternResult {
  const trimmed = source.trim();
  if (trimmed === '') return { ok: false, message: 'the pattern is empty' };
  let rewritten: string;
  try {
    rewritten = rewritePlaceholders(trimmed);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const first = tryParse(rewritten);
  // `{a: 1, b: $X}` is an object pattern, not a block with labels (Semgrep reads it so).
  if (rewritten.startsWith('{') && (!first.program || isLabelBlock(first.program.body))) {
    const asObject = tryParse(`(${rewritten})`);
    const stmt = asObject.program?.body[0];
    if (asObject.program?.body.length === 1 && stmt?.type === 'ExpressionStatement' && stmt.expression.type === 'ObjectExpression') {
      return compiled(source, { kind: 'expression', node: stmt.expression });
    }
  }
  if (first.program) {
    const shape = shapeOf(first.program.body);
    if (shape) return compiled(source, shape);
  }
  // Partial patterns: a class member (`$M(...) {...}`) or an object property (`$K: $V`).
  const asMember = tryParse(`class __VigilPattern {\n${rewritten}\n}`);
  const member = asMember.program?.body[0];
  if (member && member.type === 'ClassDeclaration' && member.body.body.length === 1) {
    return compiled(source, { kind: 'member', node: member.body.body[0]! });
  }
  const asProperty = tryParse(`({\n${rewritten}\n})`);
  const stmt = asProperty.program?.body[0];
  if (stmt && stmt.type === 'ExpressionStatement' && stmt.expression.type === 'ObjectExpression' && stmt.expression.properties.length === 1) {
    return compiled(source, { kind: 'property', node: stmt.expression.properties[0]! });
  }
  // Semgrep lets `...` and `$A` stand where JS needs a separator: `class C { ... m() {} ... }`,
  // `if ($C) $A else $B`. Retry with the separators written out.
  const separated = rewritten
    .replace(new RegExp(`${ELLIPSIS}([ \\t]+)(?=[A-Za-z_$@#*])`, 'g'), `${ELLIPSIS};$1`)
    .replace(/(\$[A-Z_][A-Z0-9_]*)(\s+)else\b/g, '$1;$2else');
  if (separated !== rewritten) {
    const again = tryParse(separated);
    if (again.program) {
      const shape = shapeOf(again.program.body);
      if (shape) return compiled(source, shape);
    }
  }
  // Type assertions `<T>x` only parse without JSX.
  const noJsx = tryParse(rewritten, false);
  if (noJsx.program) {
    const shape = shapeOf(noJsx.program.body);
    if (shape) return compiled(source, shape);
  }
  return { ok: false, message: first.error ?? 'the pattern is not a JS/TS expression, statement or declaration' };
}

/** A lone block whose statements are all `label: expression` (or `...`): really an object literal. */
function isLabelBlock(body: TSESTree.ProgramStatement[]): boolean {
  const block = body.length === 1 ? body[0] : undefined;
  if (block?.type !== 'BlockStatement') return false;
  const inner = block.body;
  return inner.length > 0 && inner.every((s) => s.type === 'LabeledStatement' || (s.type === 'ExpressionStatement' && s.expression.type === 'Identifier' && s.expression.name === ELLIPSIS)) && inner.some((s) => s.type === 'LabeledStatement');
}

function compiled(source: string, shape: PatternShape): ParsePatternResult {
  stripPositions(shape);
  const root: PatternRoot = { shape };
  return { ok: true, pattern: { source, root, requiredWords: collectRequiredWords(shape) } };
}

function tryParse(text: string, jsx = true): { program?: TSESTree.Program; error?: string } {
  try {
    const program = estreeModule().parse(text, { range: true, loc: true, jsx, comment: false, suppressDeprecatedPropertyWarnings: true });
    return { program };
  } catch (error) {
    const e = error as { message?: string; location?: { start?: { line?: number; column?: number } } };
    const where = e.location?.start?.line !== undefined ? ` (pattern line ${e.location.start.line}, column ${(e.location.start.column ?? 0) + 1})` : '';
    return { error: `${e.message ?? String(error)}${where}` };
  }
}

function shapeOf(body: TSESTree.ProgramStatement[]): PatternShape | undefined {
  if (body.length === 0) return undefined;
  if (body.length === 1) {
    const only = body[0]!;
    if (only.type === 'ExpressionStatement') return { kind: 'expression', node: only.expression };
    return { kind: 'statement', node: only };
  }
  return { kind: 'sequence', nodes: body };
}

/**
 * Rewrites `...`, `<...`, `...>` and `$...` outside strings, templates' text and
 * comments. A `...` directly followed by an identifier, `(`, `[` or `{` is JS
 * spread syntax and is kept.
 */
export function rewritePlaceholders(text: string): string {
  let out = '';
  let i = 0;
  let deepDepth = 0;
  // Stack of template-literal brace depths, to know when `}` ends `${...}`.
  const templateStack: number[] = [];
  let braceDepth = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    // Comments.
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      const stop = skipString(text, i, c);
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '`') {
      const stop = skipTemplateText(text, i + 1);
      out += text.slice(i, stop.end);
      i = stop.end;
      if (stop.openedExpression) templateStack.push(braceDepth++);
      continue;
    }
    if (c === '{') {
      braceDepth++;
      out += c;
      i++;
      continue;
    }
    if (c === '}') {
      braceDepth--;
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        const stop = skipTemplateText(text, i + 1);
        out += text.slice(i, stop.end);
        i = stop.end;
        if (stop.openedExpression) templateStack.push(braceDepth++);
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === '<' && text.startsWith('...', i + 1)) {
      out += `${DEEP}(`;
      deepDepth++;
      i += 4;
      continue;
    }
    if (c === '$' && text.startsWith('...', i + 1) && /[A-Z_]/.test(text[i + 4] ?? '')) {
      out += SEQ_PREFIX;
      i += 4;
      continue;
    }
    if (c === '.' && text.startsWith('...', i)) {
      if (deepDepth > 0 && text[i + 3] === '>') {
        out += ')';
        deepDepth--;
        i += 4;
        continue;
      }
      const next = text[i + 3] ?? '';
      // `...x`, `...[a]`, `...{a}` are JS spread; `...(` is an ellipsis (`function ...(...)`).
      if (/[A-Za-z_$[{]/.test(next)) {
        out += '...';
        i += 3;
        continue;
      }
      out += ELLIPSIS;
      i += 3;
      continue;
    }
    out += c;
    i++;
  }
  if (deepDepth !== 0) throw new Error('unbalanced deep-expression operator: `<...` without its closing `...>`');
  return out;
}

function skipString(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote || c === '\n') return i + 1;
    i++;
  }
  return text.length;
}

/** Skips template text from `start` (just after a backtick or `}`) to the closing backtick or a `${`. */
function skipTemplateText(text: string, start: number): { end: number; openedExpression: boolean } {
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') return { end: i + 1, openedExpression: false };
    if (c === '$' && text[i + 1] === '{') return { end: i + 2, openedExpression: true };
    i++;
  }
  return { end: text.length, openedExpression: false };
}

/** Pattern nodes keep no positions: they are compared structurally only. */
function stripPositions(shape: PatternShape): void {
  const roots = shape.kind === 'sequence' ? shape.nodes : [shape.node];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const record = value as Record<string, unknown>;
    delete record.loc;
    delete record.parent;
    for (const key of Object.keys(record)) {
      if (key === 'range') continue;
      visit(record[key]);
    }
  };
  for (const r of roots) visit(r);
}

/** True for a metavariable name: `$X`, `$FOO_1`, `$_`. */
export function isMetavariableName(name: string): boolean {
  // Hot: called for every identifier compared. Cheap rejections first.
  if (name.charCodeAt(0) !== 36 /* $ */ || name.length < 2) return false;
  const c = name.charCodeAt(1);
  if (!((c >= 65 && c <= 90) || c === 95)) return false;
  return METAVARIABLE.test(name);
}

const METAVARIABLE = /^\$[A-Z_][A-Z0-9_]*$/;

/**
 * Identifiers a file must contain for the pattern to match: plain names in the
 * pattern (not metavariables or placeholders), split into word parts the same
 * way the file's text is tokenized. Used as a cheap prefilter before matching.
 */
function collectRequiredWords(shape: PatternShape): string[] {
  const words = new Set<string>();
  const roots = shape.kind === 'sequence' ? shape.nodes : [shape.node];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const node = value as TSESTree.Node;
    // Anything under a deep operator or type annotation may be written differently; keep it simple and exact.
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') {
      const name = node.name;
      if (!isMetavariableName(name) && !name.startsWith(SEQ_PREFIX) && name !== ELLIPSIS && name !== DEEP) words.add(name);
      return;
    }
    // `require('m')`: the module name is in the file too.
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
      const arg = node.arguments[0];
      if (arg?.type === 'Literal' && typeof arg.value === 'string' && !arg.value.includes('...') && !isMetavariableName(arg.value) && !arg.value.startsWith('=~')) {
        words.add('require');
        for (const part of arg.value.replace(/^node:/, '').split(/[^A-Za-z0-9_$]+/)) if (part) words.add(part);
        return;
      }
    }
    // A quoted object key (`{"script-src": ...}`) is written as such in the file too.
    if (node.type === 'Property' && !node.computed && node.key.type === 'Literal' && typeof node.key.value === 'string' && !isMetavariableName(node.key.value) && node.key.value !== '...') {
      for (const part of node.key.value.split(/[^A-Za-z0-9_$]+/)) if (part) words.add(part);
      visit(node.value);
      return;
    }
    if (node.type === 'ImportDeclaration') {
      for (const part of String(node.source.value).replace(/^node:/, '').split(/[^A-Za-z0-9_$]+/)) if (part) words.add(part);
      return;
    }
    const record = node as unknown as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      if (k === 'range' || k === 'typeAnnotation' || k === 'returnType' || k === 'typeArguments' || k === 'typeParameters') continue;
      visit(record[k]);
    }
  };
  for (const r of roots) visit(r);
  return [...words];
}
