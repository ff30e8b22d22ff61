/**
 * `pattern:` — every place in a file where one compiled pattern matches.
 *
 * The pattern's root decides which nodes are candidates: a call to `exec`
 * visits only calls named `exec` (and import aliases of it), a statement
 * sequence visits statement lists, and so on. Results are memoized per file.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CompiledPattern } from '../types';
import { EXPRESSION_TYPES, FUNCTION_TYPES, type Node } from './ast';
import { sameBindings, type Env } from './env';
import { calleeName, parentOf, type FileContext } from './file-context';
import { isEllipsisItem, Matcher } from './match-node';
import { DEEP, ELLIPSIS, isMetavariableName, type PatternRoot } from '../pattern/parse-pattern';

/** A matched range of the file with its metavariable bindings. */
export interface RangeMatch {
  start: number;
  end: number;
  env: Env;
  /** The innermost node the match covers (for fingerprints); absent for regex matches. */
  node?: Node;
}

/** Most matches one pattern reports at one node (guards against ellipsis blow-up). */
const MAX_MATCHES_PER_NODE = 64;

/** Each compiled pattern's memo key: patterns with the same text share results on a file. */
const memoKeys = new WeakMap<CompiledPattern, string>();

/** All matches of `pattern` in the file, in document order, deduplicated. */
export function findPatternMatches(pattern: CompiledPattern, ctx: FileContext): RangeMatch[] {
  let memoKey = memoKeys.get(pattern);
  if (memoKey === undefined) {
    memoKey = `pattern:${pattern.source.trim()}`;
    memoKeys.set(pattern, memoKey);
  }
  const cached = ctx.memo.get(memoKey) as RangeMatch[] | undefined;
  if (cached) return cached;
  const root = pattern.root as PatternRoot;
  const matcher = new Matcher(ctx);
  const out: RangeMatch[] = [];
  const seen = new Map<number, RangeMatch[]>();
  const add = (start: number, end: number, env: Env, node: Node): void => {
    // Keyed by start; a few matches share a start at most.
    const same = seen.get(start);
    if (same?.some((m) => m.end === end && sameBindings(m.env, env))) return;
    const match = { start, end, env, node };
    if (same) same.push(match);
    else seen.set(start, [match]);
    out.push(match);
  };
  const shape = root.shape;
  if (shape.kind === 'sequence') {
    matchSequenceRoot(shape.nodes, ctx, matcher, add);
  } else {
    const p = shape.node;
    for (const t of candidates(p, shape.kind, ctx)) {
      if (isPartOfLargerConcatenation(p, t, matcher)) continue;
      let count = 0;
      const range = reportedRange(p, t);
      matcher.match(p, t, null, (env) => {
        if (count++ < MAX_MATCHES_PER_NODE) add(range[0], range[1], env, t);
      });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  ctx.memo.set(memoKey, out);
  return out;
}

/**
 * `a + b` inside `a + b + c` is one operand run of the larger chain; when the
 * larger chain matches too, only the larger one is reported.
 */
function isPartOfLargerConcatenation(p: Node, t: Node, matcher: Matcher): boolean {
  if (p.type !== 'BinaryExpression' || p.operator !== '+' || t.type !== 'BinaryExpression' || t.operator !== '+') return false;
  const parent = parentOf(t);
  if (!parent || parent.type !== 'BinaryExpression' || parent.operator !== '+' || parent.left !== t) return false;
  let found = false;
  matcher.match(p, parent, null, () => {
    found = true;
  });
  return found;
}

/** The nodes a pattern root could match. */
function candidates(p: Node, kind: string, ctx: FileContext): readonly Node[] {
  if (kind === 'member') return concat(ctx, ['MethodDefinition', 'PropertyDefinition', 'TSAbstractMethodDefinition', 'TSAbstractPropertyDefinition']);
  if (kind === 'property') return concat(ctx, ['Property']);
  let node = p;
  if (node.type === 'ChainExpression') node = node.expression;
  switch (node.type) {
    case 'Identifier':
      if (isMetavariableName(node.name) || node.name === ELLIPSIS) return allExpressions(ctx);
      return ctx.nodesOfType('Identifier');
    case 'CallExpression':
    case 'NewExpression': {
      if (node.callee.type === 'Identifier' && node.callee.name === DEEP) return allExpressions(ctx);
      const name = calleeName(node.callee);
      if (name === undefined || isMetavariableName(name) || name === ELLIPSIS) return ctx.nodesOfType(node.type);
      const keyed = [...ctx.nodesByName(node.type, name)];
      for (const alias of ctx.importAliasesOf(name)) keyed.push(...ctx.nodesByName(node.type, alias));
      return keyed;
    }
    case 'MemberExpression': {
      const name = !node.computed && node.property.type === 'Identifier' ? node.property.name : undefined;
      if (name === undefined || isMetavariableName(name) || name === ELLIPSIS) return ctx.nodesOfType('MemberExpression');
      return [...ctx.nodesByName('MemberExpression', name), ...ctx.importAliasesOf(name).flatMap((a) => identifiersNamed(ctx, a))];
    }
    case 'AssignmentExpression':
      return node.operator === '=' ? concat(ctx, ['AssignmentExpression', 'VariableDeclarator']) : ctx.nodesOfType('AssignmentExpression');
    case 'VariableDeclaration':
      return node.declarations.length === 1 ? ctx.nodesOfType('VariableDeclarator') : ctx.nodesOfType('VariableDeclaration');
    case 'ImportDeclaration':
      return [...ctx.nodesOfType('ImportDeclaration'), ...ctx.nodesOfType('VariableDeclarator'), ...ctx.nodesByName('CallExpression', 'require')];
    case 'ClassDeclaration':
    case 'ClassExpression':
      return concat(ctx, ['ClassDeclaration', 'ClassExpression']);
    case 'Literal':
      return typeof node.value === 'string' ? concat(ctx, ['Literal', 'TemplateLiteral']) : ctx.nodesOfType('Literal');
    default:
      if (FUNCTION_TYPES.has(node.type)) return concat(ctx, [...FUNCTION_TYPES]);
      return ctx.nodesOfType(node.type);
  }
}

function identifiersNamed(ctx: FileContext, name: string): Node[] {
  return ctx.nodesOfType('Identifier').filter((n) => (n as TSESTree.Identifier).name === name);
}

function concat(ctx: FileContext, types: string[]): Node[] {
  const key = `types:${types.join(',')}`;
  const cached = ctx.memo.get(key) as Node[] | undefined;
  if (cached) return cached;
  const out: Node[] = [];
  for (const type of types) for (const n of ctx.nodesOfType(type)) out.push(n);
  if (types.length > 1) out.sort((a, b) => a.range[0] - b.range[0]);
  ctx.memo.set(key, out);
  return out;
}

function allExpressions(ctx: FileContext): Node[] {
  const cached = ctx.memo.get(allExpressions) as Node[] | undefined;
  if (cached) return cached;
  const out: Node[] = [];
  for (const [type, nodes] of ctx.types()) if (EXPRESSION_TYPES.has(type)) out.push(...nodes);
  out.sort((a, b) => a.range[0] - b.range[0]);
  ctx.memo.set(allExpressions, out);
  return out;
}

/**
 * The range reported for a match at `t`: a declarator matched by a
 * `const x = ...` pattern reports its whole statement when it is alone in it.
 */
function reportedRange(p: Node, t: Node): [number, number] {
  if (t.type === 'VariableDeclarator' && (p.type === 'VariableDeclaration' || p.type === 'ImportDeclaration')) {
    const parent = parentOf(t);
    if (parent && parent.type === 'VariableDeclaration' && parent.declarations.length === 1) return [parent.range[0], parent.range[1]];
  }
  return [t.range[0], t.range[1]];
}

/** A multi-statement pattern: tried at every position of every statement list. */
function matchSequenceRoot(ps: Node[], ctx: FileContext, matcher: Matcher, add: (s: number, e: number, env: Env, node: Node) => void): void {
  const firstConcrete = ps.findIndex((p) => !isEllipsisItem(p));
  if (firstConcrete === -1) return;
  // A leading `...` adds nothing to where a match starts.
  const pattern = ps.slice(firstConcrete);
  for (const list of ctx.statementLists) {
    for (let i = 0; i < list.length; i++) {
      const first = list[i]!;
      let count = 0;
      matcher.matchStatementsFrom(pattern, list, i, null, (env, end) => {
        if (count++ < MAX_MATCHES_PER_NODE) add(first.range[0], Math.max(end, first.range[1]), env, first);
      }, false);
    }
  }
}
