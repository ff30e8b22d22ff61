/** Finds HTTP routes and their handler functions in Express, Koa (@koa/router), Fastify and Next.js files. */
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource } from '../engine/parse/parse-source';
import { dottedName, isFunction, staticString, unwrap, walk, type Node } from './ast-utils';
import type { Framework, Route } from './types';

/** A file's path and text, as the front end read it. */
export interface SourceFile {
  path: string;
  text: string;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options']);
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'];

/** Where a handler reference leads. */
type HandlerRef = { kind: 'range'; start: number; end: number } | { kind: 'import'; file: string; name: string };

/** A route call before prefixes and imports are resolved. */
interface RawRoute {
  receiver: string;
  method: string;
  path: string;
  handler: HandlerRef;
  /** Offset of the route call, for Fastify `register(fn, {prefix})` scopes. */
  at: number;
}

/** `parent.use(prefix, child)`: child's routes get `prefix` under every prefix of `parent`. */
interface Mount {
  parent: string;
  prefix: string;
  /** The mounted receiver's name, or `*` for whatever the child file exports. */
  child: { file: string; receiver: string };
}

interface FileFacts {
  file: string;
  framework: Framework;
  routes: RawRoute[];
  mounts: Mount[];
  /** `register(fn, {prefix})` scopes. */
  scopes: { start: number; end: number; prefix: string }[];
  /** Koa `new Router({prefix})`. */
  receiverPrefix: Map<string, string>;
  /** Names of top-level functions (and function-valued consts), for handler identifiers. */
  functions: Map<string, { start: number; end: number }>;
  /** The name `module.exports =` / `export default` gives out, if any. */
  exported?: string;
  /** True when the file exports a function (a Fastify plugin or a router factory). */
  exportsFunction: boolean;
}

/**
 * Every route in `files`, with mounted prefixes resolved within a file and
 * across files imported by relative path.
 *
 * Why: a finding becomes a probe only once the prober knows which method and
 * URL reach the handler that contains it. Recognising the frameworks' own
 * declarations statically works before the server is even started.
 */
export function extractRoutes(files: readonly SourceFile[]): Route[] {
  const known = new Set(files.map((f) => path.resolve(f.path)));
  const facts = new Map<string, FileFacts>();
  for (const file of files) {
    const f = collectFacts(file, known);
    if (f) facts.set(path.resolve(file.path), f);
  }
  const routes: Route[] = [];
  for (const f of facts.values()) {
    for (const raw of f.routes) {
      const handler = resolveHandler(raw.handler, f, facts);
      if (!handler) continue;
      const scopePrefix = f.scopes
        .filter((s) => s.start <= raw.at && raw.at < s.end)
        .sort((a, b) => a.start - b.start)
        .map((s) => s.prefix)
        .join('');
      const own = f.receiverPrefix.get(raw.receiver) ?? '';
      for (const prefix of prefixesOf(f.file, raw.receiver, facts, 0)) {
        routes.push({
          framework: f.framework,
          method: raw.method,
          path: joinPaths(prefix, scopePrefix, own, raw.path),
          file: handler.file,
          handlerStart: handler.start,
          handlerEnd: handler.end,
        });
      }
    }
  }
  for (const file of files) routes.push(...nextRoutes(file));
  return dedupe(routes);
}

function dedupe(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.path} ${r.file} ${r.handlerStart}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Joins path pieces with single slashes; `''` and `/` add nothing. */
export function joinPaths(...parts: string[]): string {
  const segments = parts.flatMap((p) => p.split('/')).filter((s) => s.length > 0);
  return '/' + segments.join('/');
}

function prefixesOf(file: string, receiver: string, facts: Map<string, FileFacts>, depth: number): string[] {
  if (depth > 8) return [''];
  const out: string[] = [];
  for (const f of facts.values()) {
    for (const m of f.mounts) {
      if (m.child.file !== file) continue;
      const self = facts.get(file);
      const matches = m.child.receiver === receiver || (m.child.receiver === '*' && !(self?.mounts.some((x) => x.child.file === file && x.child.receiver === receiver) ?? false));
      if (!matches) continue;
      const parentOwn = f.receiverPrefix.get(m.parent) ?? '';
      for (const p of prefixesOf(f.file, m.parent, facts, depth + 1)) out.push(joinPaths(p, parentOwn, m.prefix));
    }
  }
  return out.length > 0 ? out : [''];
}

function resolveHandler(ref: HandlerRef, f: FileFacts, facts: Map<string, FileFacts>): { file: string; start: number; end: number } | undefined {
  if (ref.kind === 'range') return { file: f.file, start: ref.start, end: ref.end };
  const target = facts.get(ref.file);
  const fn = target?.functions.get(ref.name);
  return fn && target ? { file: target.file, ...fn } : undefined;
}

function resolveImport(from: string, spec: string, known: Set<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const ext of EXTENSIONS) {
    if (known.has(base + ext)) return base + ext;
  }
  // `./x.js` written in a TypeScript project that holds `./x.ts`.
  const stripped = base.replace(/\.(js|mjs|cjs)$/, '');
  for (const ext of EXTENSIONS) if (known.has(stripped + ext)) return stripped + ext;
  return undefined;
}

function collectFacts(file: SourceFile, known: Set<string>): FileFacts | undefined {
  const parsed = parseSource(file.text, file.path);
  const program = parsed.program;
  if (!program) return undefined;
  const abs = path.resolve(file.path);
  const facts: FileFacts = {
    file: abs,
    framework: /['"](koa|@koa\/router|koa-router)['"]/.test(file.text) ? 'koa' : /['"]fastify['"]/.test(file.text) ? 'fastify' : 'express',
    routes: [],
    mounts: [],
    scopes: [],
    receiverPrefix: new Map(),
    functions: new Map(),
    exportsFunction: false,
  };
  /** Local names bound to a relative import: the whole module (`*`) or one export. */
  const imports = new Map<string, { file: string; name: string }>();

  walk(program, (node) => {
    if (node.type === 'FunctionDeclaration' && node.id) facts.functions.set(node.id.name, { start: node.range[0], end: node.range[1] });
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrap(node.init);
      if (isFunction(init)) facts.functions.set(node.id.name, { start: init.range[0], end: init.range[1] });
      const req = requiredModule(init);
      if (req !== undefined) {
        const target = resolveImport(abs, req, known);
        if (target) imports.set(node.id.name, { file: target, name: '*' });
      }
      if (init.type === 'NewExpression' && dottedName(init.callee)?.endsWith('Router')) {
        const options = init.arguments[0];
        if (options?.type === 'ObjectExpression') {
          const prefix = staticString(objectProperty(options, 'prefix'));
          if (prefix !== undefined) facts.receiverPrefix.set(node.id.name, prefix);
        }
      }
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init) {
      const req = requiredModule(unwrap(node.init));
      const target = req !== undefined ? resolveImport(abs, req, known) : undefined;
      if (target) {
        for (const p of node.id.properties) {
          if (p.type === 'Property' && p.key.type === 'Identifier' && p.value.type === 'Identifier') imports.set(p.value.name, { file: target, name: p.key.name });
        }
      }
    }
    if (node.type === 'ImportDeclaration' && typeof node.source.value === 'string') {
      const target = resolveImport(abs, node.source.value, known);
      if (target) {
        for (const s of node.specifiers) {
          if (s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier') imports.set(s.local.name, { file: target, name: '*' });
          else if (s.type === 'ImportSpecifier') imports.set(s.local.name, { file: target, name: s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value) });
        }
      }
    }
    // module.exports = X, exports.name = fn, module.exports.name = fn
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
      const left = dottedName(node.left);
      const right = unwrap(node.right);
      if (left === 'module.exports') {
        if (right.type === 'Identifier') facts.exported = right.name;
        if (isFunction(right)) facts.exportsFunction = true;
        if (right.type === 'ObjectExpression') {
          for (const p of right.properties) {
            if (p.type === 'Property' && p.key.type === 'Identifier' && isFunction(unwrap(p.value))) facts.functions.set(p.key.name, { start: p.value.range[0], end: p.value.range[1] });
          }
        }
      } else if (left !== undefined && /^(module\.)?exports\.\w+$/.test(left) && isFunction(right)) {
        facts.functions.set(left.split('.').pop() ?? '', { start: right.range[0], end: right.range[1] });
      }
    }
    if (node.type === 'ExportDefaultDeclaration') {
      const decl = node.declaration as Node;
      if (decl.type === 'Identifier') facts.exported = decl.name;
      if (isFunction(decl)) facts.exportsFunction = true;
    }
    if (node.type === 'CallExpression') collectCall(node, facts, imports, abs, known);
  });
  return facts;
}

function objectProperty(obj: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const p of obj.properties) {
    if (p.type === 'Property' && ((p.key.type === 'Identifier' && p.key.name === name) || staticString(p.key) === name)) return p.value;
  }
  return undefined;
}

function requiredModule(node: Node): string | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return staticString(node.arguments[0]);
  if (node.type === 'MemberExpression') return requiredModule(unwrap(node.object));
  return undefined;
}

function handlerRef(node: Node | undefined, imports: Map<string, { file: string; name: string }>): HandlerRef | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (isFunction(n)) return { kind: 'range', start: n.range[0], end: n.range[1] };
  if (n.type === 'Identifier') {
    const imported = imports.get(n.name);
    if (imported && imported.name !== '*') return { kind: 'import', file: imported.file, name: imported.name };
    return { kind: 'import', file: '', name: n.name };
  }
  if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.property.type === 'Identifier') {
    const imported = imports.get(n.object.name);
    if (imported) return { kind: 'import', file: imported.file, name: n.property.name };
  }
  return undefined;
}

function collectCall(node: TSESTree.CallExpression, facts: FileFacts, imports: Map<string, { file: string; name: string }>, abs: string, known: Set<string>): void {
  if (node.callee.type !== 'MemberExpression') return;
  const method = node.callee.property.type === 'Identifier' ? node.callee.property.name : undefined;
  if (!method) return;
  const object = unwrap(node.callee.object);
  const fixLocal = (ref: HandlerRef | undefined): HandlerRef | undefined => (ref?.kind === 'import' && ref.file === '' ? { kind: 'import', file: abs, name: ref.name } : ref);

  // app.get('/x', ...mw, handler) and app.route('/x').get(handler)
  if (ROUTE_METHODS.has(method)) {
    let receiver = dottedName(object);
    let routePath = staticString(node.arguments[0]);
    let handlerArgs = node.arguments.slice(1);
    // app.route('/x').get(a).post(b): walk down the chain to the .route('/x') call.
    let inner: Node = object;
    while (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && inner.callee.property.type === 'Identifier' && ROUTE_METHODS.has(inner.callee.property.name)) {
      inner = unwrap(inner.callee.object);
    }
    if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && dottedName(inner.callee)?.endsWith('.route')) {
      receiver = dottedName(inner.callee.object);
      routePath = staticString(inner.arguments[0]);
      handlerArgs = node.arguments;
    }
    if (receiver === undefined || routePath === undefined || !/^[/*]/.test(routePath)) return;
    const last = handlerArgs[handlerArgs.length - 1] as Node | undefined;
    let ref = last?.type === 'ObjectExpression' ? handlerRef(objectProperty(last, 'handler'), imports) : handlerRef(last, imports);
    ref = fixLocal(ref);
    if (!ref) return;
    facts.routes.push({ receiver, method: method === 'del' ? 'DELETE' : method.toUpperCase(), path: routePath, handler: ref, at: node.range[0] });
    return;
  }
  // fastify.route({ method, url, handler })
  if (method === 'route' && node.arguments[0]?.type === 'ObjectExpression') {
    const options = node.arguments[0];
    const receiver = dottedName(object);
    const url = staticString(objectProperty(options, 'url') ?? objectProperty(options, 'path'));
    const ref = fixLocal(handlerRef(objectProperty(options, 'handler'), imports));
    const methodNode = objectProperty(options, 'method');
    const methods = methodNode?.type === 'ArrayExpression' ? methodNode.elements.map((e) => staticString(e as Node | null)) : [staticString(methodNode)];
    if (receiver === undefined || url === undefined || !ref) return;
    for (const m of methods) if (m) facts.routes.push({ receiver, method: m.toUpperCase(), path: url, handler: ref, at: node.range[0] });
    return;
  }
  // app.use('/prefix', router), router.use(other.routes()), app.use(require('./x'))
  if (method === 'use') {
    const parent = dottedName(object);
    if (parent === undefined) return;
    const prefix = staticString(node.arguments[0]) ?? '';
    for (const arg of node.arguments) {
      const child = mountedChild(arg, imports, abs, known);
      if (child) facts.mounts.push({ parent, prefix, child });
    }
    return;
  }
  // fastify.register(plugin, { prefix: '/v1' })
  if (method === 'register') {
    const plugin = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    const options = node.arguments[1];
    const prefix = options?.type === 'ObjectExpression' ? staticString(objectProperty(options, 'prefix')) : undefined;
    const parent = dottedName(object);
    if (!plugin || parent === undefined) return;
    if (isFunction(plugin)) {
      if (prefix !== undefined) facts.scopes.push({ start: plugin.range[0], end: plugin.range[1], prefix });
      return;
    }
    const child = mountedChild(plugin, imports, abs, known);
    if (child) facts.mounts.push({ parent, prefix: prefix ?? '', child: { file: child.file, receiver: '*' } });
  }
}

function mountedChild(arg: Node, imports: Map<string, { file: string; name: string }>, abs: string, known: Set<string>): Mount['child'] | undefined {
  let n = unwrap(arg);
  // koa: router.routes()
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.property.type === 'Identifier' && n.callee.property.name === 'routes') n = unwrap(n.callee.object);
  const req = requiredModule(n);
  if (req !== undefined) {
    const file = resolveImport(abs, req, known);
    return file ? { file, receiver: '*' } : undefined;
  }
  if (n.type === 'Identifier') {
    const imported = imports.get(n.name);
    if (imported) return { file: imported.file, receiver: '*' };
    return { file: abs, receiver: n.name };
  }
  return undefined;
}

/**
 * Next.js file routes: `pages/api/**` (default export, any method) and
 * `app/**\/route.(ts|js)` (exported `GET`, `POST`, ...).
 */
function nextRoutes(file: SourceFile): Route[] {
  const norm = file.path.split(path.sep).join('/');
  const pagesMatch = /(?:^|\/)pages(\/api\/.*)\.(?:ts|tsx|js|jsx|mjs)$/.exec(norm);
  const appMatch = /(?:^|\/)app((?:\/.*)?)\/route\.(?:ts|js|mjs)$/.exec(norm);
  if (!pagesMatch && !appMatch) return [];
  const parsed = parseSource(file.text, file.path);
  if (!parsed.program) return [];
  const abs = path.resolve(file.path);
  const routes: Route[] = [];
  if (pagesMatch?.[1] !== undefined) {
    const routePath = nextPath(pagesMatch[1].replace(/\/index$/, ''));
    for (const stmt of parsed.program.body) {
      if (stmt.type !== 'ExportDefaultDeclaration') continue;
      let decl = stmt.declaration as Node;
      if (decl.type === 'Identifier') {
        const name = decl.name;
        const found = parsed.program.body.find((s) => s.type === 'FunctionDeclaration' && s.id?.name === name);
        if (found) decl = found;
      }
      if (isFunction(decl)) routes.push({ framework: 'next', method: 'ALL', path: routePath, file: abs, handlerStart: decl.range[0], handlerEnd: decl.range[1] });
    }
  }
  if (appMatch?.[1] !== undefined) {
    const routePath = nextPath(appMatch[1]);
    // CommonJS: module.exports = { GET, POST } / exports.GET = async (...) => ...
    const local = new Map<string, Node>();
    walk(parsed.program, (n) => {
      if (n.type === 'FunctionDeclaration' && n.id) local.set(n.id.name, n);
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && isFunction(unwrap(n.init))) local.set(n.id.name, unwrap(n.init));
    });
    const addExport = (name: string, value: Node | undefined): void => {
      const fn = value ? (value.type === 'Identifier' ? local.get(value.name) : unwrap(value)) : local.get(name);
      if (NEXT_METHODS.has(name) && fn && isFunction(fn)) routes.push({ framework: 'next', method: name, path: routePath, file: abs, handlerStart: fn.range[0], handlerEnd: fn.range[1] });
    };
    walk(parsed.program, (n) => {
      if (n.type !== 'AssignmentExpression' || n.left.type !== 'MemberExpression') return;
      const left = dottedName(n.left) ?? '';
      const right = unwrap(n.right);
      if (left === 'module.exports' && right.type === 'ObjectExpression') {
        for (const p of right.properties) if (p.type === 'Property' && p.key.type === 'Identifier') addExport(p.key.name, p.value);
      } else if (/^(module\.)?exports\.[A-Z]+$/.test(left)) addExport(left.split('.').pop() ?? '', right);
    });
    for (const stmt of parsed.program.body) {
      if (stmt.type !== 'ExportNamedDeclaration' || !stmt.declaration) continue;
      const decl = stmt.declaration;
      if (decl.type === 'FunctionDeclaration' && decl.id && NEXT_METHODS.has(decl.id.name)) {
        routes.push({ framework: 'next', method: decl.id.name, path: routePath, file: abs, handlerStart: decl.range[0], handlerEnd: decl.range[1] });
      }
      if (decl.type === 'VariableDeclaration') {
        for (const d of decl.declarations) {
          if (d.id.type === 'Identifier' && NEXT_METHODS.has(d.id.name) && d.init && isFunction(unwrap(d.init))) {
            routes.push({ framework: 'next', method: d.id.name, path: routePath, file: abs, handlerStart: d.init.range[0], handlerEnd: d.init.range[1] });
          }
        }
      }
    }
  }
  return routes;
}

/** `/users/[id]/(group)/[...slug]` → `/users/:id/:slug`. */
function nextPath(p: string): string {
  const segments = p
    .split('/')
    .filter((s) => s.length > 0 && !/^\(.*\)$/.test(s) && !s.startsWith('@'))
    .map((s) => {
      const m = /^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/.exec(s);
      return m?.[1] !== undefined ? `:${m[1]}` : s;
    });
  return '/' + segments.join('/');
}

/** The route whose handler contains `[start, end)` in `file`: the innermost when handlers nest. */
export function routeContaining(routes: readonly Route[], file: string, start: number, end: number): Route | undefined {
  const abs = path.resolve(file);
  let best: Route | undefined;
  for (const r of routes) {
    if (r.file !== abs || r.handlerStart > start || r.handlerEnd < end) continue;
    if (!best || r.handlerEnd - r.handlerStart < best.handlerEnd - best.handlerStart) best = r;
  }
  return best;
}

/** The names of a route's path parameters (`/users/:id/posts/:postId` → `id`, `postId`). */
export function pathParams(routePath: string): string[] {
  return [...routePath.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '').filter((s) => s.length > 0);
}
