/** Builds the "suppress on this line" comment: `// vigil-ignore: <id>`, or `{/* vigil-ignore: <id> *\/}` among JSX children. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

type Node = TSESTree.Node;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

/** The direct child of `node` whose range contains `offset`, if any. */
function childAt(node: Node, offset: number): Node | undefined {
  const record = node as unknown as Record<string, unknown>;
  for (const key of visitorKeys[node.type] ?? []) {
    const value = record[key];
    const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of items) if (isNode(item) && item.range[0] <= offset && offset < item.range[1]) return item;
  }
  return undefined;
}

/**
 * Whether `offset` lies among the children of a JSX element or fragment (where
 * text is rendered, so a `//` comment would show up on the page) rather than in
 * code or inside a tag.
 */
export function isInJsxChildren(program: TSESTree.Program | null, offset: number): boolean {
  if (!program) return false;
  let inside = false;
  let node: Node | undefined = program;
  while (node) {
    if (node.type === 'JSXElement') {
      const closing = node.closingElement;
      inside = offset >= node.openingElement.range[1] && (closing ? offset < closing.range[0] : false);
    } else if (node.type === 'JSXFragment') {
      inside = offset >= node.openingFragment.range[1] && offset < node.closingFragment.range[0];
    } else if (node.type === 'JSXOpeningElement' || node.type === 'JSXClosingElement') {
      inside = false;
    } else if (node.type === 'JSXExpressionContainer') {
      // The braces themselves sit among children; inside them is code.
      const expression: Node = node.expression;
      if (expression.range[0] <= offset && offset < expression.range[1]) inside = false;
    }
    node = childAt(node, offset);
  }
  return inside;
}

/** What to insert, and where: a whole line before `line`, with that line's indentation. */
export interface SuppressionInsert {
  /** 0-based line the comment goes above. */
  line: number;
  text: string;
}

/**
 * The comment line that silences `ruleId` on `line` of `text`.
 *
 * Why above the line: the engine treats a suppression comment standing alone
 * on a line as covering the next line, so the code line itself is untouched.
 */
export function suppressionFor(text: string, lineStart: number, line: number, ruleId: string, jsx: boolean): SuppressionInsert {
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const indent = text.slice(lineStart, end);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = jsx ? `{/* vigil-ignore: ${ruleId} */}` : `// vigil-ignore: ${ruleId}`;
  return { line, text: `${indent}${comment}${eol}` };
}
