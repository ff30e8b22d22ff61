/**
 * Structural matching of one pattern node against one target node, with
 * metavariables, ellipsis and Semgrep's JS/TS equivalences.
 *
 * Continuation-passing: `match(p, t, env, k)` calls `k` once per way the
 * pattern matches (several when ellipses or `$...X` can split differently),
 * so sequences backtrack without building intermediate lists.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { FUNCTION_TYPES, forEachChild, isNode, isTransparentWrapper, unwrapExpression, type Node } from './ast';
import { bind, CONFLICT, type Env } from './env';
import { FileContext, memberName, normalizeModule, parentOf, requirePath } from './file-context';
import { DEEP, ELLIPSIS, isMetavariableName, SEQ_PREFIX } from '../pattern/parse-pattern';

/** Called once per successful match with the resulting bindings. */
export type Continuation = (env: Env) => void;

/** Pattern keys that, when absent/false/empty in the pattern, don't constrain the target. */
const OPTIONAL_KEYS = new Set([
  'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators', 'optional', 'async', 'generator',
  'declare', 'definite', 'accessibility', 'override', 'readonly', 'static', 'abstract', 'exportKind', 'importKind',
  'directive', 'attributes', 'assertions', 'superTypeArguments', 'implements', 'superClass', 'alternate', 'handler',
  'finalizer', 'id', 'init', 'expression', 'selfClosing', 'closingElement', 'closingFragment', 'kind', 'await',
  'computed', 'shorthand', 'method', 'extends', 'options', 'phase',
]);

/** Keys never compared. */
const SKIPPED_KEYS = new Set(['type', 'range', 'loc', 'parent', 'raw']);

/** Binary operators whose chains `a + b + c` a pattern ellipsis may stand inside. */
const CHAIN_OPERATORS = new Set(['+', '*', '&&', '||', '??', '|', '&']);

/** The maximum depth of constant-propagation hops (`a = b; b = "x"`). */
const MAX_PROPAGATION_DEPTH = 4;

/** Matches pattern nodes against one file's nodes. */
export class Matcher {
  private propagationDepth = 0;

  constructor(readonly ctx: FileContext) {}

  /** All ways pattern node `p` matches target node `t` under `env`. */
  match(p: Node, t: Node, env: Env, k: Continuation): void {
    // Placeholders and metavariables.
    if (p.type === 'Identifier') {
      const name = p.name;
      if (name === ELLIPSIS) {
        k(env);
        return;
      }
      if (isMetavariableName(name)) {
        if (p.typeAnnotation) {
          // `($X: T)`: the target must carry a matching annotation.
          const annotation = (t as { typeAnnotation?: Node }).typeAnnotation;
          if (annotation) this.match(p.typeAnnotation, annotation, env, (e) => this.bindNode(e, name, t, k));
          return;
        }
        this.bindNode(env, name, t, k);
        return;
      }
    }
    if (p.type === 'ExpressionStatement' && p.expression.type === 'Identifier' && isMetavariableName(p.expression.name)) {
      this.bindNode(env, p.expression.name, t, k);
      return;
    }
    if (p.type === 'CallExpression' && p.callee.type === 'Identifier' && p.callee.name === DEEP) {
      const inner = p.arguments[0];
      if (inner) this.matchDeep(inner, t, env, k);
      return;
    }
    if (p.type === 'ChainExpression') {
      this.match(p.expression, t, env, k);
      return;
    }
    if (p.type !== t.type && isTransparentWrapper(t)) {
      this.match(p, unwrapExpression(t), env, k);
      return;
    }
    if (p.type === 'Literal') {
      this.matchLiteral(p, t, env, k);
      return;
    }
    if (FUNCTION_TYPES.has(p.type)) {
      if (FUNCTION_TYPES.has(t.type)) this.matchFunction(p as FunctionNode, t as FunctionNode, env, k);
      return;
    }
    if (p.type !== t.type) {
      this.matchAcrossTypes(p, t, env, k);
      return;
    }
    switch (p.type) {
      case 'Identifier': {
        const name = (t as TSESTree.Identifier).name;
        if (p.name === name) {
          k(env);
          return;
        }
        // `express()` also matches `import e from 'express'; e()` (a module imported under another name).
        const resolved = this.ctx.resolveImport(name);
        if (resolved?.length === 1 && resolved[0] === normalizeModule(p.name)) k(env);
        return;
      }
      case 'MemberExpression':
        this.matchMember(p, t as TSESTree.MemberExpression, env, k);
        return;
      case 'CallExpression':
      case 'NewExpression': {
        const tc = t as TSESTree.CallExpression | TSESTree.NewExpression;
        this.match(p.callee, tc.callee, env, (e) => this.matchSequence(p.arguments, tc.arguments, e, k));
        return;
      }
      case 'ObjectExpression':
      case 'ObjectPattern':
        this.matchSet(p.properties, (t as TSESTree.ObjectExpression).properties, env, k);
        return;
      case 'Property':
        this.matchProperty(p, t as TSESTree.Property, env, k);
        return;
      case 'TemplateLiteral':
        this.matchTemplate(p, t as TSESTree.TemplateLiteral, env, k);
        return;
      case 'BinaryExpression':
      case 'LogicalExpression':
        this.matchBinary(p, t as TSESTree.BinaryExpression | TSESTree.LogicalExpression, env, k);
        return;
      case 'BlockStatement':
        this.matchStatementList(p.body, (t as TSESTree.BlockStatement).body, env, k, true);
        return;
      case 'JSXElement':
        this.matchJsxElement(p, t as TSESTree.JSXElement, env, k);
        return;
      case 'JSXOpeningElement': {
        const to = t as TSESTree.JSXOpeningElement;
        this.match(p.name, to.name, env, (e) => this.matchSet(p.attributes, to.attributes, e, k));
        return;
      }
      case 'JSXAttribute':
        this.matchJsxAttribute(p, t as TSESTree.JSXAttribute, env, k);
        return;
      case 'JSXIdentifier': {
        const name = p.name;
        if (isMetavariableName(name)) this.bindNode(env, name, t, k);
        else if (name === (t as TSESTree.JSXIdentifier).name) k(env);
        return;
      }
      case 'JSXText':
        if (p.value.trim() === ELLIPSIS || p.value.trim() === (t as TSESTree.JSXText).value.trim()) k(env);
        return;
      case 'ImportDeclaration':
        this.matchImport(p, t as TSESTree.ImportDeclaration, env, k);
        return;
      case 'ClassBody':
        this.matchSequence(p.body, (t as TSESTree.ClassBody).body, env, k);
        return;
      default:
        this.matchGeneric(p, t, env, k);
    }
  }

  /** Binds a metavariable to a target node, looking through type-only wrappers for unification. */
  private bindNode(env: Env, name: string, t: Node, k: Continuation): void {
    const next = bind(this.ctx.text, env, name, { kind: 'node', node: t });
    if (next !== CONFLICT) {
      k(next);
      return;
    }
    const inner = unwrapExpression(t);
    if (inner !== t) {
      const again = bind(this.ctx.text, env, name, { kind: 'node', node: inner });
      if (again !== CONFLICT) k(again);
    }
  }

  /** Compares every key of the pattern node with the target's. */
  private matchGeneric(p: Node, t: Node, env: Env, k: Continuation): void {
    const pr = p as unknown as Record<string, unknown>;
    const tr = t as unknown as Record<string, unknown>;
    const keys = patternKeys(p);
    const step = (i: number, e: Env): void => {
      if (i === keys.length) {
        k(e);
        return;
      }
      const key = keys[i]!;
      const pv = pr[key];
      const tv = tr[key];
      if (pv === null || pv === undefined || pv === false || (Array.isArray(pv) && pv.length === 0)) {
        if (OPTIONAL_KEYS.has(key) || tv === pv || (tv === undefined && pv === null) || (tv === null && pv === undefined)) step(i + 1, e);
        else if (Array.isArray(pv) && Array.isArray(tv) && tv.length === 0) step(i + 1, e);
        return;
      }
      if (key === 'kind' && p.type === 'VariableDeclaration') {
        step(i + 1, e); // var, let and const are interchangeable
        return;
      }
      if (Array.isArray(pv)) {
        if (!Array.isArray(tv)) return;
        if (key === 'body' || key === 'consequent') this.matchStatementList(pv as Node[], tv as Node[], e, (e2) => step(i + 1, e2), true);
        else this.matchSequence(pv as Node[], tv as Node[], e, (e2) => step(i + 1, e2));
        return;
      }
      if (isNode(pv)) {
        if (!isNode(tv)) return;
        this.match(pv, tv, e, (e2) => step(i + 1, e2));
        return;
      }
      if (typeof pv === 'object') {
        // Plain objects (e.g. a regex literal's {pattern, flags}) compare by JSON.
        if (JSON.stringify(pv) === JSON.stringify(tv)) step(i + 1, e);
        return;
      }
      if (pv === tv || (OPTIONAL_KEYS.has(key) && pv === false)) step(i + 1, e);
    };
    step(0, env);
  }

  /**
   * Ordered sequence with `...` (zero or more items) and `$...X` (a bound run).
   * Used for arguments, parameters, array elements, JSX children, class members.
   */
  matchSequence(ps: readonly Node[], ts: readonly Node[], env: Env, k: Continuation): void {
    const go = (pi: number, ti: number, e: Env): void => {
      if (pi === ps.length) {
        if (ti === ts.length) k(e);
        return;
      }
      const p = ps[pi]!;
      if (isEllipsisItem(p)) {
        if (pi === ps.length - 1) {
          k(e);
          return;
        }
        for (let j = ti; j <= ts.length; j++) go(pi + 1, j, e);
        return;
      }
      const seqName = sequenceMetavariable(p);
      if (seqName !== undefined) {
        for (let j = ti; j <= ts.length; j++) {
          const nodes = ts.slice(ti, j);
          const start = nodes.length > 0 ? nodes[0]!.range[0] : ti < ts.length ? ts[ti]!.range[0] : ts.length > 0 ? ts[ts.length - 1]!.range[1] : -1;
          const end = nodes.length > 0 ? nodes[nodes.length - 1]!.range[1] : start;
          const next = bind(this.ctx.text, e, seqName, { kind: 'seq', nodes, start, end });
          if (next !== CONFLICT) go(pi + 1, j, next);
        }
        return;
      }
      if (ti >= ts.length) return;
      this.match(p, ts[ti]!, e, (e2) => go(pi + 1, ti + 1, e2));
    };
    go(0, 0, env);
  }

  /**
   * A pattern's statements against a whole block's statements. After a `...`,
   * the next statement may match at any depth (Semgrep's deep statement
   * matching), but never outside this block.
   */
  matchStatementList(ps: readonly Node[], ts: Node[], env: Env, k: Continuation, whole: boolean): void {
    this.matchStatementsFrom(ps, ts, 0, env, (e) => k(e), whole);
  }

  /**
   * Statement-sequence matching starting at `ts[start]`; the continuation gets
   * the offset where the match ends. With `whole`, the pattern must cover the list
   * to its end (a trailing `...` does).
   */
  matchStatementsFrom(ps: readonly Node[], ts: Node[], start: number, env: Env, k: (env: Env, end: number) => void, whole: boolean): void {
    const blockEnd = ts.length > 0 ? ts[ts.length - 1]!.range[1] : -1;
    // The flattened statements are only needed when a `...` is followed by more pattern.
    let flattened: { flat: Node[]; positions: number[] } | undefined;
    // `inFlat`: whether we already skipped with `...` (then indexes are into `flat`).
    const go = (pi: number, list: readonly Node[], ti: number, inFlat: boolean, e: Env, end: number): void => {
      if (pi === ps.length) {
        if (!whole || inFlat || ti === list.length) k(e, end);
        return;
      }
      const p = ps[pi]!;
      if (isEllipsisItem(p)) {
        if (pi === ps.length - 1) {
          k(e, blockEnd);
          return;
        }
        flattened ??= this.ctx.flattenStatements(ts);
        const { flat, positions } = flattened;
        const from = inFlat ? ti : ti < positions.length ? positions[ti]! : flat.length;
        for (let j = from; j < flat.length; j++) go(pi + 1, flat, j, true, e, end);
        return;
      }
      const seqName = sequenceMetavariable(p);
      if (seqName !== undefined && !inFlat) {
        for (let j = ti; j <= list.length; j++) {
          const nodes = list.slice(ti, j);
          const s = nodes.length > 0 ? nodes[0]!.range[0] : end;
          const en = nodes.length > 0 ? nodes[nodes.length - 1]!.range[1] : s;
          const next = bind(this.ctx.text, e, seqName, { kind: 'seq', nodes, start: s, end: en });
          if (next !== CONFLICT) go(pi + 1, list, j, false, next, nodes.length > 0 ? en : end);
        }
        return;
      }
      if (ti >= list.length) return;
      const target = list[ti]!;
      this.match(p, target, e, (e2) => go(pi + 1, list, ti + 1, inFlat, e2, target.range[1]));
    };
    go(0, ts, start, false, env, -1);
  }

  /** Unordered: each pattern item matches a different target item; more target items are fine. */
  matchSet(ps: readonly Node[], ts: readonly Node[], env: Env, k: Continuation): void {
    const items = ps.filter((p) => !isEllipsisItem(p));
    const used = new Array<boolean>(ts.length).fill(false);
    const go = (i: number, e: Env): void => {
      if (i === items.length) {
        k(e);
        return;
      }
      const p = items[i]!;
      for (let j = 0; j < ts.length; j++) {
        if (used[j]) continue;
        used[j] = true;
        this.match(p, ts[j]!, e, (e2) => go(i + 1, e2));
        used[j] = false;
      }
    };
    go(0, env);
  }

  /** `<... P ...>`: P matches the target or anything inside it. */
  private matchDeep(p: Node, t: Node, env: Env, k: Continuation): void {
    const visit = (node: Node): void => {
      this.match(p, node, env, k);
      forEachChild(node, visit);
    };
    visit(t);
  }

  private matchLiteral(p: TSESTree.Literal, t: Node, env: Env, k: Continuation): void {
    if (typeof p.value === 'string') {
      const value = p.value;
      const target = this.stringValue(t);
      if (value === '...' || value === ELLIPSIS) {
        if (target !== undefined) k(env);
        return;
      }
      const regex = /^=~\/(.*)\/([a-z]*)$/s.exec(value);
      if (regex) {
        if (target === undefined) return;
        try {
          if (new RegExp(regex[1]!, regex[2]).test(target)) k(env);
        } catch {
          // An invalid regex in a pattern string never matches.
        }
        return;
      }
      if (isMetavariableName(value)) {
        if (target === undefined) return;
        const next = bind(this.ctx.text, env, value, { kind: 'text', text: target, start: t.range[0], end: t.range[1], node: t });
        if (next !== CONFLICT) k(next);
        return;
      }
      if (target === value) k(env);
      return;
    }
    if ('regex' in p && p.regex) {
      if (t.type === 'Literal' && 'regex' in t && t.regex) {
        if (p.regex.pattern === ELLIPSIS || (p.regex.pattern === t.regex.pattern && p.regex.flags === t.regex.flags)) k(env);
      }
      return;
    }
    const constant = this.constantValue(t);
    if (constant !== NO_VALUE && constant === p.value) k(env);
  }

  /** The string a target stands for: a literal, a template without holes, a folded concatenation or a constant. */
  private stringValue(t: Node): string | undefined {
    const v = this.constantValue(t);
    return typeof v === 'string' ? v : undefined;
  }

  /** Constant folding and propagation over literals, `+` and const variables. */
  constantValue(t: Node): ConstantValue {
    switch (t.type) {
      case 'Literal':
        return t.value instanceof RegExp || ('regex' in t && t.regex) ? NO_VALUE : t.value;
      case 'TemplateLiteral': {
        if (t.expressions.length === 0) return t.quasis[0]?.value.cooked ?? NO_VALUE;
        let out = '';
        for (let i = 0; i < t.quasis.length; i++) {
          out += t.quasis[i]!.value.cooked ?? '';
          if (i < t.expressions.length) {
            const v = this.constantValue(t.expressions[i]!);
            if (v === NO_VALUE) return NO_VALUE;
            out += String(v);
          }
        }
        return out;
      }
      case 'BinaryExpression': {
        if (t.operator !== '+') return NO_VALUE;
        const l = this.constantValue(t.left);
        if (l === NO_VALUE) return NO_VALUE;
        const r = this.constantValue(t.right);
        if (r === NO_VALUE) return NO_VALUE;
        if (typeof l === 'string' || typeof r === 'string') return String(l) + String(r);
        if (typeof l === 'number' && typeof r === 'number') return l + r;
        return NO_VALUE;
      }
      case 'UnaryExpression': {
        if (t.operator !== '-') return NO_VALUE;
        const v = this.constantValue(t.argument);
        return typeof v === 'number' ? -v : NO_VALUE;
      }
      case 'Identifier': {
        if (this.propagationDepth >= MAX_PROPAGATION_DEPTH) return NO_VALUE;
        const def = this.ctx.definitionOf(t);
        if (!def) return NO_VALUE;
        this.propagationDepth++;
        try {
          return this.constantValue(def);
        } finally {
          this.propagationDepth--;
        }
      }
      default:
        if (isTransparentWrapper(t)) return this.constantValue(unwrapExpression(t));
        return NO_VALUE;
    }
  }

  /** Equivalences between different node types. */
  private matchAcrossTypes(p: Node, t: Node, env: Env, k: Continuation): void {
    // `$X = E` also matches `const x = E`.
    if (p.type === 'AssignmentExpression' && p.operator === '=' && t.type === 'VariableDeclarator') {
      if (t.init) this.match(p.left, t.id, env, (e) => this.match(p.right, t.init!, e, k));
      return;
    }
    // Statement `E;` also matches `const x = E;` and `x = E;`.
    if (p.type === 'ExpressionStatement') {
      if (p.expression.type === 'AssignmentExpression' && p.expression.operator === '=' && t.type === 'VariableDeclaration' && t.declarations.length === 1) {
        this.match(p.expression, t.declarations[0], env, k);
        return;
      }
      if (t.type === 'VariableDeclaration' && t.declarations.length === 1 && t.declarations[0].init) {
        this.match(p.expression, t.declarations[0].init, env, k);
      }
      return;
    }
    // A `const x = ...` pattern (one declarator) matches the declarator of a multi-declarator statement.
    if (p.type === 'VariableDeclaration' && t.type === 'VariableDeclarator' && p.declarations.length === 1) {
      this.match(p.declarations[0], t, env, k);
      return;
    }
    // Module paths: `child_process.exec` matches an imported/required alias of it.
    if (p.type === 'MemberExpression') {
      this.matchModulePath(p, t, env, k);
      return;
    }
    if (p.type === 'ClassDeclaration' && t.type === 'ClassExpression') {
      this.matchGeneric(p, t, env, k);
      return;
    }
    if (p.type === 'ImportDeclaration') {
      this.matchImportLike(p, t, env, k);
      return;
    }
    // Symbolic propagation: a non-trivial expression pattern matches a variable defined by it.
    if (t.type === 'Identifier' && (p.type === 'BinaryExpression' || p.type === 'TemplateLiteral' || p.type === 'CallExpression' || p.type === 'NewExpression' || p.type === 'ObjectExpression' || p.type === 'ArrayExpression' || p.type === 'AwaitExpression')) {
      if (this.propagationDepth >= MAX_PROPAGATION_DEPTH) return;
      const def = this.ctx.definitionOf(t);
      if (!def) return;
      // An object or array changed after its definition (`o.a = 2`) is no longer what was written.
      if ((def.type === 'ObjectExpression' || def.type === 'ArrayExpression') && this.ctx.isMutated(t.name)) return;
      this.propagationDepth++;
      try {
        this.match(p, def, env, k);
      } finally {
        this.propagationDepth--;
      }
      return;
    }
    // JSX member names and identifiers.
    if (p.type === 'Identifier' && t.type === 'JSXIdentifier' && p.name === t.name) k(env);
  }

  private matchMember(p: TSESTree.MemberExpression, t: TSESTree.MemberExpression, env: Env, k: Continuation): void {
    // `$O. ... .m`: the object is reached through any chain of accesses and calls.
    if (p.object.type === 'MemberExpression' && !p.object.computed && p.object.property.type === 'Identifier' && p.object.property.name === ELLIPSIS) {
      const base = p.object.object;
      this.matchMemberProperty(p, t, env, (e) => {
        let current: Node | undefined = t.object;
        while (current) {
          this.match(base, current, e, k);
          current = chainParent(current);
        }
      });
      return;
    }
    const path = patternPath(p);
    if (path) {
      // A plain dotted name: literal match or module-path equivalence, once.
      if (this.sameModulePath(path, t)) k(env);
      return;
    }
    this.match(p.object, t.object, env, (e) => this.matchMemberProperty(p, t, e, k));
  }

  /** The property part of a member access (`.name`, `.$P`, `[expr]`, `["name"]`). */
  private matchMemberProperty(p: TSESTree.MemberExpression, t: TSESTree.MemberExpression, env: Env, k: Continuation): void {
    if (!p.computed && p.property.type === 'Identifier') {
      const name = p.property.name;
      if (isMetavariableName(name)) {
        // `$O.$F` names a property: `o.f` or `o['f']`, not `o[k]`.
        if (t.computed && !(t.property.type === 'Literal' && typeof t.property.value === 'string')) return;
        this.bindNode(env, name, t.property, k);
        return;
      }
      if (memberName(t) === name) k(env);
      return;
    }
    if (p.computed && p.property.type === 'Literal' && typeof p.property.value === 'string') {
      const value = p.property.value;
      // `$O["..."]`, `$O["$K"]`, `$O["=~/re/"]`: string patterns over a quoted key.
      if (value === '...' || value.startsWith('=~/') || isMetavariableName(value)) {
        if (t.computed) this.match(p.property, t.property, env, k);
        return;
      }
      if (memberName(t) === value) k(env);
      return;
    }
    // `$O[$K]` is an index access: `o[k]`, `o['k']`, not `o.k`.
    if (!t.computed) return;
    this.match(p.property, t.property, env, k);
  }

  private matchModulePath(p: TSESTree.MemberExpression, t: Node, env: Env, k: Continuation): void {
    const path = patternPath(p);
    if (path && this.sameModulePath(path, t)) k(env);
  }

  /** True when target `t` denotes `path` literally or through an import/require alias. */
  private sameModulePath(path: string[], t: Node): boolean {
    const target = this.targetPath(unwrapExpression(t));
    if (!target) return false;
    if (target.literal.length === path.length && target.literal.every((s, i) => s === path[i])) return true;
    const resolved = target.resolved;
    if (!resolved || resolved.length !== path.length) return false;
    return normalizeModule(path[0]!) === resolved[0] && resolved.every((s, i) => i === 0 || s === path[i]);
  }

  /** A target's dotted path as written, and as resolved through imports. */
  private targetPath(t: Node): { literal: string[]; resolved?: string[] } | undefined {
    if (t.type === 'Identifier') {
      return { literal: [t.name], resolved: this.ctx.resolveImport(t.name) };
    }
    if (t.type === 'MemberExpression') {
      const name = memberName(t);
      if (name === undefined) return undefined;
      const required = requirePath(t);
      if (required) return { literal: [], resolved: required };
      const base = this.targetPath(unwrapExpression(t.object));
      if (!base) return undefined;
      return { literal: [...base.literal, name], resolved: base.resolved ? [...base.resolved, name] : undefined };
    }
    return undefined;
  }

  private matchFunction(p: FunctionNode, t: FunctionNode, env: Env, k: Continuation): void {
    if (p.async && !t.async) return;
    if (p.generator && !t.generator) return;
    const afterId = (e: Env): void => this.matchSequence(p.params, t.params, e, (e2) => this.matchFunctionBody(p, t, e2, k));
    const pid = p.id;
    if (!pid || pid.name === ELLIPSIS) {
      afterId(env);
      return;
    }
    const targetName = t.id ?? nameNodeOf(t);
    if (!targetName) return;
    if (isMetavariableName(pid.name)) {
      this.bindNode(env, pid.name, targetName, afterId);
      return;
    }
    if (targetName.type === 'Identifier' && targetName.name === pid.name) afterId(env);
  }

  private matchFunctionBody(p: FunctionNode, t: FunctionNode, env: Env, k: Continuation): void {
    const pb = p.body;
    const tb = t.body;
    if (!pb) {
      k(env);
      return;
    }
    if (!tb) return;
    if (pb.type === 'BlockStatement') {
      if (pb.body.length === 1 && isEllipsisItem(pb.body[0]!)) {
        k(env);
        return;
      }
      if (tb.type === 'BlockStatement') this.matchStatementList(pb.body, tb.body, env, k, true);
      return;
    }
    if (tb.type === 'BlockStatement') {
      const only = tb.body.length === 1 ? tb.body[0] : undefined;
      if (only?.type === 'ReturnStatement' && only.argument) this.match(pb, only.argument, env, k);
      return;
    }
    this.match(pb, tb, env, k);
  }

  private matchProperty(p: TSESTree.Property, t: TSESTree.Property, env: Env, k: Continuation): void {
    this.matchPropertyKey(p, t, env, (e) => this.match(p.value, t.value, e, k));
  }

  private matchPropertyKey(p: TSESTree.Property, t: TSESTree.Property, env: Env, k: Continuation): void {
    const pk = p.key;
    if (!p.computed && pk.type === 'Identifier') {
      if (isMetavariableName(pk.name)) {
        this.bindNode(env, pk.name, t.key, k);
        return;
      }
      if (propertyKeyName(t) === pk.name) k(env);
      return;
    }
    if (pk.type === 'Literal' && typeof pk.value === 'string' && !isMetavariableName(pk.value)) {
      if (propertyKeyName(t) === pk.value) k(env);
      return;
    }
    this.match(pk, t.key, env, k);
  }

  private matchTemplate(p: TSESTree.TemplateLiteral, t: TSESTree.TemplateLiteral, env: Env, k: Continuation): void {
    // Interleave quasis and expressions; a quasi's `...` is a wildcard over text.
    if (p.expressions.length !== t.expressions.length) {
      // A template pattern with fewer holes may still match when its text has `...` absorbing the rest.
      this.matchTemplateLoose(p, t, env, k);
      return;
    }
    for (let i = 0; i < p.quasis.length; i++) {
      if (!quasiMatches(p.quasis[i]!.value.raw, t.quasis[i]!.value.raw)) return;
    }
    this.matchSequence(p.expressions, t.expressions, env, k);
  }

  /** `` `...${$X}...` `` against a template with more holes: quasis with `...` absorb whole holes. */
  private matchTemplateLoose(p: TSESTree.TemplateLiteral, t: TSESTree.TemplateLiteral, env: Env, k: Continuation): void {
    // Build token lists: text parts and holes.
    type Tok = { text: string } | { expr: Node };
    const tokens = (tl: TSESTree.TemplateLiteral): Tok[] => {
      const out: Tok[] = [];
      tl.quasis.forEach((q, i) => {
        out.push({ text: q.value.raw });
        if (i < tl.expressions.length) out.push({ expr: tl.expressions[i]! });
      });
      return out;
    };
    const pt = tokens(p);
    const tt = tokens(t);
    const tail = (toks: Tok[], from: number): string => toks.slice(from).map((x) => ('text' in x ? x.text : '\u0000')).join('');
    const go = (pi: number, ti: number, e: Env): void => {
      if (pi === pt.length) {
        if (ti === tt.length) k(e);
        return;
      }
      const ptok = pt[pi]!;
      if ('expr' in ptok) {
        const ttok = tt[ti];
        if (ttok && 'expr' in ttok) this.match(ptok.expr, ttok.expr, e, (e2) => go(pi + 1, ti + 1, e2));
        return;
      }
      const ttok = tt[ti];
      if (!ttok || !('text' in ttok)) return;
      if (!ptok.text.includes('...')) {
        if (ptok.text === ttok.text) go(pi + 1, ti + 1, e);
        return;
      }
      // The pattern text may absorb following holes: try each end position that is a text token.
      for (let tj = ti; tj < tt.length; tj += 2) {
        const joined = tail(tt.slice(ti, tj + 1), 0);
        if (quasiMatches(ptok.text, joined)) go(pi + 1, tj + 1, e);
      }
    };
    go(0, 0, env);
  }

  private matchBinary(p: TSESTree.BinaryExpression | TSESTree.LogicalExpression, t: TSESTree.BinaryExpression | TSESTree.LogicalExpression, env: Env, k: Continuation): void {
    if (p.operator !== t.operator) return;
    const pOperands = flattenChain(p, p.operator);
    if (p.operator === '+') {
      // String building: `"..." + $X` matches `"a" + b + c` with $X = `b + c`.
      this.matchConcatenation(pOperands, flattenChain(t, t.operator), env, k);
      return;
    }
    if (CHAIN_OPERATORS.has(p.operator) && pOperands.some(isEllipsisItem)) {
      this.matchSequence(pOperands, flattenChain(t, t.operator), env, k);
      return;
    }
    this.match(p.left, t.left, env, (e) => this.match(p.right, t.right, e, k));
  }

  /**
   * Operands of a `+` chain: `...` absorbs zero or more operands, a metavariable
   * one or more (bound to the run's text), anything else exactly one.
   */
  private matchConcatenation(ps: readonly Node[], ts: readonly Node[], env: Env, k: Continuation): void {
    const go = (pi: number, ti: number, e: Env): void => {
      if (pi === ps.length) {
        if (ti === ts.length) k(e);
        return;
      }
      const p = ps[pi]!;
      if (isEllipsisItem(p)) {
        for (let j = ti; j <= ts.length; j++) go(pi + 1, j, e);
        return;
      }
      if (ti >= ts.length) return;
      if (p.type === 'Identifier' && isMetavariableName(p.name)) {
        // The last pattern operand takes the rest; otherwise try every run length.
        const maxEnd = pi === ps.length - 1 ? ts.length : ts.length - (ps.length - pi - 1);
        for (let j = ti + 1; j <= maxEnd; j++) {
          if (pi === ps.length - 1 && j !== ts.length) continue;
          const run = ts.slice(ti, j);
          const value = run.length === 1 ? { kind: 'node' as const, node: run[0]! } : { kind: 'seq' as const, nodes: run, start: run[0]!.range[0], end: run[run.length - 1]!.range[1] };
          const next = bind(this.ctx.text, e, p.name, value);
          if (next !== CONFLICT) go(pi + 1, j, next);
        }
        return;
      }
      this.match(p, ts[ti]!, e, (e2) => go(pi + 1, ti + 1, e2));
    };
    go(0, 0, env);
  }

  private matchJsxElement(p: TSESTree.JSXElement, t: TSESTree.JSXElement, env: Env, k: Continuation): void {
    const pChildren = p.children.filter((c) => !(c.type === 'JSXText' && c.value.trim() === ''));
    this.match(p.openingElement, t.openingElement, env, (e) => {
      if (pChildren.length === 0) {
        k(e);
        return;
      }
      const tChildren = t.children.filter((c) => !(c.type === 'JSXText' && c.value.trim() === ''));
      this.matchSequence(pChildren, tChildren, e, k);
    });
  }

  private matchJsxAttribute(p: TSESTree.JSXAttribute, t: TSESTree.JSXAttribute, env: Env, k: Continuation): void {
    this.match(p.name, t.name, env, (e) => {
      const pv = p.value;
      const tv = t.value;
      if (!pv) {
        if (!tv) k(e);
        return;
      }
      if (!tv) return;
      if (pv.type === 'JSXExpressionContainer' && tv.type === 'Literal') {
        this.match(pv.expression, tv, e, k);
        return;
      }
      if (pv.type === 'Literal' && tv.type === 'JSXExpressionContainer') {
        if (tv.expression.type !== 'JSXEmptyExpression') this.match(pv, tv.expression, e, k);
        return;
      }
      this.match(pv, tv, e, k);
    });
  }

  private matchImport(p: TSESTree.ImportDeclaration, t: TSESTree.ImportDeclaration, env: Env, k: Continuation): void {
    if (!this.sameModule(p.source, String(t.source.value), p.specifiers.length === 0)) return;
    if (p.specifiers.length === 0) {
      k(env);
      return;
    }
    const onlyNamespace = p.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier');
    if (onlyNamespace && !t.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')) return;
    this.matchSet(p.specifiers, t.specifiers, env, k);
  }

  /** `import "m"` / `import {x} from "m"` against `require('m')` forms. */
  private matchImportLike(p: TSESTree.ImportDeclaration, t: Node, env: Env, k: Continuation): void {
    if (p.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')) return;
    if (t.type === 'CallExpression') {
      const parent = parentOf(t);
      if (parent?.type === 'VariableDeclarator' && parent.init === t) return; // reported at the declarator
      const path = requirePath(t);
      if (p.specifiers.length === 0 && path && this.sameModule(p.source, path[0]!, true)) k(env);
      return;
    }
    if (t.type === 'VariableDeclarator' && t.init) {
      const path = requirePath(t.init);
      if (!path || path.length !== 1 || !this.sameModule(p.source, path[0]!, p.specifiers.length === 0)) return;
      if (p.specifiers.length === 0) {
        k(env);
        return;
      }
      if (t.id.type === 'Identifier') {
        const def = p.specifiers.find((s) => s.type === 'ImportDefaultSpecifier');
        if (def && p.specifiers.length === 1) this.match(def.local, t.id, env, k);
        return;
      }
      if (t.id.type !== 'ObjectPattern') return;
      const names = new Map<string, Node>();
      for (const prop of t.id.properties) {
        if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier') names.set(prop.key.name, prop.value);
      }
      const specs = p.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === 'ImportSpecifier');
      if (specs.length !== p.specifiers.length) return;
      const step = (i: number, e: Env): void => {
        if (i === specs.length) {
          k(e);
          return;
        }
        const spec = specs[i]!;
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        const local = names.get(imported);
        if (!local) return;
        if (spec.local.name === imported) step(i + 1, e);
        else this.match(spec.local, local, e, (e2) => step(i + 1, e2));
      };
      step(0, env);
    }
  }

  private sameModule(patternSource: TSESTree.Literal, target: string, allowSubpath: boolean): boolean {
    const want = normalizeModule(String(patternSource.value));
    const got = normalizeModule(target);
    if (isMetavariableName(want)) return true;
    return got === want || (allowSubpath && got.startsWith(`${want}/`));
  }
}

const keysOfPattern = new WeakMap<Node, string[]>();

/** The keys a pattern node is compared on, computed once per pattern node (patterns are fixed). */
function patternKeys(p: Node): string[] {
  let keys = keysOfPattern.get(p);
  if (!keys) {
    keys = Object.keys(p).filter((key) => !SKIPPED_KEYS.has(key));
    keysOfPattern.set(p, keys);
  }
  return keys;
}

/** Sentinel for "not a constant". */
export const NO_VALUE = Symbol('no-value');

/** What constant folding can produce. */
export type ConstantValue = string | number | boolean | bigint | null | typeof NO_VALUE;

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.TSDeclareFunction;

/** True for a `...` placeholder in any list position. */
export function isEllipsisItem(node: Node): boolean {
  switch (node.type) {
    case 'Identifier':
      return node.name === ELLIPSIS;
    case 'ExpressionStatement':
      return node.expression.type === 'Identifier' && node.expression.name === ELLIPSIS;
    case 'Property':
      return node.shorthand && node.key.type === 'Identifier' && node.key.name === ELLIPSIS;
    case 'JSXAttribute':
      return node.name.type === 'JSXIdentifier' && node.name.name === ELLIPSIS;
    case 'JSXText':
      return node.value.trim() === ELLIPSIS;
    case 'JSXExpressionContainer':
      return node.expression.type === 'Identifier' && node.expression.name === ELLIPSIS;
    case 'PropertyDefinition':
      return !node.computed && node.key.type === 'Identifier' && node.key.name === ELLIPSIS && node.value === null;
    case 'ImportSpecifier':
      return node.local.name === ELLIPSIS;
    default:
      return false;
  }
}

/** `$...ARGS` in a list position → its name `$...ARGS`, else undefined. */
function sequenceMetavariable(node: Node): string | undefined {
  let id: Node = node;
  if (id.type === 'ExpressionStatement') id = id.expression;
  if (id.type === 'Identifier' && id.name.startsWith(SEQ_PREFIX)) return `$...${id.name.slice(SEQ_PREFIX.length)}`;
  return undefined;
}

/** `a.b.c` written with plain names only → ['a','b','c'], else undefined. */
function patternPath(p: Node): string[] | undefined {
  if (p.type === 'Identifier') return isMetavariableName(p.name) || p.name === ELLIPSIS ? undefined : [p.name];
  if (p.type === 'MemberExpression' && !p.computed && p.property.type === 'Identifier') {
    const name = p.property.name;
    if (isMetavariableName(name) || name === ELLIPSIS) return undefined;
    const base = patternPath(p.object);
    return base ? [...base, name] : undefined;
  }
  return undefined;
}

/** One step down a member/call chain: `a.b().c` → `a.b()` → `a.b` → `a`. */
function chainParent(node: Node): Node | undefined {
  switch (node.type) {
    case 'MemberExpression':
      return node.object;
    case 'CallExpression':
      return node.callee;
    case 'ChainExpression':
    case 'TSNonNullExpression':
      return node.expression;
    default:
      return undefined;
  }
}

/** Operands of a left-associated chain of one operator: `a + b + c` → [a, b, c]. */
function flattenChain(node: Node, operator: string): Node[] {
  if ((node.type === 'BinaryExpression' || node.type === 'LogicalExpression') && node.operator === operator) {
    return [...flattenChain(node.left, operator), ...flattenChain(node.right, operator)];
  }
  return [node];
}

/** Pattern template text with `...` as a wildcard against target template text. */
function quasiMatches(pattern: string, target: string): boolean {
  if (!pattern.includes('...')) return pattern === target;
  let regex = quasiRegexes.get(pattern);
  if (!regex) {
    const parts = pattern.split('...').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    regex = new RegExp(`^${parts.join('[\\s\\S]*')}$`);
    quasiRegexes.set(pattern, regex);
  }
  return regex.test(target);
}

/** Compiled template-text wildcards, by pattern text (patterns are few and fixed). */
const quasiRegexes = new Map<string, RegExp>();

/** The static name of an object property's key. */
function propertyKeyName(t: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (!t.computed && t.key.type === 'Identifier') return t.key.name;
  if (t.key.type === 'Literal') return String(t.key.value);
  return undefined;
}

/** For an anonymous function, the name it is given by a declarator, property or method. */
function nameNodeOf(fn: Node): Node | undefined {
  const parent = parentOf(fn);
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator') return parent.id;
  if (parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') return parent.key;
  return undefined;
}
