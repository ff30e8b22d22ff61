/**
 * Label expressions for taint `requires:` — `A`, `not A`, `A and B`,
 * `A or (B and not C)` — evaluated against the labels a value carries.
 */

/** A parsed label expression. */
export type LabelExpr =
  | { kind: 'label'; name: string }
  | { kind: 'not'; operand: LabelExpr }
  | { kind: 'and' | 'or'; left: LabelExpr; right: LabelExpr };

/** Parses a `requires:` expression; undefined when it is malformed. */
export function parseLabelExpr(text: string): LabelExpr | undefined {
  const tokens = text.match(/\(|\)|[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const parseOr = (): LabelExpr | undefined => {
    let left = parseAnd();
    while (left && peek() === 'or') {
      i++;
      const right = parseAnd();
      if (!right) return undefined;
      left = { kind: 'or', left, right };
    }
    return left;
  };
  const parseAnd = (): LabelExpr | undefined => {
    let left = parseNot();
    while (left && peek() === 'and') {
      i++;
      const right = parseNot();
      if (!right) return undefined;
      left = { kind: 'and', left, right };
    }
    return left;
  };
  const parseNot = (): LabelExpr | undefined => {
    if (peek() === 'not') {
      i++;
      const operand = parseNot();
      return operand ? { kind: 'not', operand } : undefined;
    }
    if (peek() === '(') {
      i++;
      const inner = parseOr();
      if (peek() !== ')') return undefined;
      i++;
      return inner;
    }
    const name = peek();
    if (name === undefined || name === ')' || name === 'and' || name === 'or') return undefined;
    i++;
    return { kind: 'label', name };
  };
  const expr = parseOr();
  return expr && i === tokens.length ? expr : undefined;
}

/** Whether a value with `labels` satisfies `expr`. */
export function labelsSatisfy(expr: LabelExpr, labels: ReadonlySet<string>): boolean {
  switch (expr.kind) {
    case 'label':
      return labels.has(expr.name);
    case 'not':
      return !labelsSatisfy(expr.operand, labels);
    case 'and':
      return labelsSatisfy(expr.left, labels) && labelsSatisfy(expr.right, labels);
    case 'or':
      return labelsSatisfy(expr.left, labels) || labelsSatisfy(expr.right, labels);
  }
}
