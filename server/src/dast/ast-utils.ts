/** Small estree helpers for the prober: walking with parents, finding a node by range, reading literal strings. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { childKeys, isNode } from '../engine/match/ast';

/** Any estree node. */
export type Node = TSESTree.Node;

/**
 * Calls `visit(node, parent)` for every node under `root`, depth first.
 *
 * Why visitor keys: parse recovery may hand back class members or object
 * members at the top level, so walking by known statement types would miss them.
 */
export function walk(root: Node, visit: (node: Node, parent: Node | undefined) => void): void {
  const stack: { node: Node; parent: Node | undefined }[] = [{ node: root, parent: undefined }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    visit(top.node, top.parent);
    const keys = childKeys(top.node);
    const record = top.node as unknown as Record<string, unknown>;
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (key === undefined) continue;
      const child = record[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c: unknown = child[i];
          if (isNode(c)) stack.push({ node: c, parent: top.node });
        }
      } else if (isNode(child)) {
        stack.push({ node: child, parent: top.node });
      }
    }
  }
}

/** A map from node to parent for the whole program. */
export function parentMap(root: Node): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  walk(root, (node, parent) => {
    if (parent) parents.set(node, parent);
  });
  return parents;
}

/** The smallest node that covers `[start, end)`; the exact node when one has that range. */
export function nodeAt(root: Node, start: number, end: number): Node | undefined {
  let best: Node | undefined;
  walk(root, (node) => {
    if (node.range[0] <= start && node.range[1] >= end) {
      if (!best || node.range[1] - node.range[0] <= best.range[1] - best.range[0]) best = node;
    }
  });
  return best;
}

/** The string a literal or expression-free template stands for, else undefined. */
export function staticString(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Strips `as T`, `!`, `await` and `satisfies` wrappers that do not change what a value is. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'AwaitExpression' || current.type === 'TSTypeAssertion') {
      current = current.type === 'AwaitExpression' ? current.argument : current.expression;
      continue;
    }
    return current;
  }
}

/** The parent, skipping the wrappers {@link unwrap} strips. */
export function semanticParent(node: Node, parents: Map<Node, Node>): Node | undefined {
  let parent = parents.get(node);
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSSatisfiesExpression' || parent.type === 'AwaitExpression' || parent.type === 'TSTypeAssertion')) {
    parent = parents.get(parent);
  }
  return parent;
}

/** The name of a non-computed member property, or a computed string key. */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return staticString(member.property);
}

/** True for function expressions, arrows and declarations. */
export function isFunction(node: Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The dotted text of an identifier/member chain (`app.use`, `router.get`), else undefined. */
export function dottedName(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') {
    const object = dottedName(n.object);
    const prop = propertyName(n);
    return object !== undefined && prop !== undefined ? `${object}.${prop}` : undefined;
  }
  return undefined;
}
