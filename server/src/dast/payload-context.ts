/** Reads the code around a sink (SQL text, shell command, HTML, JS code, file path) to know which context a payload must close. */
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding } from '../engine/types';
import { dottedName, nodeAt, staticString, unwrap, walk, type Node } from './ast-utils';

/** The static text before and after the tainted value where it is spliced into a string. */
export interface SinkTemplate {
  prefix: string;
  suffix: string;
}

/**
 * The text around the tainted value in the string the sink receives: the
 * template literal or `+` chain at the sink, followed through local variables.
 *
 * Why: `WHERE name LIKE '%` + q + `%'` needs a different payload from
 * `WHERE id = ` + id; a payload that closes exactly the context it lands in
 * turns a hundred blind guesses into two or three requests.
 */
export function sinkTemplate(finding: Finding, program: TSESTree.Program, taintNames: readonly string[]): SinkTemplate | undefined {
  let sink = nodeAt(program, finding.start, finding.end);
  if (!sink) return undefined;
  sink = unwrap(sink);
  if (sink.type === 'CallExpression' && sink.arguments[0]) sink = unwrap(sink.arguments[0]);
  const parts = flatten(sink, program, 0);
  if (!parts.some((p) => p.kind === 'dynamic')) return undefined;
  const isTainted = (text: string): boolean => taintNames.some((n) => n.length > 0 && new RegExp(`(^|[^\\w$])${escapeRegExp(n)}([^\\w$]|$)`).test(text));
  let index = parts.findIndex((p) => p.kind === 'dynamic' && isTainted(p.text));
  if (index < 0) index = parts.findIndex((p) => p.kind === 'dynamic');
  const render = (list: Part[]): string => list.map((p) => (p.kind === 'static' ? p.text : '1')).join('');
  // No text around the value (a bound parameter, an argument array): the context is unknown.
  if (!parts.some((p) => p.kind === 'static' && p.text.length > 0)) return undefined;
  return { prefix: render(parts.slice(0, index)), suffix: render(parts.slice(index + 1)) };
}

type Part = { kind: 'static'; text: string } | { kind: 'dynamic'; text: string };

function flatten(node: Node, program: TSESTree.Program, depth: number): Part[] {
  const n = unwrap(node);
  const text = (x: Node): string => sourceText(x);
  if (n.type === 'TemplateLiteral') {
    const out: Part[] = [];
    n.quasis.forEach((q, i) => {
      out.push({ kind: 'static', text: q.value.cooked ?? q.value.raw });
      const e = n.expressions[i];
      if (e) out.push(...flattenDynamic(e, program, depth));
    });
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') return [...flatten(n.left, program, depth), ...flatten(n.right, program, depth)];
  const s = staticString(n);
  if (s !== undefined) return [{ kind: 'static', text: s }];
  if (n.type === 'Identifier' && depth < 4) {
    const init = definitionOf(n.name, n.range[0], program);
    if (init) return flatten(init, program, depth + 1);
  }
  return [{ kind: 'dynamic', text: text(n) }];
}

function flattenDynamic(e: Node, program: TSESTree.Program, depth: number): Part[] {
  const n = unwrap(e);
  if (n.type === 'Identifier' && depth < 4) {
    const init = definitionOf(n.name, n.range[0], program);
    // Expand a variable only when it holds a built string (`const where = "x = '" + v + "'"`).
    if (init && (unwrap(init).type === 'TemplateLiteral' || (unwrap(init).type === 'BinaryExpression' && staticPieces(init)))) return flatten(init, program, depth + 1);
  }
  return [{ kind: 'dynamic', text: sourceText(n) }];
}

function staticPieces(node: Node): boolean {
  let found = false;
  walk(node, (x) => {
    if (staticString(x) !== undefined) found = true;
  });
  return found;
}

/** The initializer (or last assignment) of `name` before `before`. */
function definitionOf(name: string, before: number, program: TSESTree.Program): Node | undefined {
  let best: Node | undefined;
  let bestAt = -1;
  walk(program, (x) => {
    if (x.range[0] >= before) return;
    if (x.type === 'VariableDeclarator' && x.id.type === 'Identifier' && x.id.name === name && x.init && x.range[0] > bestAt) {
      best = x.init;
      bestAt = x.range[0];
    }
    if (x.type === 'AssignmentExpression' && x.operator === '=' && x.left.type === 'Identifier' && x.left.name === name && x.range[0] > bestAt) {
      best = x.right;
      bestAt = x.range[0];
    }
  });
  return best;
}

/** The names (identifiers and dotted members) in `node`: all the taint check needs of a dynamic part. */
function sourceText(node: Node): string {
  const names: string[] = [];
  walk(node, (x) => {
    if (x.type === 'Identifier') names.push(x.name);
    if (x.type === 'MemberExpression') {
      const d = dottedName(x);
      if (d !== undefined) names.push(d);
    }
  });
  return names.join(' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names that carry the tainted value: the input name, the trace's assignment targets, the source text. */
export function taintNames(finding: Finding, inputName: string | undefined): string[] {
  const names = new Set<string>();
  if (inputName !== undefined) names.add(inputName);
  for (const step of finding.trace ?? []) {
    const assigned = /assigned to ([\w$.]+)/.exec(step.label);
    if (assigned?.[1] !== undefined) names.add(assigned[1]);
    const param = /parameter ([\w$]+)/.exec(step.label);
    if (param?.[1] !== undefined) names.add(param[1]);
    const source = /^source: (.+)$/.exec(step.label);
    if (source?.[1] !== undefined) names.add(source[1].trim());
  }
  return [...names];
}

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

/** Where in a SQL statement the value lands. */
export interface SqlContext {
  /** The quote the value sits inside, or null for a bare (numeric) position. */
  quote: "'" | '"' | null;
  /** The literal text after the value up to the closing quote (`%` in `LIKE '%…%'`). */
  stringSuffix: string;
  /** Parentheses open at the value. */
  parenDepth: number;
  /** True for SELECT/WITH statements: OR forms are only ever sent to reads. */
  isRead: boolean;
  inLike: boolean;
}

/** Scans the SQL text before (and after) the value. */
export function sqlContext(template: SinkTemplate): SqlContext {
  let quote: "'" | '"' | null = null;
  let depth = 0;
  const p = template.prefix;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (quote) {
      if (c === quote) {
        if (p[i + 1] === quote) i++;
        else quote = null;
      }
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  let stringSuffix = '';
  if (quote) {
    const end = template.suffix.indexOf(quote);
    stringSuffix = end >= 0 ? template.suffix.slice(0, end) : '';
  }
  const statement = p.trimStart().slice(0, 12).toUpperCase();
  return {
    quote,
    stringSuffix,
    parenDepth: depth,
    isRead: statement.startsWith('SELECT') || statement.startsWith('WITH') || p.trim() === '',
    inLike: /LIKE\s*['"][^'"]*$/i.test(p),
  };
}

// ---------------------------------------------------------------------------
// Shell, HTML, JavaScript
// ---------------------------------------------------------------------------

/** Inside which quotes a shell word sits. */
export type ShellContext = 'single' | 'double' | 'none';

/** Scans a shell command prefix for open quotes. */
export function shellContext(prefix: string): ShellContext {
  let state: ShellContext = 'none';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (state === 'double') {
      if (c === '\\') i++;
      else if (c === '"') state = 'none';
    } else if (c === '\\') i++;
    else if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
  }
  return state;
}

/** Where in an HTML document a reflection lands. */
export type HtmlContext =
  | { kind: 'text' }
  | { kind: 'attribute'; quote: '"' | "'" | '' }
  | { kind: 'raw-text'; closeTag: string }
  | { kind: 'comment' };

/** Scans the HTML before a reflection. */
export function htmlContext(prefix: string): HtmlContext {
  const lower = prefix.toLowerCase();
  const lastComment = lower.lastIndexOf('<!--');
  if (lastComment >= 0 && lower.indexOf('-->', lastComment) < 0) return { kind: 'comment' };
  for (const tag of ['script', 'style', 'textarea', 'title']) {
    const open = lower.lastIndexOf(`<${tag}`);
    if (open >= 0 && lower.indexOf(`</${tag}`, open) < 0 && lower.indexOf('>', open) >= 0) return { kind: 'raw-text', closeTag: `</${tag}>` };
  }
  const lt = prefix.lastIndexOf('<');
  const gt = prefix.lastIndexOf('>');
  if (lt > gt) {
    const inTag = prefix.slice(lt);
    let q: '"' | "'" | '' | null = null;
    for (let i = 0; i < inTag.length; i++) {
      const c = inTag[i];
      if (q === '"' || q === "'") {
        if (c === q) q = null;
      } else if (c === '=') {
        const next = inTag[i + 1];
        if (next === '"' || next === "'") {
          q = next;
          i++;
        } else q = '';
      } else if (q === '' && /\s/.test(c ?? '')) q = null;
    }
    return { kind: 'attribute', quote: q ?? '' };
  }
  return { kind: 'text' };
}

/** The JavaScript string quote a value sits inside in `eval`-ed code, or null for expression position. */
export function codeContext(prefix: string): '"' | "'" | '`' | null {
  let q: '"' | "'" | '`' | null = null;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'" || c === '`') q = c;
  }
  return q;
}

// ---------------------------------------------------------------------------
// File paths
// ---------------------------------------------------------------------------

/**
 * The folder a handler reads from: `path.join(__dirname, 'public', name)` →
 * `<dir of file>/public`. Undefined when it cannot be known statically.
 *
 * Why: the canary file is reached with exactly the `../` steps from that folder.
 */
export function pathBase(finding: Finding, program: TSESTree.Program, file: string): string | undefined {
  let sink = nodeAt(program, finding.start, finding.end);
  if (!sink) return undefined;
  sink = unwrap(sink);
  if (sink.type === 'Identifier') sink = definitionOf(sink.name, sink.range[0], program) ?? sink;
  sink = unwrap(sink);
  if (sink.type !== 'CallExpression') return undefined;
  const callee = dottedName(sink.callee) ?? '';
  if (!/(^|\.)(join|resolve)$/.test(callee)) return undefined;
  const pieces: string[] = [];
  for (const arg of sink.arguments) {
    const a = unwrap(arg);
    if (a.type === 'Identifier' && a.name === '__dirname') pieces.push(path.dirname(path.resolve(file)));
    else {
      const s = staticString(a);
      if (s === undefined) break;
      pieces.push(s);
    }
  }
  return pieces.length > 0 && path.isAbsolute(pieces[0] ?? '') ? path.join(...pieces) : undefined;
}

/** Which template engine renders the tainted template: from the sink's callee and the file's imports. */
export function templateEngine(text: string): 'ejs' | 'nunjucks' | 'pug' | 'handlebars' | 'lodash' | 'unknown' {
  if (/require\(['"]ejs['"]\)|from ['"]ejs['"]/.test(text)) return 'ejs';
  if (/['"]nunjucks['"]/.test(text)) return 'nunjucks';
  if (/['"]pug['"]/.test(text)) return 'pug';
  if (/['"]handlebars['"]/.test(text)) return 'handlebars';
  if (/['"]lodash(\.template)?['"]/.test(text)) return 'lodash';
  return 'unknown';
}
