/**
 * The taint analysis: an abstract interpreter over the AST that follows
 * untrusted values from sources to sinks, for every taint rule of a file in
 * one pass.
 *
 * Within a function it is flow-sensitive: taint assigned on one branch reaches
 * the join, a sanitizer on every path cleans, a variable re-assigned a
 * constant is clean after it, loops run to a (two-round) fixed point. Across
 * the functions of one file (beyond Semgrep's free engine) each function gets
 * a summary, computed once per file with symbolic parameters: which parameters
 * reach its return value, which reach a sink inside it, and what it returns
 * regardless of its arguments. A call to a function of the file applies its
 * summary; nested functions (callbacks, route handlers) are analyzed where they
 * are defined, seeing the variables they capture; `this.m()` resolves to the
 * enclosing class's method.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CompiledRule } from '../types';
import { FUNCTION_TYPES, type Node } from '../match/ast';
import { compatible, type Env } from '../match/env';
import { calleeName, memberName, parentOf, type FileContext } from '../match/file-context';
import type { NodeMarks, SinkMark, TaintMarks } from './taint-marks';
import { labelsSatisfy } from './requires';
import {
  concreteKey, filterKeys, isTainted, paramKey, parseConcreteKey, parseParamKey, sanitize, union, withStep,
  type Step, type Taint, type TaintInfo,
} from './taint-value';

/** A source-to-sink flow found by the analysis. */
export interface TaintFlow {
  rule: number;
  sinkStart: number;
  sinkEnd: number;
  trace: readonly Step[];
  sinkEnv: Env;
  sourceEnv?: Env;
}

/** Per-rule switches from `options:`. */
interface RuleOptions {
  safeFunctions: boolean;
  safeIndexes: boolean;
  safeNumbers: boolean;
  safeBooleans: boolean;
  unifyMvars: boolean;
}

/** What a function does with taint, independent of its callers. */
interface Summary {
  /** Taint of the return value: concrete keys it creates itself, symbolic `#pN` for parameters it returns. */
  returns: Taint;
  /** Parameters that reach a sink inside, with the trace from the parameter to the sink. */
  paramSinks: { param: number; sink: SinkMark; trace: readonly Step[] }[];
}

/** Methods whose result is a number or boolean, whatever the receiver holds. */
const SAFE_METHODS = new Set(['length', 'indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'test', 'has', 'hasOwnProperty', 'localeCompare', 'charCodeAt', 'codePointAt', 'search', 'size', 'getTime', 'valueOf']);
/** Calls that convert to a number or boolean. */
const SAFE_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'isFinite', 'isInteger', 'isSafeInteger']);
/** Objects whose methods compute numbers. */
const SAFE_OBJECTS = new Set(['Math']);
/** Binary operators whose result is a boolean. */
const BOOLEAN_OPERATORS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'instanceof', 'in']);
/** Binary operators whose result is a number. */
const NUMBER_OPERATORS = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
/** Array methods whose callback receives the receiver's elements. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'reduce', 'then', 'sort']);

/** Variables' taint at one program point; `dead` after return/throw. */
class State {
  vars: Map<string, Taint>;
  dead = false;
  constructor(vars?: Map<string, Taint>) {
    this.vars = vars ?? new Map<string, Taint>();
  }
  clone(): State {
    const s = new State(new Map(this.vars));
    s.dead = this.dead;
    return s;
  }
  /** The join of two paths: a variable is tainted if it is on either. */
  static join(a: State, b: State): State {
    if (a.dead) return b.clone();
    if (b.dead) return a.clone();
    const out = new State(new Map(a.vars));
    for (const [k, v] of b.vars) out.vars.set(k, union(out.vars.get(k), v));
    return out;
  }
  /** Sets an l-value path, forgetting what was recorded under it. */
  assign(path: string, taint: Taint): void {
    for (const key of [...this.vars.keys()]) if (key === path || key.startsWith(`${path}.`)) this.vars.delete(key);
    if (isTainted(taint)) this.vars.set(path, taint);
  }
  /** Taint of a path: its own entry or any prefix's (`a.b` is tainted when `a` is). */
  read(path: string): Taint {
    let out: Taint;
    let prefix = '';
    for (const part of path.split('.')) {
      prefix = prefix ? `${prefix}.${part}` : part;
      const t = this.vars.get(prefix);
      if (t) out = union(out, t);
    }
    return out;
  }
}

/** Runs the analysis of one file for `rules` (all in taint mode). */
export function analyzeTaint(rules: readonly CompiledRule[], ctx: FileContext, marks: TaintMarks): TaintFlow[] {
  return new TaintAnalysis(rules, ctx, marks).run();
}

class TaintAnalysis {
  private readonly options: RuleOptions[];
  private readonly flows = new Map<string, TaintFlow>();
  private readonly summaries = new Map<Node, Summary | 'computing'>();
  private readonly functionsByName = new Map<string, Node>();
  /** The summary being computed, when analyzing with symbolic parameters (closures inside it report sinks to it too). */
  private current: Summary | undefined;
  /** Where `return` statements count: the summary's own function, not a callback inside it. */
  private returnTarget: Summary | undefined;
  /** Taint of each node at its last evaluation (for sinks that look at arguments). */
  private readonly lastTaint = new Map<Node, Taint>();
  /** Sorted starts of sink marks and of calls to functions of this file. */
  private readonly sinkOrCallStarts: number[];

  constructor(rules: readonly CompiledRule[], private readonly ctx: FileContext, private readonly marks: TaintMarks) {
    this.options = rules.map((r) => ({
      safeFunctions: r.options.taint_assume_safe_functions === true,
      safeIndexes: r.options.taint_assume_safe_indexes === true,
      safeNumbers: r.options.taint_assume_safe_numbers === true,
      safeBooleans: r.options.taint_assume_safe_booleans === true,
      unifyMvars: r.options.taint_unify_mvars === true,
    }));
    this.indexFunctions();
    const callStarts: number[] = [];
    for (const node of ctx.nodesOfType('CallExpression')) {
      const call = node as TSESTree.CallExpression;
      if (this.resolveCallee(call.callee)) callStarts.push(call.range[0]);
    }
    this.sinkOrCallStarts = [...marks.sinkStarts, ...callStarts].sort((a, b) => a - b);
  }

  run(): TaintFlow[] {
    if (!this.interesting(this.ctx.program)) return [];
    const state = new State();
    this.execStatements(this.ctx.program.body, state);
    return [...this.flows.values()];
  }

  // ---------------------------------------------------------------- functions

  private indexFunctions(): void {
    for (const node of this.ctx.nodesOfType('FunctionDeclaration')) {
      const fn = node as TSESTree.FunctionDeclaration;
      if (fn.id && !this.functionsByName.has(fn.id.name)) this.functionsByName.set(fn.id.name, fn);
    }
    for (const node of this.ctx.nodesOfType('VariableDeclarator')) {
      const d = node as TSESTree.VariableDeclarator;
      if (d.id.type === 'Identifier' && d.init && FUNCTION_TYPES.has(d.init.type) && !this.functionsByName.has(d.id.name)) {
        this.functionsByName.set(d.id.name, d.init);
      }
    }
  }

  /** The function of this file a callee names: `f`, or `this.m` inside a class. */
  private resolveCallee(callee: Node): Node | undefined {
    if (callee.type === 'Identifier') return this.functionsByName.get(callee.name);
    if (callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression') {
      const name = memberName(callee);
      if (name === undefined) return undefined;
      let current = parentOf(callee);
      while (current && current.type !== 'ClassBody') current = parentOf(current);
      if (!current) return undefined;
      for (const member of (current).body) {
        if (member.type === 'MethodDefinition' && !member.computed && member.key.type === 'Identifier' && member.key.name === name) return member.value;
      }
    }
    return undefined;
  }

  /**
   * Whether analyzing a function can find anything: it must contain a source
   * and something taint can flow into (a sink, a propagator, or a call to a
   * function of this file). A function holding only a sink is reached through
   * its summary or as a closure of a function that holds the source.
   */
  private interesting(fn: Node): boolean {
    return containsStart(this.marks.sourceStarts, fn) && containsStart(this.sinkOrCallStarts, fn);
  }

  /** Analyzes a function defined here, seeing the variables it captures from `outer`. */
  private analyzeClosure(fn: FunctionLike, outer: State, paramTaint?: (index: number) => Taint): void {
    // Worth it when taint can arise inside (a source), or come in (captured variables, tainted parameters),
    // and reach something inside (a sink, a propagator, a call to a function of this file).
    if (!containsStart(this.sinkOrCallStarts, fn)) return;
    const carriesTaint = paramTaint !== undefined && fn.params.some((_, i) => isTainted(paramTaint(i)));
    if (!carriesTaint && outer.vars.size === 0 && !containsStart(this.marks.sourceStarts, fn)) return;
    const state = new State(new Map(outer.vars));
    state.dead = false;
    fn.params.forEach((p, i) => this.bindPattern(p, paramTaint?.(i), state));
    const savedReturns = this.returnTarget;
    this.returnTarget = undefined; // a callback's return value is not its definer's
    this.runBody(fn, state);
    this.returnTarget = savedReturns;
  }

  /** The summary of a function of this file, computed once. */
  private summaryOf(fn: FunctionLike): Summary | undefined {
    const existing = this.summaries.get(fn);
    if (existing === 'computing') return undefined; // recursion: treat the call as opaque
    if (existing) return existing;
    this.summaries.set(fn, 'computing');
    const summary: Summary = { returns: undefined, paramSinks: [] };
    const saved = this.current;
    const savedReturns = this.returnTarget;
    this.current = summary;
    this.returnTarget = summary;
    const state = new State();
    fn.params.forEach((p, i) => {
      const step: Step = { kind: 'parameter', start: p.range[0], end: p.range[1], label: `parameter ${paramName(p)}` };
      this.bindPattern(p, new Map([[paramKey(i), { trace: [step] }]]), state);
    });
    this.runBody(fn, state);
    this.current = saved;
    this.returnTarget = savedReturns;
    this.summaries.set(fn, summary);
    return summary;
  }

  private runBody(fn: FunctionLike, state: State): void {
    const body = fn.body;
    if (!body) return;
    if (body.type === 'BlockStatement') {
      this.execStatements(body.body, state);
    } else {
      const t = this.evaluate(body, state);
      this.recordReturn(t, body);
    }
  }

  private recordReturn(taint: Taint, at: Node): void {
    if (!this.returnTarget || !isTainted(taint)) return;
    const step: Step = { kind: 'return', start: at.range[0], end: at.range[1], label: 'returned' };
    this.returnTarget.returns = union(this.returnTarget.returns, withStep(taint, step));
  }

  // ---------------------------------------------------------------- statements

  private execStatements(stmts: readonly Node[], state: State): void {
    for (const stmt of stmts) {
      if (state.dead) return;
      this.exec(stmt, state);
    }
  }

  private exec(node: Node, state: State): void {
    switch (node.type) {
      case 'ExpressionStatement':
        this.evaluate(node.expression, state);
        return;
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          const t = d.init ? this.evaluate(d.init, state) : undefined;
          this.bindPattern(d.id, t && d.id.type === 'Identifier' ? withStep(t, assignStep(d.id.name, d)) : t, state);
        }
        return;
      case 'ReturnStatement': {
        const t = node.argument ? this.evaluate(node.argument, state) : undefined;
        this.recordReturn(t, node);
        state.dead = true;
        return;
      }
      case 'ThrowStatement':
        this.evaluate(node.argument, state);
        state.dead = true;
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        this.execStatements(node.body, state);
        return;
      case 'IfStatement': {
        this.evaluate(node.test, state);
        const thenState = state.clone();
        this.exec(node.consequent, thenState);
        const elseState = state.clone();
        if (node.alternate) this.exec(node.alternate, elseState);
        replace(state, State.join(thenState, elseState));
        return;
      }
      case 'ForStatement':
        if (node.init) {
          if (node.init.type === 'VariableDeclaration') this.exec(node.init, state);
          else this.evaluate(node.init, state);
        }
        this.loop(state, () => {
          if (node.test) this.evaluate(node.test, state);
        }, node.body, () => {
          if (node.update) this.evaluate(node.update, state);
        });
        return;
      case 'WhileStatement':
        this.loop(state, () => this.evaluate(node.test, state), node.body);
        return;
      case 'DoWhileStatement':
        this.loop(state, () => this.evaluate(node.test, state), node.body);
        return;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const iterable = this.evaluate(node.right, state);
        // for-in yields keys, which are not the object's data.
        const element = node.type === 'ForOfStatement' ? iterable : undefined;
        this.loop(state, () => {
          if (node.left.type === 'VariableDeclaration') {
            for (const d of node.left.declarations) this.bindPattern(d.id, element, state);
          } else {
            this.assignTo(node.left, element, state);
          }
        }, node.body);
        return;
      }
      case 'TryStatement': {
        const before = state.clone();
        this.exec(node.block, state);
        if (node.handler) {
          const handlerState = State.join(before, state);
          handlerState.dead = false;
          if (node.handler.param) this.bindPattern(node.handler.param, undefined, handlerState);
          this.exec(node.handler.body, handlerState);
          replace(state, State.join(state, handlerState));
        }
        if (node.finalizer) {
          const wasDead = state.dead;
          state.dead = false;
          this.exec(node.finalizer, state);
          state.dead = state.dead || wasDead;
        }
        return;
      }
      case 'SwitchStatement': {
        this.evaluate(node.discriminant, state);
        let result = node.cases.some((c) => c.test === null) ? undefined : state.clone();
        let fallthrough: State | undefined;
        for (const c of node.cases) {
          const caseState = fallthrough && !fallthrough.dead ? State.join(state, fallthrough) : state.clone();
          caseState.dead = false;
          if (c.test) this.evaluate(c.test, caseState);
          this.execStatements(c.consequent, caseState);
          fallthrough = caseState;
          result = result ? State.join(result, caseState) : caseState.clone();
        }
        if (result) replace(state, result);
        return;
      }
      case 'LabeledStatement':
        this.exec(node.body, state);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        state.dead = true;
        return;
      case 'FunctionDeclaration':
        this.analyzeClosure(node, state);
        return;
      case 'ClassDeclaration':
        this.analyzeClass(node, state);
        return;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
        if (node.declaration) {
          if (node.declaration.type.endsWith('Declaration') || node.declaration.type === 'ClassDeclaration') this.exec(node.declaration, state);
          else this.evaluate(node.declaration, state);
        }
        return;
      default:
        return;
    }
  }

  /** A loop body runs twice from the join of the entry state and the previous round. */
  private loop(state: State, head: () => void, body: Node, tail?: () => void): void {
    const entry = state.clone();
    for (let round = 0; round < 2; round++) {
      head();
      const inner = state.clone();
      this.exec(body, inner);
      inner.dead = false;
      replace(state, State.join(entry, inner));
      tail?.();
    }
    state.dead = entry.dead;
  }

  private analyzeClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, state: State): void {
    if (node.superClass) this.evaluate(node.superClass, state);
    for (const member of node.body.body) {
      if (member.type === 'MethodDefinition' && member.value.type === 'FunctionExpression') this.analyzeClosure(member.value, state);
      else if (member.type === 'PropertyDefinition' && member.value) this.evaluate(member.value, state.clone());
    }
  }

  // ---------------------------------------------------------------- bindings

  /** Binds every name in a declaration or parameter pattern to `taint`. */
  private bindPattern(pattern: Node, taint: Taint, state: State): void {
    switch (pattern.type) {
      case 'Identifier':
        state.assign(pattern.name, taint);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') this.bindPattern(prop.argument, taint, state);
          else this.bindPattern(prop.value, taint, state);
        }
        return;
      case 'ArrayPattern':
        for (const el of pattern.elements) if (el) this.bindPattern(el, taint, state);
        return;
      case 'RestElement':
        this.bindPattern(pattern.argument, taint, state);
        return;
      case 'AssignmentPattern': {
        const fallback = this.evaluate(pattern.right, state);
        this.bindPattern(pattern.left, union(taint, fallback), state);
        return;
      }
      case 'TSParameterProperty':
        this.bindPattern(pattern.parameter, taint, state);
        return;
      default:
        return;
    }
  }

  /** Assigns to an l-value: a variable, a member path, or a destructuring pattern. */
  private assignTo(target: Node, taint: Taint, state: State): void {
    const path = lvaluePath(target);
    if (path !== undefined) {
      state.assign(path, taint);
      return;
    }
    if (target.type === 'ObjectPattern' || target.type === 'ArrayPattern') {
      this.bindPattern(target, taint, state);
      return;
    }
    // `a[i] = v` with a computed key: the container now holds tainted data.
    if (target.type === 'MemberExpression') {
      const base = lvaluePath(target.object);
      if (base !== undefined && isTainted(taint)) state.vars.set(base, union(state.vars.get(base), taint));
    }
  }

  // ---------------------------------------------------------------- expressions

  /** The taint of an expression's value; checks sinks and applies side effects on the way. */
  evaluate(node: Node, state: State): Taint {
    let taint = this.structural(node, state);
    const marks = this.marks.byNode.get(node);
    if (marks) taint = this.applyMarks(node, marks, taint, state);
    this.lastTaint.set(node, taint);
    return taint;
  }

  private applyMarks(node: Node, marks: NodeMarks, structural: Taint, state: State): Taint {
    let taint = structural;
    if (marks.sources) {
      const labelsByRule = labelsOf(structural);
      for (const source of marks.sources) {
        if (source.requires && !labelsSatisfy(source.requires, labelsByRule.get(source.rule) ?? new Set())) continue;
        const info: TaintInfo = { trace: [{ kind: 'source', start: source.start, end: source.end, label: 'source' }], env: source.env };
        const added = new Map([[concreteKey(source.rule, source.label), info]]);
        if (source.bySideEffect) {
          const path = lvaluePath(node);
          if (path !== undefined) state.assign(path, union(state.read(path), added));
          if (source.bySideEffect === 'only') continue;
        }
        taint = union(taint, added);
      }
    }
    if (marks.propagators) {
      for (const p of marks.propagators) {
        const from = this.lastTaint.get(p.from) ?? this.evaluate(p.from, state);
        const fromRule = filterKeys(from, (k) => parseConcreteKey(k)?.rule !== undefined || parseParamKey(k) !== undefined);
        if (!isTainted(fromRule)) continue;
        const step: Step = { kind: 'propagator', start: node.range[0], end: node.range[1], label: 'propagated' };
        const moved = withStep(fromRule, step);
        if (p.bySideEffect) {
          const path = lvaluePath(p.to);
          if (path !== undefined) state.assign(path, union(state.read(path), moved));
        }
        if (p.to === node) taint = union(taint, moved);
      }
    }
    if (marks.sanitizers) {
      const rules = new Set(marks.sanitizers.map((s) => s.rule));
      taint = sanitize(taint, rules);
      for (const s of marks.sanitizers) {
        if (!s.bySideEffect) continue;
        const path = lvaluePath(node);
        if (path !== undefined) state.assign(path, sanitize(state.read(path), new Set([s.rule])));
      }
    }
    if (marks.sinks) {
      for (const sink of marks.sinks) {
        const reaching = sink.inside ? taint : this.sinkTaint(node, taint);
        this.reachSink(sink, reaching, []);
      }
    }
    return taint;
  }

  /** What an exact sink looks at: a call's arguments, an assignment's value, else the node itself. */
  private sinkTaint(node: Node, own: Taint): Taint {
    // A call that is itself an argument (a sink narrowed by focus-metavariable to `f(x)` in
    // `sink(f(x))`) is a value: its own taint counts, with safe conversions and summaries applied.
    const parent = parentOf(node);
    const isArgument = (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(node as TSESTree.CallExpressionArgument);
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && !isArgument) {
      return union(...node.arguments.map((a) => this.lastTaint.get(a)));
    }
    if (node.type === 'AssignmentExpression') return this.lastTaint.get(node.right);
    if (node.type === 'JSXAttribute' && node.value) return this.lastTaint.get(node.value);
    return own;
  }

  /** Records a flow for each concrete key of the sink's rule; records symbolic keys in the summary. */
  private reachSink(sink: SinkMark, taint: Taint, prefix: readonly Step[]): void {
    if (!taint) return;
    const labels = labelsOf(taint).get(sink.rule);
    for (const [key, info] of taint) {
      const concrete = parseConcreteKey(key);
      if (concrete) {
        if (concrete.rule !== sink.rule) continue;
        if (sink.requires && !labelsSatisfy(sink.requires, labels ?? new Set())) continue;
        if (this.options[sink.rule]?.unifyMvars && info.env && !compatible(this.ctx.text, info.env, sink.env)) continue;
        this.addFlow(sink, [...info.trace, ...prefix], info.env);
        continue;
      }
      const param = parseParamKey(key);
      if (param === undefined || !this.current || info.cleanFor?.has(sink.rule)) continue;
      this.current.paramSinks.push({ param, sink, trace: [...info.trace, ...prefix] });
    }
  }

  private addFlow(sink: SinkMark, trace: readonly Step[], sourceEnv: Env | undefined): void {
    const key = `${sink.rule}:${sink.start}:${sink.end}`;
    const full = [...trace, { kind: 'sink' as const, start: sink.start, end: sink.end, label: 'sink' }];
    const existing = this.flows.get(key);
    if (existing && existing.trace.length <= full.length) return;
    this.flows.set(key, { rule: sink.rule, sinkStart: sink.start, sinkEnd: sink.end, trace: full, sinkEnv: sink.env, sourceEnv });
  }

  /** Taint from the node's parts, before its own marks. */
  private structural(node: Node, state: State): Taint {
    switch (node.type) {
      case 'Identifier':
        return state.read(node.name);
      case 'ThisExpression':
        return state.read('this');
      case 'Literal':
      case 'Super':
      case 'MetaProperty':
      case 'PrivateIdentifier':
        return undefined;
      case 'TemplateLiteral':
        return union(...node.expressions.map((e) => this.evaluate(e, state)));
      case 'TaggedTemplateExpression': {
        const tag = this.evaluate(node.tag, state);
        return union(tag, ...node.quasi.expressions.map((e) => this.evaluate(e, state)));
      }
      case 'BinaryExpression': {
        const left = node.left.type === 'PrivateIdentifier' ? undefined : this.evaluate(node.left, state);
        const right = this.evaluate(node.right, state);
        const t = union(left, right);
        if (BOOLEAN_OPERATORS.has(node.operator)) return this.dropFor(t, (o) => o.safeBooleans);
        if (NUMBER_OPERATORS.has(node.operator)) return this.dropFor(t, (o) => o.safeNumbers);
        return t;
      }
      case 'LogicalExpression':
        return union(this.evaluate(node.left, state), this.evaluate(node.right, state));
      case 'ConditionalExpression': {
        this.evaluate(node.test, state);
        const a = state.clone();
        const b = state.clone();
        const t = union(this.evaluate(node.consequent, a), this.evaluate(node.alternate, b));
        replace(state, State.join(a, b));
        return t;
      }
      case 'UnaryExpression': {
        const t = this.evaluate(node.argument, state);
        if (node.operator === 'typeof' || node.operator === 'void' || node.operator === 'delete') return undefined;
        if (node.operator === '!') return this.dropFor(t, (o) => o.safeBooleans);
        return this.dropFor(t, (o) => o.safeNumbers);
      }
      case 'UpdateExpression':
        this.evaluate(node.argument, state);
        return undefined;
      case 'AwaitExpression':
      case 'SpreadElement':
        return this.evaluate(node.argument, state);
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        return this.evaluate(node.expression, state);
      case 'SequenceExpression': {
        let last: Taint;
        for (const e of node.expressions) last = this.evaluate(e, state);
        return last;
      }
      case 'ArrayExpression':
        return union(...node.elements.map((e) => (e ? this.evaluate(e, state) : undefined)));
      case 'ObjectExpression': {
        const parts: Taint[] = [];
        for (const p of node.properties) {
          if (p.type === 'SpreadElement') parts.push(this.evaluate(p, state));
          else {
            if (p.computed) this.evaluate(p.key, state);
            parts.push(this.evaluate(p.value, state));
          }
        }
        return union(...parts);
      }
      case 'Property':
        return this.evaluate(node.value, state);
      case 'MemberExpression':
        return this.member(node, state);
      case 'AssignmentExpression': {
        const right = this.evaluate(node.right, state);
        let value = right;
        if (node.operator !== '=') value = union(this.evaluate(node.left, state), right);
        const path = lvaluePath(node.left);
        const stepped = isTainted(value) && path !== undefined ? withStep(value, assignStep(path, node)) : value;
        if (node.left.type === 'MemberExpression') {
          // `a[b][c] = v`: the keys and the object part are read (sinks may sit on them).
          if (node.left.object.type !== 'Identifier' && node.left.object.type !== 'ThisExpression') this.evaluate(node.left.object, state);
          if (node.left.computed) this.evaluate(node.left.property, state);
        }
        this.assignTo(node.left, stepped, state);
        return value;
      }
      case 'CallExpression':
      case 'NewExpression':
        return this.call(node, state);
      case 'ImportExpression':
        return this.evaluate(node.source, state);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.analyzeClosure(node, state);
        return undefined;
      case 'ClassExpression':
        this.analyzeClass(node, state);
        return undefined;
      case 'JSXElement': {
        const parts: Taint[] = [];
        for (const attr of node.openingElement.attributes) parts.push(this.evaluate(attr, state));
        for (const child of node.children) parts.push(this.evaluate(child, state));
        return union(...parts);
      }
      case 'JSXFragment':
        return union(...node.children.map((c) => this.evaluate(c, state)));
      case 'JSXAttribute':
        return node.value ? this.evaluate(node.value, state) : undefined;
      case 'JSXSpreadAttribute':
        return this.evaluate(node.argument, state);
      case 'JSXExpressionContainer':
        return node.expression.type === 'JSXEmptyExpression' ? undefined : this.evaluate(node.expression, state);
      case 'JSXSpreadChild':
        return this.evaluate(node.expression, state);
      case 'YieldExpression':
        return node.argument ? this.evaluate(node.argument, state) : undefined;
      default:
        return undefined;
    }
  }

  private member(node: TSESTree.MemberExpression, state: State): Taint {
    const name = memberName(node);
    const object = this.evaluate(node.object, state);
    let index: Taint;
    if (node.computed) index = this.evaluate(node.property, state);
    const parent = parentOf(node);
    const isCallee = parent?.type === 'CallExpression' && parent.callee === node;
    if (name !== undefined && SAFE_METHODS.has(name) && !isCallee) return undefined; // x.length
    const path = lvaluePath(node);
    const own = path !== undefined ? state.read(path) : undefined;
    return union(object, own, this.dropFor(index, (o) => o.safeIndexes));
  }

  private call(node: TSESTree.CallExpression | TSESTree.NewExpression, state: State): Taint {
    const callee = node.callee;
    let receiver: Taint;
    if (callee.type === 'MemberExpression') {
      receiver = this.evaluate(callee.object, state);
      if (callee.computed) this.evaluate(callee.property, state);
    } else if (callee.type !== 'Identifier') {
      this.evaluate(callee, state);
    }
    const target = this.resolveCallee(callee);
    const name = calleeName(callee);
    // Callbacks: analyzed where they are, with elements of a tainted receiver as their parameter.
    const args: Taint[] = node.arguments.map((a) => {
      if (a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') {
        const elementTaint = name !== undefined && ELEMENT_CALLBACKS.has(name) ? receiver : undefined;
        this.analyzeClosure(a, state, (i) => (i === (name === 'reduce' ? 1 : 0) ? elementTaint : undefined));
        return undefined;
      }
      return this.evaluate(a, state);
    });
    if (target && FUNCTION_TYPES.has(target.type)) {
      return this.applySummary(node, target as FunctionLike, args);
    }
    // Known conversions to numbers and booleans carry no taint.
    if (name !== undefined) {
      if (callee.type === 'Identifier' && SAFE_FUNCTIONS.has(name)) return undefined;
      if (callee.type === 'MemberExpression') {
        if (SAFE_METHODS.has(name)) return undefined;
        const objectName = callee.object.type === 'Identifier' ? callee.object.name : undefined;
        if (objectName !== undefined && (SAFE_OBJECTS.has(objectName) || (objectName === 'Number' && SAFE_FUNCTIONS.has(name)))) return undefined;
      }
    }
    // An opaque call returns tainted data when an argument or its receiver is tainted.
    return this.dropFor(union(receiver, ...args), (o) => o.safeFunctions);
  }

  /** A call to a function of this file: its summary maps argument taint to the result and to sinks inside it. */
  private applySummary(node: TSESTree.CallExpression | TSESTree.NewExpression, fn: FunctionLike, args: Taint[]): Taint {
    const summary = this.summaryOf(fn);
    if (!summary) return union(...args);
    const callStep: Step = { kind: 'call', start: node.range[0], end: node.range[1], label: `passed to ${calleeName(node.callee) ?? 'a function'}()` };
    for (const ps of summary.paramSinks) {
      const arg = args[ps.param];
      if (!arg) continue;
      const cleaned = filterKeys(arg, (k, info) => {
        const c = parseConcreteKey(k);
        return !(c && c.rule !== ps.sink.rule) && !info.cleanFor?.has(ps.sink.rule);
      });
      this.reachSink(ps.sink, withStep(cleaned, callStep), ps.trace);
    }
    let result: Taint;
    if (summary.returns) {
      for (const [key, info] of summary.returns) {
        const param = parseParamKey(key);
        if (param === undefined) {
          result = union(result, new Map([[key, { ...info, trace: [...info.trace, callStep] }]]));
          continue;
        }
        const arg = args[param];
        if (!arg) continue;
        const cleaned = info.cleanFor ? sanitize(arg, info.cleanFor) : arg;
        result = union(result, withStep(cleaned, callStep));
      }
    }
    return result;
  }

  /** Drops the keys of rules whose options say this kind of value is safe. */
  private dropFor(t: Taint, safe: (o: RuleOptions) => boolean): Taint {
    if (!t) return t;
    return filterKeys(t, (k) => {
      const c = parseConcreteKey(k);
      return !c || !safe(this.options[c.rule]!);
    });
  }
}

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Whether a sorted list of offsets has one inside `node`'s range. */
function containsStart(starts: readonly number[], node: Node): boolean {
  const [start, end] = node.range;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo]! < end;
}

/** Replaces `target`'s contents with `source`'s (states are passed by reference). */
function replace(target: State, source: State): void {
  target.vars = source.vars;
  target.dead = source.dead;
}

/** `a`, `a.b`, `this.x` for l-values that name a variable or a fixed member path. */
function lvaluePath(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression') {
    const name = memberName(node);
    if (name === undefined) return undefined;
    const base = lvaluePath(node.object);
    return base === undefined ? undefined : `${base}.${name}`;
  }
  if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression' || node.type === 'ChainExpression') return lvaluePath(node.expression);
  return undefined;
}

function assignStep(name: string, node: Node): Step {
  return { kind: 'assignment', start: node.range[0], end: node.range[1], label: `assigned to ${name}` };
}

function paramName(p: Node): string {
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  return 'argument';
}

/** The labels each rule's taint carries in `t`. */
function labelsOf(t: Taint): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!t) return out;
  for (const key of t.keys()) {
    const c = parseConcreteKey(key);
    if (!c) continue;
    let set = out.get(c.rule);
    if (!set) out.set(c.rule, (set = new Set()));
    set.add(c.label);
  }
  return out;
}
