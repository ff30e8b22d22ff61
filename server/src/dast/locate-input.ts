/** Works out which request input (query, path, body field, header, cookie) carries a finding's tainted data. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding } from '../engine/types';
import { dottedName, isFunction, nodeAt, parentMap, propertyName, semanticParent, staticString, unwrap, walk, type Node } from './ast-utils';
import type { InputLocation, RequestInput } from './types';

const REQ_NAMES = /^(req|request|ctx|context|event)$/;

/** What {@link locateInputs} found. */
export interface LocatedInputs {
  /** The input the tainted data comes from. */
  primary?: RequestInput;
  /** Every input the handler reads (the primary included), to fill with benign values. */
  all: RequestInput[];
  /** How to send a body: JSON unless the code only reads forms. */
  bodyKind: 'json' | 'form';
}

/** A container of request data before its field is known. */
interface Container {
  location: InputLocation;
  /** The field, when the expression names it already (`req.get('x-id')`). */
  name?: string;
}

/**
 * Reads the finding's taint source (or, without a trace, the request data in
 * the sink) and the handler around it, and names the inputs.
 *
 * Why: a probe has to put its payload exactly where the tainted value comes
 * from (`req.query.q` is not `req.body.q`), and a handler that also reads a
 * password or a page number needs benign values there so it reaches the sink.
 */
export function locateInputs(finding: Finding, program: TSESTree.Program, text: string, handler: { start: number; end: number } | undefined): LocatedInputs {
  const parents = parentMap(program);
  const hints = [finding.snippet, ...(finding.trace ?? []).map((s) => s.label)].join('\n');
  let primary: RequestInput | undefined;
  const source = finding.trace?.find((s) => s.kind === 'source');
  if (source) {
    const node = nodeAt(program, source.start, source.end);
    if (node) primary = inputFrom(node, parents, program, hints, handler);
  }
  const all: RequestInput[] = [];
  const add = (input: RequestInput): void => {
    if (!all.some((i) => i.location === input.location && i.name === input.name)) all.push(input);
  };
  const scope = handler ? nodeAt(program, handler.start, handler.end) : undefined;
  if (scope) {
    walk(scope, (node) => {
      if (!containerOf(node)) return;
      const parent = semanticParent(node, parents);
      // Only the outermost recognised expression (`req.query`, not `req` in it).
      if (parent && containerOf(parent)) return;
      for (const input of inputsFrom(node, parents, program, handler)) add(input);
    });
  }
  if (!primary) {
    // No trace: the request data that appears in the sink itself.
    const sink = nodeAt(program, finding.start, finding.end);
    if (sink) {
      walk(sink, (node) => {
        if (!primary && containerOf(node)) primary = inputFrom(node, parents, program, hints, handler);
      });
    }
  }
  if (!primary && scope) primary = throughLocals(finding, program, parents, hints, scope, handler);
  if (primary) add(primary);
  const handlerText = handler ? text.slice(handler.start, handler.end) : '';
  // `express.json()` / `bodyParser.json()` parse JSON; `res.json(...)` says nothing about the request.
  const formOnly = (/urlencoded\s*\(/.test(text) && !/\b(express|bodyParser)\.json\s*\(/.test(text)) || /\.formData\s*\(/.test(handlerText);
  return { primary, all, bodyKind: formOnly ? 'form' : 'json' };
}

/**
 * Without a trace: the sink uses a local (`q`) that the handler filled from
 * request data (`const q = req.query.q`, `const { q } = req.query`).
 */
function throughLocals(finding: Finding, program: TSESTree.Program, parents: Map<Node, Node>, hints: string, scope: Node, handler: { start: number; end: number } | undefined): RequestInput | undefined {
  const sink = nodeAt(program, finding.start, finding.end);
  if (!sink) return undefined;
  const used = new Set<string>();
  walk(sink, (n) => {
    if (n.type === 'Identifier') used.add(n.name);
  });
  // The sink sits in a helper the handler calls: follow the helper's parameters to the call's arguments.
  if (!(scope.range[0] <= sink.range[0] && sink.range[1] <= scope.range[1])) {
    const helper = enclosingFunction(sink, parents);
    const name = helper ? functionName(helper, parents) : undefined;
    if (helper && name !== undefined) {
      let viaCall: RequestInput | undefined;
      walk(scope, (n) => {
        if (viaCall || n.type !== 'CallExpression') return;
        const callee = n.callee.type === 'MemberExpression' ? propertyName(n.callee) : n.callee.type === 'Identifier' ? n.callee.name : undefined;
        if (callee !== name) return;
        helper.params.forEach((param, i) => {
          const arg = n.arguments[i];
          if (viaCall || !arg || param.type !== 'Identifier' || !used.has(param.name)) return;
          walk(arg, (x) => {
            if (!viaCall && containerOf(x)) viaCall = inputFrom(x, parents, program, hints, handler);
          });
          if (!viaCall && arg.type === 'Identifier') used.add(arg.name);
        });
      });
      if (viaCall) return viaCall;
    }
  }
  let found: RequestInput | undefined;
  walk(scope, (n) => {
    if (found || n.type !== 'VariableDeclarator' || !n.init) return;
    if (n.id.type === 'Identifier' && used.has(n.id.name)) {
      walk(n.init, (x) => {
        if (!found && containerOf(x)) found = inputFrom(x, parents, program, hints, handler);
      });
    } else if (n.id.type === 'ObjectPattern' && containerOf(n.init)) {
      const names = n.id.properties.flatMap((p) => (p.type === 'Property' && p.value.type === 'Identifier' && used.has(p.value.name) ? [p.value.name] : []));
      if (names.length > 0) found = inputFrom(n.init, parents, program, names.join(' '), handler);
    }
  });
  return found;
}

function enclosingFunction(node: Node, parents: Map<Node, Node>): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | undefined {
  for (let p = parents.get(node); p; p = parents.get(p)) if (isFunction(p)) return p;
  return undefined;
}

/** `function f() {}`, `const f = () => {}`, `f: function () {}`: the name callers use. */
export function functionName(fn: Node, parents: Map<Node, Node>): string | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const parent = parents.get(fn);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'Property' && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

/** The request-data container an expression is, if any (`req.query`, `ctx.request.body`, `req.get('h')`, ...). */
function containerOf(node: Node): Container | undefined {
  const n = unwrap(node);
  if (n.type === 'MemberExpression') {
    const name = dottedName(n);
    if (name === undefined) return undefined;
    const parts = name.split('.');
    const root = parts[0] ?? '';
    const rest = parts.slice(1).join('.');
    // Next.js app router: `GET(request, { params })` reads `params.id` for `[id]`.
    if (root === 'params' && parts.length === 2 && !/^(length|push|map|join|\d+)$/.test(rest)) return { location: 'path', name: rest };
    if (REQ_NAMES.test(root)) {
      switch (rest) {
        case 'query':
        case 'request.query':
        case 'nextUrl.searchParams':
          return { location: 'query' };
        case 'params':
        case 'request.params':
          return { location: 'path' };
        case 'body':
        case 'request.body':
        case 'payload':
          return { location: 'json' };
        case 'headers':
        case 'request.headers':
          return { location: 'header' };
        case 'cookies':
        case 'signedCookies':
          return { location: 'cookie' };
      }
    }
    return undefined;
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const callee = dottedName(n.callee);
    if (callee === undefined) return undefined;
    const arg = staticString(n.arguments[0]);
    const parts = callee.split('.');
    const method = parts[parts.length - 1] ?? '';
    const object = parts.slice(0, -1).join('.');
    const root = parts[0] ?? '';
    if (REQ_NAMES.test(root) && parts.length === 2) {
      if ((method === 'get' || method === 'header') && arg !== undefined) return { location: 'header', name: arg.toLowerCase() };
      if (method === 'param' && arg !== undefined) return { location: 'query', name: arg };
      if (method === 'json') return { location: 'json' };
      if (method === 'formData') return { location: 'form' };
    }
    if ((object === 'searchParams' || object.endsWith('.searchParams')) && (method === 'get' || method === 'getAll') && arg !== undefined) return { location: 'query', name: arg };
    if (/^(formData|form|fd)$/.test(object) && method === 'get' && arg !== undefined) return { location: 'form', name: arg };
    if (REQ_NAMES.test(root) && callee === `${root}.cookies.get` && arg !== undefined) return { location: 'cookie', name: arg };
    return undefined;
  }
  if (n.type === 'NewExpression' && dottedName(n.callee) === 'URL') {
    const arg = n.arguments[0];
    if (arg && dottedName(arg)?.match(/^(req|request)\.url$/)) return { location: 'query' };
  }
  return undefined;
}

/** Climbs from a recognised source to the node that names its field. */
function inputFrom(node: Node, parents: Map<Node, Node>, program: TSESTree.Program, hints: string, handler: { start: number; end: number } | undefined): RequestInput | undefined {
  let start: Node | undefined = node;
  // The source step may cover `req`, `req.query` or `req.query.q`: climb to the container.
  let container = containerOf(node);
  while (!container && start) {
    start = semanticParent(start, parents);
    if (start) container = containerOf(start);
  }
  if (!container || !start) {
    // Maybe the source step covers `req.query.q` itself: look inside it.
    let inner: Node | undefined;
    walk(node, (n) => {
      if (!inner && containerOf(n)) inner = n;
    });
    if (!inner) return undefined;
    start = inner;
    container = containerOf(inner);
    if (!container) return undefined;
  }
  const candidates = inputsFrom(start, parents, program, handler);
  if (candidates.length <= 1) return candidates[0];
  // Several fields (`const { a, b } = req.body`): the one the sink or trace mentions first.
  let best: RequestInput | undefined;
  let bestAt = Infinity;
  for (const c of candidates) {
    const at = firstMention(hints, c.name);
    if (at < bestAt) {
      best = c;
      bestAt = at;
    }
  }
  return best ?? candidates[0];
}

function firstMention(hints: string, name: string): number {
  const m = new RegExp(`\\b${name.replace(/[^\w$-]/g, '')}\\b`).exec(hints);
  return m ? m.index : Infinity;
}

/** Every field read from the container expression `node`. */
function inputsFrom(node: Node, parents: Map<Node, Node>, program: TSESTree.Program, handler: { start: number; end: number } | undefined): RequestInput[] {
  const container = containerOf(node);
  if (!container) return [];
  if (container.name !== undefined) return [{ location: container.location, name: container.name }];
  const parent = semanticParent(node, parents);
  if (!parent) return [];
  if (parent.type === 'MemberExpression' && unwrap(parent.object) === unwrap(node)) {
    const name = propertyName(parent);
    if (name !== undefined) {
      // `req.nextUrl.searchParams.get('q')`-style chains are containers themselves.
      const grand = semanticParent(parent, parents);
      if (name === 'searchParams' && grand?.type === 'MemberExpression') {
        const call = semanticParent(grand, parents);
        const arg = call?.type === 'CallExpression' ? staticString(call.arguments[0]) : undefined;
        return arg !== undefined ? [{ location: 'query', name: arg }] : [];
      }
      return [{ location: container.location, name: container.location === 'header' ? name.toLowerCase() : name }];
    }
  }
  if (parent.type === 'VariableDeclarator' || parent.type === 'AssignmentExpression') {
    const target = parent.type === 'VariableDeclarator' ? parent.id : parent.left;
    if (target.type === 'ObjectPattern') return patternInputs(target, container.location, program, handler);
    if (target.type === 'Identifier') return usesOf(target.name, container.location, program, handler);
  }
  return [];
}

function patternInputs(pattern: TSESTree.ObjectPattern, location: InputLocation, program: TSESTree.Program, handler: { start: number; end: number } | undefined): RequestInput[] {
  const out: RequestInput[] = [];
  for (const p of pattern.properties) {
    if (p.type !== 'Property') continue;
    const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : staticString(p.key);
    if (key === undefined) continue;
    // `const { searchParams } = new URL(req.url)`: the fields are read later with .get().
    if (key === 'searchParams' && p.value.type === 'Identifier') {
      out.push(...usesOf(p.value.name, 'query', program, handler));
      continue;
    }
    out.push({ location, name: location === 'header' ? key.toLowerCase() : key });
  }
  return out;
}

/** Fields read from a local variable that holds request data: `v.name`, `v.get('name')`, `const { name } = v`. */
function usesOf(variable: string, location: InputLocation, program: TSESTree.Program, handler: { start: number; end: number } | undefined): RequestInput[] {
  const out: RequestInput[] = [];
  const scope = handler ? nodeAt(program, handler.start, handler.end) : program;
  if (!scope) return out;
  walk(scope, (n) => {
    if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === variable) {
      const name = propertyName(n);
      if (name !== undefined && name !== 'get' && name !== 'getAll' && name !== 'has') out.push({ location, name });
    }
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.object.type === 'Identifier' && n.callee.object.name === variable) {
      const arg = staticString(n.arguments[0]);
      if (arg !== undefined) out.push({ location, name: arg });
    }
    if (n.type === 'VariableDeclarator' && n.id.type === 'ObjectPattern' && n.init && unwrap(n.init).type === 'Identifier' && (unwrap(n.init) as TSESTree.Identifier).name === variable) {
      out.push(...patternInputs(n.id, location, program, handler));
    }
  });
  return out;
}
