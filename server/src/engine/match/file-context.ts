/**
 * Everything the matcher needs to know about one parsed file, computed in one
 * AST walk: parents, nodes by type and by name (so each pattern visits only
 * the nodes it could match), statement lists, the file's words (the text
 * prefilter), and, lazily, its imports and constants.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { childKeys, forEachChild, FUNCTION_TYPES, type Node } from './ast';
import { RequirementMemo } from './prefilter';
import { TextIndex } from './text-index';

/** A resolved import: the module and the member path a local name stands for. */
export type ModulePath = string[];

const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/g;
const SIMPLE_WORD = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Types whose `body`/`consequent` is a list of statements. */
const STATEMENT_LIST_OWNERS: Record<string, string> = {
  Program: 'body',
  BlockStatement: 'body',
  StaticBlock: 'body',
  SwitchCase: 'consequent',
  TSModuleBlock: 'body',
};

/**
 * The index of one top-level statement's subtree. Cached by node identity:
 * the incremental parser hands back the same node objects for statements an
 * edit did not touch, so a keystroke re-indexes only the statements it
 * changed (a pure memo: the value depends only on the immutable subtree).
 */
interface PartIndex {
  byType: Map<string, Node[]>;
  statementLists: Node[][];
  declarators: Map<string, TSESTree.VariableDeclarator[]>;
  reassigned: string[];
  /** Names whose members are assigned (`o.a = 1`, `o[k] = v`, `o.push(x)` is not counted). */
  mutated: string[];
}

const partCache = new WeakMap<Node, PartIndex>();
const NONE: readonly Node[] = [];

/** Per-file facts for matching; build once per parsed document version. */
export class FileContext {
  private readonly parts: PartIndex[] = [];
  private mergedIndex: Map<string, Node[]> | undefined;
  /** Call, new and member nodes by type, then by the name they use; built on first use. */
  private byName: Map<string, Map<string, Node[]>> | undefined;
  readonly statementLists: Node[][] = [];
  /** Names that are assigned somewhere after their declaration (not constants). */
  private readonly reassigned = new Set<string>();
  private readonly mutated = new Set<string>();
  private readonly declarators = new Map<string, TSESTree.VariableDeclarator[]>();
  private wordSet: Set<string> | undefined;
  private lowered: string | undefined;
  private trigrams: TextIndex | undefined;
  /** Prefilter results (requirements are shared by rules), for this file. */
  readonly requirementMemo = new RequirementMemo();
  private importMap: Map<string, ModulePath> | undefined;
  private flattened = new WeakMap<Node[], { flat: Node[]; positions: number[] }>();
  /** Memo for pattern results on this file (keyed by the compiled pattern object). */
  readonly memo = new Map<unknown, unknown>();

  constructor(readonly text: string, readonly program: TSESTree.Program) {
    this.statementLists.push(program.body);
    for (const stmt of program.body as Node[]) {
      setParent(stmt, program);
      let part = partCache.get(stmt);
      if (!part) {
        part = indexSubtree(stmt);
        partCache.set(stmt, part);
      }
      this.parts.push(part);
      for (const list of part.statementLists) this.statementLists.push(list);
      for (const [name, decls] of part.declarators) {
        const named = this.declarators.get(name);
        if (named) named.push(...decls);
        else this.declarators.set(name, [...decls]);
      }
      for (const name of part.reassigned) this.reassigned.add(name);
      for (const name of part.mutated) this.mutated.add(name);
    }
  }

  /** Every node type present, with its nodes in document order. */
  types(): Iterable<[string, readonly Node[]]> {
    return this.merged();
  }

  /**
   * Identifier-like words of the file, for the rule prefilter: every
   * identifier's name and the words inside string literals and template text
   * (`require('child_process')`, `el['innerHTML']`). Read off the index, so no
   * second pass over the text.
   */
  get words(): Set<string> {
    if (this.wordSet) return this.wordSet;
    const words = new Set<string>();
    for (const type of ['Identifier', 'JSXIdentifier', 'PrivateIdentifier']) {
      for (const node of this.nodesOfType(type)) words.add((node as { name: string }).name);
    }
    const addText = (value: string): void => {
      if (SIMPLE_WORD.test(value)) words.add(value);
      else for (const w of value.match(WORD) ?? []) words.add(w);
    };
    for (const node of this.nodesOfType('Literal')) {
      const value = (node as TSESTree.Literal).value;
      if (typeof value === 'string') addText(value);
    }
    for (const node of this.nodesOfType('TemplateElement')) addText((node as TSESTree.TemplateElement).value.raw);
    for (const node of this.nodesOfType('JSXText')) addText((node as TSESTree.JSXText).value);
    this.wordSet = words;
    return words;
  }

  /** The text in lower case, for case-insensitive prefilter checks (computed once). */
  get lowerText(): string {
    return (this.lowered ??= this.text.toLowerCase());
  }

  /** Whether the text contains `piece` (the lower-cased text when `ignoreCase`); the prefilter memo remembers the answer. */
  containsText(piece: string, ignoreCase: boolean): boolean {
    this.trigrams ??= TextIndex.of(this.text);
    return this.trigrams.mayContain(piece, ignoreCase) && (ignoreCase ? this.lowerText : this.text).includes(piece);
  }

  /** Nodes of one type, in document order. */
  nodesOfType(type: string): readonly Node[] {
    if (type === 'Program') return [this.program];
    return this.merged().get(type) ?? NONE;
  }

  /**
   * Call, new or member nodes (`type`) by the name they use (`exec` for `cp.exec(x)`,
   * see {@link dispatchKey}), in document order.
   */
  nodesByName(type: 'CallExpression' | 'NewExpression' | 'MemberExpression', name: string): readonly Node[] {
    if (this.byName === undefined) {
      // Built from the type lists on first use: a file whose rules the prefilter all stops never pays for it.
      this.byName = new Map();
      for (const keyedType of ['CallExpression', 'NewExpression', 'MemberExpression'] as const) {
        const named = new Map<string, Node[]>();
        for (const node of this.nodesOfType(keyedType)) {
          const key = keyedType === 'MemberExpression' ? memberName(node as TSESTree.MemberExpression) : calleeName((node as TSESTree.CallExpression | TSESTree.NewExpression).callee);
          if (key === undefined) continue;
          const list = named.get(key);
          if (list) list.push(node);
          else named.set(key, [node]);
        }
        this.byName.set(keyedType, named);
      }
    }
    return this.byName.get(type)?.get(name) ?? NONE;
  }

  /** The statements' parts joined into one index (once, on first use; a pass over lists, not over the tree). */
  private merged(): Map<string, Node[]> {
    if (this.mergedIndex) return this.mergedIndex;
    const byType = new Map<string, Node[]>();
    for (const part of this.parts) {
      for (const [key, nodes] of part.byType) {
        const list = byType.get(key);
        if (list) for (const n of nodes) list.push(n);
        else byType.set(key, nodes.slice());
      }
    }
    this.mergedIndex = byType;
    return byType;
  }

  parentOf(node: Node): Node | undefined {
    return parentOf(node);
  }

  /**
   * The statements of `list` from index `from` on, and every statement nested
   * in them (in blocks, branches, callbacks), in document order: what a `...`
   * in a statement pattern may skip over before the next statement matches.
   */
  flattenStatements(list: Node[]): { flat: Node[]; positions: number[] } {
    const cached = this.flattened.get(list);
    if (cached) return cached;
    const flat: Node[] = [];
    const positions: number[] = [];
    const visit = (node: Node): void => {
      if (isStatement(node) && node.type !== 'BlockStatement') flat.push(node);
      forEachChild(node, visit);
    };
    for (const stmt of list) {
      positions.push(flat.length);
      visit(stmt);
    }
    const result = { flat, positions };
    this.flattened.set(list, result);
    return result;
  }

  /** What a local name was imported as (`exec` → ['child_process', 'exec']), if anything. */
  resolveImport(name: string): ModulePath | undefined {
    return this.imports().get(name);
  }

  /** Local names bound to imports whose path ends with `member`. */
  importAliasesOf(member: string): string[] {
    const out: string[] = [];
    for (const [local, path] of this.imports()) if (path[path.length - 1] === member && local !== member) out.push(local);
    return out;
  }

  private imports(): Map<string, ModulePath> {
    if (this.importMap) return this.importMap;
    const map = new Map<string, ModulePath>();
    for (const node of this.nodesOfType('ImportDeclaration')) {
      const decl = node as TSESTree.ImportDeclaration;
      const module = normalizeModule(String(decl.source.value));
      for (const spec of decl.specifiers) {
        if (spec.type === 'ImportSpecifier') {
          const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          map.set(spec.local.name, [module, imported]);
        } else {
          map.set(spec.local.name, [module]);
        }
      }
    }
    for (const node of this.nodesOfType('TSImportEqualsDeclaration')) {
      const decl = node as TSESTree.TSImportEqualsDeclaration;
      if (decl.moduleReference.type === 'TSExternalModuleReference' && decl.moduleReference.expression.type === 'Literal') {
        map.set(decl.id.name, [normalizeModule(String(decl.moduleReference.expression.value))]);
      }
    }
    for (const node of this.nodesOfType('VariableDeclarator')) {
      const decl = node as TSESTree.VariableDeclarator;
      if (!decl.init) continue;
      const path = requirePath(decl.init);
      if (!path) continue;
      if (decl.id.type === 'Identifier') {
        map.set(decl.id.name, path);
      } else if (decl.id.type === 'ObjectPattern') {
        for (const prop of decl.id.properties) {
          if (prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier') continue;
          const local = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (local.type === 'Identifier') map.set(local.name, [...path, prop.key.name]);
        }
      }
    }
    this.importMap = map;
    return map;
  }

  /**
   * The single definition of identifier `ref` that constant propagation may
   * follow: a declarator with an initializer in an enclosing scope, declared
   * before the use, never reassigned, and the only one of its name there.
   */
  definitionOf(ref: TSESTree.Identifier): TSESTree.Expression | undefined {
    const candidates = this.declarators.get(ref.name);
    if (!candidates) return undefined;
    const parent = parentOf(ref);
    if (parent && parent.type === 'VariableDeclarator' && parent.id === ref) return undefined;
    // Candidate declarations by their scope; the innermost scope around the reference wins.
    const byScope = new Map<Node, TSESTree.VariableDeclarator[]>();
    for (const decl of candidates) {
      if (!decl.init || decl.range[1] > ref.range[0]) continue;
      const scope = this.scopeOf(decl);
      if (!scope) continue;
      const list = byScope.get(scope);
      if (list) list.push(decl);
      else byScope.set(scope, [decl]);
    }
    if (byScope.size === 0) return undefined;
    let best: TSESTree.VariableDeclarator | undefined;
    for (let current = parentOf(ref); current; current = parentOf(current)) {
      const found = byScope.get(current);
      if (!found) continue;
      if (found.length > 1) return undefined; // two declarations of the name in one scope: not a constant
      best = found[0];
      break;
    }
    if (!best?.init) return undefined;
    const declaration = parentOf(best) as TSESTree.VariableDeclaration | undefined;
    if (declaration?.kind !== 'const' && this.reassigned.has(ref.name)) return undefined;
    return best.init;
  }

  /** Whether members of a variable of this name are assigned anywhere in the file. */
  isMutated(name: string): boolean {
    return this.mutated.has(name);
  }

  /** The nearest enclosing function's or the program's name for fingerprints. */
  enclosingFunctionName(node: Node): string | undefined {
    let current = parentOf(node);
    while (current) {
      if (FUNCTION_TYPES.has(current.type)) return functionName(current, parentOf(current));
      current = parentOf(current);
    }
    return undefined;
  }

  /** The block (let/const) or function/program (var) that a declarator belongs to. */
  private scopeOf(decl: TSESTree.VariableDeclarator): Node | undefined {
    const declaration = parentOf(decl) as TSESTree.VariableDeclaration | undefined;
    const blockScoped = declaration?.kind !== 'var';
    let current = parentOf(decl);
    while (current) {
      if (FUNCTION_TYPES.has(current.type) || current.type === 'Program') return current;
      if (blockScoped && (current.type === 'BlockStatement' || current.type === 'ForStatement' || current.type === 'ForOfStatement' || current.type === 'ForInStatement' || current.type === 'SwitchStatement')) return current;
      current = parentOf(current);
    }
    return undefined;
  }
}

/** One walk over a subtree: nodes by type, parents, statement lists, declarations, reassignments. */
function indexSubtree(root: Node): PartIndex {
  const part: PartIndex = { byType: new Map(), statementLists: [], declarators: new Map(), reassigned: [], mutated: [] };
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const type = node.type;
    let list = part.byType.get(type);
    if (!list) part.byType.set(type, (list = []));
    list.push(node);
    const record = node as unknown as Record<string, unknown>;
    const listKey = STATEMENT_LIST_OWNERS[type];
    if (listKey !== undefined && Array.isArray(record[listKey])) part.statementLists.push(record[listKey] as Node[]);
    if (type === 'VariableDeclarator') {
      const decl = node;
      if (decl.id.type === 'Identifier') {
        let named = part.declarators.get(decl.id.name);
        if (!named) part.declarators.set(decl.id.name, (named = []));
        named.push(decl);
      }
    } else if (type === 'AssignmentExpression') {
      if (node.left.type === 'Identifier') part.reassigned.push(node.left.name);
      else if (node.left.type === 'MemberExpression') {
        let base: Node = node.left;
        while (base.type === 'MemberExpression') base = base.object;
        if (base.type === 'Identifier') part.mutated.push(base.name);
      }
    } else if (type === 'UpdateExpression') {
      if (node.argument.type === 'Identifier') part.reassigned.push(node.argument.name);
    } else if (type === 'ForInStatement' || type === 'ForOfStatement') {
      if (node.left.type === 'Identifier') part.reassigned.push(node.left.name);
    }
    // Push children in reverse so they pop in source order (lists come out in document order).
    const keys = childKeys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = record[keys[k]!];
      if (value === null || value === undefined || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          // List items are nodes or holes (`[a, , b]`).
          const child = value[i] as Node | null;
          if (child !== null && typeof child === 'object') {
            (child as { parent?: Node }).parent = node;
            stack.push(child);
          }
        }
      } else {
        (value as { parent?: Node }).parent = node;
        stack.push(value as Node);
      }
    }
  }
  return part;
}

/** The parent recorded by the index walk (typescript-estree leaves `parent` unset). */
export function parentOf(node: Node): Node | undefined {
  return (node as { parent?: Node }).parent;
}

function setParent(node: Node, parent: Node): void {
  (node as { parent?: Node }).parent = parent;
}

/** `node:fs` and `fs` are one module. */
export function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

/** `require('m')` → ['m']; `require('m').a.b` → ['m','a','b']; `await import('m')` → ['m']. */
export function requirePath(expr: Node): ModulePath | undefined {
  let node: Node = expr;
  const members: string[] = [];
  while (node.type === 'MemberExpression') {
    const name = memberName(node);
    if (name === undefined) return undefined;
    members.unshift(name);
    node = node.object;
  }
  if (node.type === 'AwaitExpression') node = node.argument;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
    const arg = node.arguments[0]!;
    if (arg.type === 'Literal' && typeof arg.value === 'string') return [normalizeModule(arg.value), ...members];
  }
  if (node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string') {
    return [normalizeModule(node.source.value), ...members];
  }
  return undefined;
}

/** The static name of a member access: `a.b` → 'b', `a['b']` → 'b'. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  if (node.property.type === 'PrivateIdentifier') return `#${node.property.name}`;
  return undefined;
}

/** The name by which call/new/member nodes are indexed, so patterns visit only plausible nodes. */
export function dispatchKey(node: Node): string | undefined {
  switch (node.type) {
    case 'CallExpression':
    case 'NewExpression': {
      const name = calleeName(node.callee);
      return name === undefined ? undefined : `${node.type}:${name}`;
    }
    case 'MemberExpression': {
      const name = memberName(node);
      return name === undefined ? undefined : `MemberExpression:${name}`;
    }
    default:
      return undefined;
  }
}

/** `f` for `f()`, `m` for `a.b.m()`, looking through `?.` and TS wrappers. */
export function calleeName(callee: Node): string | undefined {
  let node = callee;
  while (node.type === 'ChainExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') node = node.expression;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return memberName(node);
  return undefined;
}

/** True for statement and declaration nodes. */
export function isStatement(node: Node): boolean {
  const t = node.type;
  return (t.endsWith('Statement') || t.endsWith('Declaration')) && t !== 'TSTypeAliasDeclaration' && t !== 'TSInterfaceDeclaration';
}

function functionName(fn: Node, parent: Node | undefined): string | undefined {
  const id = (fn as { id?: TSESTree.Identifier | null }).id;
  if (id) return id.name;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

