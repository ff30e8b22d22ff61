/** Metavariable bindings: an immutable list, cheap to extend while backtracking. */
import { nodesEqual, type Node } from './ast';

/** What one metavariable is bound to. */
export type Binding =
  /** A single node (`$X`). */
  | { kind: 'node'; node: Node }
  /** A possibly empty run of nodes (`$...ARGS`); `start`/`end` are offsets (equal when empty). */
  | { kind: 'seq'; nodes: Node[]; start: number; end: number }
  /** A string's contents (`"$X"`), or a regex capture; `node` is the literal, when there is one. */
  | { kind: 'text'; text: string; start: number; end: number; node?: Node };

/** Bindings as a linked list; `null` is the empty environment. */
export type Env = { readonly name: string; readonly value: Binding; readonly next: Env } | null;

/** The binding of `name`, if any. */
export function lookup(env: Env, name: string): Binding | undefined {
  for (let e = env; e !== null; e = e.next) if (e.name === name) return e.value;
  return undefined;
}

/** Offsets a binding covers. */
export function bindingRange(b: Binding): [number, number] {
  switch (b.kind) {
    case 'node':
      return [b.node.range[0], b.node.range[1]];
    case 'seq':
      return [b.start, b.end];
    case 'text':
      return [b.start, b.end];
  }
}

/** The source text of a binding (string contents for `"$X"`). */
export function bindingText(text: string, b: Binding): string {
  if (b.kind === 'text') return b.text;
  const [s, e] = bindingRange(b);
  return text.slice(s, e);
}

/**
 * Whether two bindings stand for the same code. Nodes compare structurally;
 * a string's contents equal a node when the node is that string or has that text.
 */
export function bindingsEqual(text: string, a: Binding, b: Binding): boolean {
  if (a.kind === 'node' && b.kind === 'node') return nodesEqual(a.node, b.node);
  if (a.kind === 'seq' && b.kind === 'seq') {
    if (a.nodes.length !== b.nodes.length) return false;
    return a.nodes.every((n, i) => nodesEqual(n, b.nodes[i]));
  }
  if (a.kind === 'seq' && b.kind === 'node') return a.nodes.length === 1 && nodesEqual(a.nodes[0], b.node);
  if (a.kind === 'node' && b.kind === 'seq') return b.nodes.length === 1 && nodesEqual(a.node, b.nodes[0]);
  const ta = a.kind === 'text' ? a.text : stringValueOr(text, a);
  const tb = b.kind === 'text' ? b.text : stringValueOr(text, b);
  return ta === tb;
}

function stringValueOr(text: string, b: Binding): string {
  if (b.kind === 'node' && b.node.type === 'Literal' && typeof b.node.value === 'string') return b.node.value;
  return bindingText(text, b);
}

/** Marker for a failed bind. */
export const CONFLICT = Symbol('conflict');

/**
 * Binds `name` to `value`, or checks it against an existing binding.
 * `$_` never binds. Returns {@link CONFLICT} when the names disagree.
 */
export function bind(text: string, env: Env, name: string, value: Binding): Env | typeof CONFLICT {
  if (name === '$_') return env;
  const existing = lookup(env, name);
  if (existing) return bindingsEqual(text, existing, value) ? env : CONFLICT;
  return { name, value, next: env };
}

/** Merges two environments; `CONFLICT` when a shared name disagrees. */
export function mergeEnvs(text: string, a: Env, b: Env): Env | typeof CONFLICT {
  let out = a;
  for (let e = b; e !== null; e = e.next) {
    const next = bind(text, out, e.name, e.value);
    if (next === CONFLICT) return CONFLICT;
    out = next;
  }
  return out;
}

/** True when every name bound in both agrees. */
export function compatible(text: string, a: Env, b: Env): boolean {
  for (let e = b; e !== null; e = e.next) {
    const other = lookup(a, e.name);
    if (other && !bindingsEqual(text, other, e.value)) return false;
  }
  return true;
}

/** All bindings as a record (first binding of a name wins). */
export function envEntries(env: Env): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (let e = env; e !== null; e = e.next) if (!out.has(e.name)) out.set(e.name, e.value);
  return out;
}

/** True when two environments bind the same names to the same positions (deduplication without building keys). */
export function sameBindings(a: Env, b: Env): boolean {
  if (a === b) return true;
  let countA = 0;
  for (let e = a; e !== null; e = e.next) {
    countA++;
    const other = lookup(b, e.name);
    if (!other) return false;
    const [s1, e1] = bindingRange(e.value);
    const [s2, e2] = bindingRange(other);
    if (s1 !== s2 || e1 !== e2) return false;
    if (e.value.kind === 'text' && (other.kind !== 'text' || other.text !== e.value.text)) return false;
  }
  let countB = 0;
  for (let e = b; e !== null; e = e.next) countB++;
  return countA === countB;
}
