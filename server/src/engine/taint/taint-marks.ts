/**
 * Where each taint rule's sources, sanitizers, sinks and propagators match in
 * one file, attached to the AST nodes the analysis visits.
 *
 * Every spec is an ordinary formula, evaluated with the search-mode machinery
 * (memoized per file). Inexact sources and sanitizers mark every node inside
 * their match; exact ones only the node with the match's range; sinks mark the
 * node with the match's range, and non-exact sinks also the nodes inside it.
 */
import type { CompiledRule, TaintItem } from '../types';
import { forEachChild, type Node } from '../match/ast';
import { lookup, type Env } from '../match/env';
import type { FileContext } from '../match/file-context';
import { evaluateFormula } from '../match/formula';
import { parseLabelExpr, type LabelExpr } from './requires';

/** A source spec matched at a node. */
export interface SourceMark {
  rule: number;
  label: string;
  requires?: LabelExpr;
  bySideEffect?: boolean | 'only';
  /** The match's range (for the trace) and bindings (for unification and messages). */
  start: number;
  end: number;
  env: Env;
}

/** A sanitizer spec matched at a node. */
export interface SanitizerMark {
  rule: number;
  bySideEffect?: boolean | 'only';
}

/** A sink spec matched at a node; `inside` marks nodes within a non-exact sink. */
export interface SinkMark {
  rule: number;
  requires?: LabelExpr;
  start: number;
  end: number;
  env: Env;
  inside: boolean;
}

/** A propagator matched at a node: taint of `from` flows to `to`. */
export interface PropagatorMark {
  rule: number;
  from: Node;
  to: Node;
  bySideEffect: boolean;
}

/** Everything marked on one node. */
export interface NodeMarks {
  sources?: SourceMark[];
  sanitizers?: SanitizerMark[];
  sinks?: SinkMark[];
  propagators?: PropagatorMark[];
}

/** The marks of one file for a set of taint rules, plus the offsets where anything is marked. */
export interface TaintMarks {
  byNode: Map<Node, NodeMarks>;
  /** Sorted start offsets of source matches (and by-side-effect sources). */
  sourceStarts: number[];
  /** Sorted start offsets of sink and propagator matches. */
  sinkStarts: number[];
  /** Load problems found while preparing (a bad `requires:` expression). */
  problems: { rule: number; message: string }[];
}

/** Evaluates every taint spec of `rules` on the file and marks the nodes. */
export function collectTaintMarks(rules: readonly CompiledRule[], ctx: FileContext): TaintMarks {
  const byNode = new Map<Node, NodeMarks>();
  const problems: TaintMarks['problems'] = [];
  const nodesAt = (): Map<number, Node[]> => nodesByStart(ctx);
  const mark = <K extends keyof NodeMarks>(node: Node, kind: K, value: NonNullable<NodeMarks[K]>[number]): void => {
    let marks = byNode.get(node);
    if (!marks) byNode.set(node, (marks = {}));
    const list = (marks[kind] ??= []) as unknown[];
    list.push(value);
  };
  // The node a match came from, when it has one with the match's range; else a lookup by offsets.
  const nodesFor = (start: number, end: number, node?: Node): Node[] =>
    node && node.range[0] === start && node.range[1] === end ? [node] : (nodesAt().get(start) ?? []).filter((n) => n.range[1] === end);
  // The nodes inside a match, walked once per match range: rules of a pack share their sources.
  const covered = new Map<string, Node[]>();
  const subtree = (roots: Node[], visit: (n: Node) => void): void => {
    if (roots.length === 0) return;
    const key = `${roots[0]!.range[0]}:${roots[0]!.range[1]}:${roots.length}`;
    let nodes = covered.get(key);
    if (!nodes) {
      const out: Node[] = [];
      const walk = (n: Node): void => {
        out.push(n);
        forEachChild(n, walk);
      };
      for (const r of roots) walk(r);
      covered.set(key, (nodes = out));
    }
    for (const n of nodes) visit(n);
  };
  const requiresOf = (item: TaintItem, rule: number): LabelExpr | undefined => {
    if (item.requires === undefined) return undefined;
    const parsed = parseLabelExpr(item.requires);
    if (!parsed) problems.push({ rule, message: `invalid "requires" expression: ${item.requires}` });
    return parsed;
  };
  rules.forEach((rule, index) => {
    const spec = rule.taint;
    if (!spec) return;
    for (const item of spec.sources) {
      const requires = requiresOf(item, index);
      for (const m of evaluateFormula(item.formula, ctx)) {
        const source: SourceMark = { rule: index, label: item.label ?? '', requires, bySideEffect: item.bySideEffect, start: m.start, end: m.end, env: m.env };
        const exact = nodesFor(m.start, m.end, m.node);
        if (item.exact || item.bySideEffect) for (const n of exact) mark(n, 'sources', source);
        else subtree(exact.length > 0 ? exact : nodesWithin(ctx, m.start, m.end), (n) => mark(n, 'sources', source));
      }
    }
    for (const item of spec.sanitizers) {
      for (const m of evaluateFormula(item.formula, ctx)) {
        const sanitizer: SanitizerMark = { rule: index, bySideEffect: item.bySideEffect };
        const exact = nodesFor(m.start, m.end, m.node);
        if (item.exact || item.bySideEffect) for (const n of exact) mark(n, 'sanitizers', sanitizer);
        else subtree(exact.length > 0 ? exact : nodesWithin(ctx, m.start, m.end), (n) => mark(n, 'sanitizers', sanitizer));
      }
    }
    for (const item of spec.sinks) {
      const requires = requiresOf(item, index);
      for (const m of evaluateFormula(item.formula, ctx)) {
        const exact = nodesFor(m.start, m.end, m.node);
        const sink: SinkMark = { rule: index, requires, start: m.start, end: m.end, env: m.env, inside: false };
        for (const n of exact) mark(n, 'sinks', sink);
        if (item.exact === false) {
          const inside: SinkMark = { ...sink, inside: true };
          subtree(exact.length > 0 ? exact : nodesWithin(ctx, m.start, m.end), (n) => mark(n, 'sinks', inside));
        }
      }
    }
    for (const item of spec.propagators) {
      for (const m of evaluateFormula(item.formula, ctx)) {
        const from = lookup(m.env, item.from);
        const to = lookup(m.env, item.to);
        if (!from || from.kind !== 'node' || !to || to.kind !== 'node') continue;
        for (const n of nodesFor(m.start, m.end, m.node)) mark(n, 'propagators', { rule: index, from: from.node, to: to.node, bySideEffect: item.bySideEffect });
      }
    }
  });
  const sourceStarts: number[] = [];
  const sinkStarts: number[] = [];
  for (const [node, marks] of byNode) {
    if (marks.sources) sourceStarts.push(node.range[0]);
    if (marks.sinks || marks.propagators) sinkStarts.push(node.range[0]);
  }
  sourceStarts.sort((a, b) => a - b);
  sinkStarts.sort((a, b) => a - b);
  return { byNode, sourceStarts, sinkStarts, problems };
}

/** Nodes by their start offset, for mapping match ranges back to nodes. */
function nodesByStart(ctx: FileContext): Map<number, Node[]> {
  const cached = ctx.memo.get(nodesByStart) as Map<number, Node[]> | undefined;
  if (cached) return cached;
  const map = new Map<number, Node[]>();
  for (const [, nodes] of ctx.types()) {
    for (const n of nodes) {
      const list = map.get(n.range[0]);
      if (list) list.push(n);
      else map.set(n.range[0], [n]);
    }
  }
  ctx.memo.set(nodesByStart, map);
  return map;
}

/** The outermost nodes lying wholly inside [start, end) (for regex matches, which have no node). */
function nodesWithin(ctx: FileContext, start: number, end: number): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    if (n.range[1] <= start || n.range[0] >= end) return;
    if (n.range[0] >= start && n.range[1] <= end) {
      out.push(n);
      return;
    }
    forEachChild(n, walk);
  };
  walk(ctx.program);
  return out;
}
