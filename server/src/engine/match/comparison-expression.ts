/** Parses and evaluates `metavariable-comparison` expressions (a small Python-like language). */
import type { ComparisonExpr } from '../types';
import { compileRegex, matchesAtStart } from './regex';

/** What a metavariable looks like to a comparison: its constant value, or its text. */
export type ComparisonValue = number | string | boolean;

/** The result of {@link parseComparison}. */
export type ParseComparisonResult = { ok: true; expr: ComparisonExpr } | { ok: false; message: string };

/** Functions a comparison may call, and how many arguments each takes. */
const FUNCTIONS: Record<string, { min: number; max: number }> = {
  int: { min: 1, max: 2 },
  float: { min: 1, max: 1 },
  str: { min: 1, max: 1 },
  len: { min: 1, max: 1 },
  bool: { min: 1, max: 1 },
  abs: { min: 1, max: 1 },
  're.match': { min: 2, max: 2 },
  today: { min: 0, max: 0 },
};

const COMPARISON_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in']);

type Token =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'name'; value: string; pos: number }
  | { kind: 'mvar'; value: string; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'end'; pos: number };

class ComparisonSyntaxError extends Error {}

/**
 * Parses a `metavariable-comparison` expression: Python-like ints and floats
 * (`0x1F`, `0o17`, `0b101`, `1_000`, `1e3`), strings (`'…'`, `"…"`, `r'…'`),
 * `True`/`False`, metavariables `$X`, lists `[…]`, `+ - * / // % **`,
 * comparisons `== != < <= > >=` (chained: `1 < $X < 10`), `in`, `not in`,
 * `and`, `or`, `not`, and the calls `int`, `float`, `str`, `len`, `bool`,
 * `abs`, `re.match(pattern, text)` and `today()`. Never throws.
 */
export function parseComparison(text: string): ParseComparisonResult {
  try {
    const tokens = tokenize(text);
    const parser = new Parser(tokens, text);
    const expr = parser.parseExpression();
    const t = parser.peek();
    if (t.kind !== 'end') throw new ComparisonSyntaxError(`unexpected ${describeToken(t)} at column ${t.pos + 1}`);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ComparisonSyntaxError) return { ok: false, message: e.message };
    return { ok: false, message: String(e) };
  }
}

/**
 * Evaluates a parsed comparison with Python semantics; the result is the
 * truthiness of its value. `lookup` gives a metavariable's value (constant
 * value or text), `undefined` when it is unbound.
 *
 * A comparison that cannot be evaluated because of the matched code (an
 * unbound metavariable, `int()` of text that is not a number, comparing a
 * string with a number, division by zero) is `false`, like in Semgrep.
 * `{error}` is returned only for a fault of the expression itself (an invalid
 * regex in `re.match`, an unknown function in a hand-built expression). Never throws.
 */
export function evaluateComparison(
  expr: ComparisonExpr,
  lookup: (name: string) => ComparisonValue | undefined,
): boolean | { error: string } {
  try {
    return truthy(evaluate(expr, lookup));
  } catch (e) {
    if (e instanceof NoValue) return false;
    if (e instanceof ExpressionFault) return { error: e.message };
    return { error: `internal error while evaluating a comparison: ${String(e)}` };
  }
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text.charAt(i + 1)))) {
      const m = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?)/.exec(text.slice(i));
      const lit = m?.[0] ?? '';
      if (/[A-Za-z_0-9]/.test(text.charAt(i + lit.length))) {
        throw new ComparisonSyntaxError(`invalid number "${text.slice(i).match(/^[A-Za-z_0-9.]+/)?.[0] ?? lit}" at column ${start + 1}`);
      }
      tokens.push({ kind: 'number', value: parseNumberLiteral(lit, start), pos: start });
      i += lit.length;
      continue;
    }
    if (c === '$') {
      const m = /^\$(\.\.\.)?[A-Z_][A-Z0-9_]*/.exec(text.slice(i));
      if (m === null) throw new ComparisonSyntaxError(`invalid metavariable at column ${start + 1} (expected $ followed by uppercase letters, digits or _)`);
      tokens.push({ kind: 'mvar', value: m[0], pos: start });
      i += m[0].length;
      continue;
    }
    const stringStart = /^([rRbBuU]?)(['"])/.exec(text.slice(i));
    if (stringStart !== null) {
      const raw = (stringStart[1] ?? '').toLowerCase() === 'r';
      const quote = stringStart[2] ?? '"';
      i += stringStart[0].length;
      let value = '';
      let closed = false;
      while (i < text.length) {
        const ch = text.charAt(i);
        if (ch === quote) { closed = true; i++; break; }
        if (ch === '\\' && i + 1 < text.length) {
          const next = text.charAt(i + 1);
          if (raw) value += ch + next;
          else value += unescapeChar(next);
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      if (!closed) throw new ComparisonSyntaxError(`string starting at column ${start + 1} is never closed (missing ${quote})`);
      tokens.push({ kind: 'string', value, pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ kind: 'name', value: word, pos: start });
      i += word.length;
      continue;
    }
    const op = ['**', '//', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.'].find((o) => text.startsWith(o, i));
    if (op === undefined) throw new ComparisonSyntaxError(`unexpected character "${c}" at column ${start + 1}`);
    tokens.push({ kind: 'op', value: op, pos: start });
    i += op.length;
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

function parseNumberLiteral(lit: string, pos: number): number {
  const clean = lit.replace(/_/g, '');
  let value: number;
  if (/^0[xX]/.test(clean)) value = parseInt(clean.slice(2), 16);
  else if (/^0[oO]/.test(clean)) value = parseInt(clean.slice(2), 8);
  else if (/^0[bB]/.test(clean)) value = parseInt(clean.slice(2), 2);
  else value = Number(clean);
  if (!Number.isFinite(value)) throw new ComparisonSyntaxError(`invalid number "${lit}" at column ${pos + 1}`);
  return value;
}

function unescapeChar(c: string): string {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '0': return '\0';
    case '\\': return '\\';
    case "'": return "'";
    case '"': return '"';
    default: return '\\' + c; // Python keeps unknown escapes as written
  }
}

function describeToken(t: Token): string {
  switch (t.kind) {
    case 'end': return 'end of expression';
    case 'string': return `string "${t.value}"`;
    case 'number': return `number ${t.value}`;
    default: return `"${t.value}"`;
  }
}

// ---------------------------------------------------------------------------
// Parser (precedence climbing, Python's precedence)
// ---------------------------------------------------------------------------

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[], private readonly text: string) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] ?? { kind: 'end', pos: this.text.length };
  }

  private next(): Token {
    const t = this.peek();
    this.index++;
    return t;
  }

  private isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.value === value;
  }

  private isWord(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'name' && t.value === value;
  }

  private expectOp(value: string): void {
    const t = this.next();
    if (t.kind !== 'op' || t.value !== value) {
      throw new ComparisonSyntaxError(`expected "${value}" but found ${describeToken(t)} at column ${t.pos + 1}`);
    }
  }

  parseExpression(): ComparisonExpr {
    return this.parseOr();
  }

  private parseOr(): ComparisonExpr {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'binary', op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ComparisonExpr {
    let left = this.parseNot();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'binary', op: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): ComparisonExpr {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'unary', op: 'not', operand: this.parseNot() };
    }
    return this.parseComparisonChain();
  }

  /** `a < b < c` means `a < b and b < c` (b is pure, so evaluating it twice is harmless). */
  private parseComparisonChain(): ComparisonExpr {
    const first = this.parseAdditive();
    const links: ComparisonExpr[] = [];
    let left = first;
    for (;;) {
      const op = this.comparisonOperator();
      if (op === undefined) break;
      const right = this.parseAdditive();
      links.push({ kind: 'binary', op, left, right });
      left = right;
    }
    if (links.length === 0) return first;
    return links.reduce((acc, link) => ({ kind: 'binary', op: 'and', left: acc, right: link }));
  }

  private comparisonOperator(): string | undefined {
    const t = this.peek();
    if (t.kind === 'op' && COMPARISON_OPS.has(t.value)) { this.next(); return t.value; }
    if (this.isWord('in')) { this.next(); return 'in'; }
    if (this.isWord('not') && this.isWord('in', 1)) { this.next(); this.next(); return 'not in'; }
    if (this.isWord('is')) throw new ComparisonSyntaxError(`"is" is not supported at column ${t.pos + 1}; use "==" or "!="`);
    return undefined;
  }

  private parseAdditive(): ComparisonExpr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as { value: string }).value;
      left = { kind: 'binary', op, left, right: this.parseMultiplicative() };
    }
    return left;
  }

  private parseMultiplicative(): ComparisonExpr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = (this.next() as { value: string }).value;
      left = { kind: 'binary', op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): ComparisonExpr {
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.isOp('-') ? '-' : '+';
      this.next();
      return { kind: 'unary', op, operand: this.parseUnary() };
    }
    return this.parsePower();
  }

  /** `**` binds tighter than a unary minus on its left and is right-associative: `-2 ** 2 == -4`. */
  private parsePower(): ComparisonExpr {
    const base = this.parsePrimary();
    if (this.isOp('**')) {
      this.next();
      return { kind: 'binary', op: '**', left: base, right: this.parseUnary() };
    }
    return base;
  }

  private parsePrimary(): ComparisonExpr {
    const t = this.next();
    switch (t.kind) {
      case 'number': return { kind: 'number', value: t.value };
      case 'string': {
        // Adjacent string literals concatenate, as in Python.
        let value = t.value;
        for (let s = this.peek(); s.kind === 'string'; s = this.peek()) { value += s.value; this.next(); }
        return { kind: 'string', value };
      }
      case 'mvar': return { kind: 'metavariable', name: t.value };
      case 'op':
        if (t.value === '(') {
          const inner = this.parseExpression();
          this.expectOp(')');
          return inner;
        }
        if (t.value === '[') {
          const items: ComparisonExpr[] = [];
          while (!this.isOp(']')) {
            items.push(this.parseExpression());
            if (!this.isOp(',')) break;
            this.next();
          }
          this.expectOp(']');
          return { kind: 'list', items };
        }
        throw new ComparisonSyntaxError(`unexpected "${t.value}" at column ${t.pos + 1}`);
      case 'name': return this.parseName(t.value, t.pos);
      case 'end': throw new ComparisonSyntaxError('the expression ends too early');
    }
  }

  private parseName(word: string, pos: number): ComparisonExpr {
    if (word === 'True') return { kind: 'bool', value: true };
    if (word === 'False') return { kind: 'bool', value: false };
    let callee = word;
    while (this.isOp('.')) {
      this.next();
      const part = this.next();
      if (part.kind !== 'name') throw new ComparisonSyntaxError(`expected a name after "." at column ${part.pos + 1}`);
      callee += '.' + part.value;
    }
    if (!this.isOp('(')) {
      if (word === 'None') throw new ComparisonSyntaxError(`"None" is not supported at column ${pos + 1}`);
      throw new ComparisonSyntaxError(`unknown name "${callee}" at column ${pos + 1} (metavariables start with "$", strings need quotes)`);
    }
    if (callee === 'strptime' || callee.endsWith('.strptime')) {
      throw new ComparisonSyntaxError(`"${callee}()" is not supported by Vigil's engine`);
    }
    const arity = FUNCTIONS[callee];
    if (arity === undefined) {
      throw new ComparisonSyntaxError(`unknown function "${callee}" at column ${pos + 1} (supported: ${Object.keys(FUNCTIONS).join(', ')})`);
    }
    this.expectOp('(');
    const args: ComparisonExpr[] = [];
    while (!this.isOp(')')) {
      args.push(this.parseExpression());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp(')');
    if (args.length < arity.min || args.length > arity.max) {
      const expected = arity.min === arity.max ? `${arity.min}` : `${arity.min} or ${arity.max}`;
      throw new ComparisonSyntaxError(`${callee}() takes ${expected} argument${arity.max === 1 ? '' : 's'} (got ${args.length})`);
    }
    return { kind: 'call', callee, args };
  }
}

// ---------------------------------------------------------------------------
// Evaluation (Python semantics)
// ---------------------------------------------------------------------------

type Value = ComparisonValue | Value[];

/** The matched code made the comparison meaningless: the result is false. */
class NoValue extends Error {}
/** The expression itself is wrong: reported as an error. */
class ExpressionFault extends Error {}

const regexCache = new Map<string, RegExp | string>();

function evaluate(expr: ComparisonExpr, lookup: (name: string) => ComparisonValue | undefined): Value {
  switch (expr.kind) {
    case 'number': return expr.value;
    case 'string': return expr.value;
    case 'bool': return expr.value;
    case 'list': return expr.items.map((item) => evaluate(item, lookup));
    case 'metavariable': {
      const v = lookup(expr.name);
      if (v === undefined) throw new NoValue(`${expr.name} is not bound`);
      return v;
    }
    case 'unary': {
      const v = evaluate(expr.operand, lookup);
      if (expr.op === 'not') return !truthy(v);
      const num = numeric(v);
      return expr.op === '-' ? -num : num;
    }
    case 'binary': return evaluateBinary(expr.op, expr.left, expr.right, lookup);
    case 'call': return evaluateCall(expr.callee, expr.args.map((a) => evaluate(a, lookup)));
  }
}

function evaluateBinary(op: string, leftExpr: ComparisonExpr, rightExpr: ComparisonExpr, lookup: (name: string) => ComparisonValue | undefined): Value {
  if (op === 'and') {
    const l = evaluate(leftExpr, lookup);
    return truthy(l) ? evaluate(rightExpr, lookup) : l;
  }
  if (op === 'or') {
    const l = evaluate(leftExpr, lookup);
    return truthy(l) ? l : evaluate(rightExpr, lookup);
  }
  const l = evaluate(leftExpr, lookup);
  const r = evaluate(rightExpr, lookup);
  switch (op) {
    case '==': return equal(l, r);
    case '!=': return !equal(l, r);
    case '<': return compare(l, r) < 0;
    case '<=': return compare(l, r) <= 0;
    case '>': return compare(l, r) > 0;
    case '>=': return compare(l, r) >= 0;
    case 'in': return contains(r, l);
    case 'not in': return !contains(r, l);
    case '+':
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
      return numeric(l) + numeric(r);
    case '*':
      if (typeof l === 'string' && isIntegral(r)) return l.repeat(Math.max(0, numeric(r)));
      if (typeof r === 'string' && isIntegral(l)) return r.repeat(Math.max(0, numeric(l)));
      return numeric(l) * numeric(r);
    case '-': return numeric(l) - numeric(r);
    case '/': {
      const d = numeric(r);
      if (d === 0) throw new NoValue('division by zero');
      return numeric(l) / d;
    }
    case '//': {
      const d = numeric(r);
      if (d === 0) throw new NoValue('division by zero');
      return Math.floor(numeric(l) / d);
    }
    case '%': {
      const d = numeric(r);
      if (d === 0) throw new NoValue('division by zero');
      const a = numeric(l);
      return a - d * Math.floor(a / d);
    }
    case '**': return Math.pow(numeric(l), numeric(r));
    default: throw new ExpressionFault(`unknown operator "${op}"`);
  }
}

function evaluateCall(callee: string, args: Value[]): Value {
  const arg = (i: number): Value => {
    const v = args[i];
    if (v === undefined) throw new ExpressionFault(`${callee}() is missing argument ${i + 1}`);
    return v;
  };
  switch (callee) {
    case 'int': return toInt(arg(0), args.length > 1 ? numeric(arg(1)) : undefined);
    case 'float': return toFloat(arg(0));
    case 'str': return toStr(arg(0));
    case 'bool': return truthy(arg(0));
    case 'abs': return Math.abs(numeric(arg(0)));
    case 'len': {
      const v = arg(0);
      if (typeof v === 'string') return [...v].length;
      if (Array.isArray(v)) return v.length;
      throw new NoValue('len() of a number');
    }
    case 're.match': {
      const pattern = arg(0);
      const subject = arg(1);
      if (typeof pattern !== 'string') throw new ExpressionFault('re.match() needs a string pattern as its first argument');
      if (typeof subject !== 'string') throw new NoValue('re.match() of a non-string');
      return matchesAtStart(cachedRegex(pattern), subject) !== null;
    }
    case 'today': return Math.floor(Date.now() / 86_400_000);
    default: throw new ExpressionFault(`unknown function "${callee}"`);
  }
}

function cachedRegex(pattern: string): RegExp {
  let entry = regexCache.get(pattern);
  if (entry === undefined) {
    const compiled = compileRegex(pattern);
    entry = compiled.ok ? compiled.regex : compiled.message;
    regexCache.set(pattern, entry);
  }
  if (typeof entry === 'string') throw new ExpressionFault(`invalid regex in re.match(): ${entry}`);
  return entry;
}

function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

function isIntegral(v: Value): boolean {
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

/** Numbers and booleans are numbers (Python's bool is an int); anything else cannot be used as one. */
function numeric(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new NoValue('not a number');
}

function equal(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => equal(x, b[i] as Value));
  }
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return numeric(a) === numeric(b);
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i] as Value;
      const y = b[i] as Value;
      if (!equal(x, y)) return compare(x, y);
    }
    return a.length - b.length;
  }
  if (typeof a === 'string' || typeof b === 'string' || Array.isArray(a) || Array.isArray(b)) {
    throw new NoValue('values of different types cannot be ordered');
  }
  const x = numeric(a);
  const y = numeric(b);
  if (Number.isNaN(x) || Number.isNaN(y)) throw new NoValue('NaN cannot be ordered');
  return x < y ? -1 : x > y ? 1 : 0;
}

function contains(container: Value, item: Value): boolean {
  if (Array.isArray(container)) return container.some((x) => equal(x, item));
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new NoValue('"in <string>" needs a string on the left');
    return container.includes(item);
  }
  throw new NoValue('"in" needs a list or a string on the right');
}

function toInt(v: Value, base: number | undefined): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new NoValue('int() of inf or nan');
    return Math.trunc(v);
  }
  if (Array.isArray(v)) throw new NoValue('int() of a list');
  let text = v.trim().replace(/(?<=[0-9a-zA-Z])_(?=[0-9a-zA-Z])/g, '');
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1;
    text = text.slice(1);
  }
  let b = base ?? 10;
  const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
  const prefix = prefixes[text.slice(0, 2).toLowerCase()];
  if (prefix !== undefined && (b === 0 || b === prefix)) {
    b = prefix;
    text = text.slice(2);
  } else if (b === 0) {
    b = 10;
  }
  if (!Number.isInteger(b) || b < 2 || b > 36) throw new ExpressionFault(`int() base must be 0 or between 2 and 36 (got ${b})`);
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  if (text.length === 0 || ![...text.toLowerCase()].every((ch) => digits.includes(ch))) {
    throw new NoValue(`int() of "${v}"`);
  }
  return sign * parseInt(text, b);
}

function toFloat(v: Value): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) throw new NoValue('float() of a list');
  const text = v.trim().replace(/(?<=[0-9])_(?=[0-9])/g, '').toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(text)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) throw new NoValue(`float() of "${v}"`);
  return Number(text);
}

function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return String(v);
  }
  return '[' + v.map((x) => (typeof x === 'string' ? `'${x}'` : toStr(x))).join(', ') + ']';
}
