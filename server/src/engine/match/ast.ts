/** Small helpers over typescript-estree nodes shared by the matcher and the file index. */
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** Any estree node (typescript-estree's union, seen structurally). */
export type Node = TSESTree.Node;

/** The child-bearing keys of a node type, in source order. */
export function childKeys(node: Node): readonly string[] {
  return visitorKeys[node.type] ?? [];
}

/** True for a value that looks like an estree node. */
export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `visit` on every direct child node of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeys(node)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

/** Node types that are expressions (a bare `$X` or a deep `<... P ...>` can stand for them). */
export const EXPRESSION_TYPES: ReadonlySet<string> = new Set([
  'ArrayExpression', 'ArrowFunctionExpression', 'AssignmentExpression', 'AwaitExpression', 'BinaryExpression',
  'CallExpression', 'ChainExpression', 'ClassExpression', 'ConditionalExpression', 'FunctionExpression',
  'Identifier', 'ImportExpression', 'JSXElement', 'JSXFragment', 'Literal', 'LogicalExpression',
  'MemberExpression', 'MetaProperty', 'NewExpression', 'ObjectExpression', 'SequenceExpression', 'Super',
  'TaggedTemplateExpression', 'TemplateLiteral', 'ThisExpression', 'UnaryExpression', 'UpdateExpression',
  'YieldExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion',
  'TSInstantiationExpression',
]);

/** Node types that are functions, interchangeable in patterns. */
export const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSDeclareFunction',
]);

/** Type-only wrappers around an expression that a pattern without them looks through. */
const TRANSPARENT_WRAPPERS: ReadonlySet<string> = new Set([
  'ChainExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion',
]);

/** Strips `x as T`, `x!`, `x satisfies T`, `<T>x` and optional-chain wrappers. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  while (TRANSPARENT_WRAPPERS.has(current.type)) {
    current = (current as { expression: Node }).expression;
  }
  return current;
}

/** True when `node` is wrapped by a type-only wrapper (so the pattern may look through it). */
export function isTransparentWrapper(node: Node): boolean {
  return TRANSPARENT_WRAPPERS.has(node.type);
}

/**
 * Structural equality of two subtrees, ignoring positions and parents, used for
 * metavariable unification (`$X == $X`). String quotes don't matter; values do.
 */
export function nodesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!nodesEqual(a[i], b[i])) return false;
    return true;
  }
  if (isNode(a) && isNode(b)) {
    const ua = a;
    const ub = b;
    if (ua.type !== ub.type) return false;
    // A name is the same name with or without a type annotation (`d: string` declared, `d` used).
    if (ua.type === 'Identifier') return ua.name === (ub as { name: string }).name;
    if (ua.type === 'Literal') {
      const la = ua;
      const lb = ub as TSESTree.Literal;
      if ('regex' in la && la.regex) return 'regex' in lb && !!lb.regex && la.regex.pattern === lb.regex.pattern && la.regex.flags === lb.regex.flags;
      return la.value === lb.value || (typeof la.value === 'bigint' && la.raw === lb.raw);
    }
    const ra = ua as unknown as Record<string, unknown>;
    const rb = ub as unknown as Record<string, unknown>;
    for (const key of childKeys(ua)) {
      if (!nodesEqual(ra[key], rb[key])) return false;
    }
    // Scalar fields that change meaning (operators, names, flags).
    for (const key of ['name', 'operator', 'computed', 'kind', 'prefix', 'value'] as const) {
      if (key in ra && typeof ra[key] !== 'object' && ra[key] !== rb[key]) return false;
    }
    return true;
  }
  return false;
}
