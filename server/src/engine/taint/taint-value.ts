/**
 * Taint values: which rules' taint (and which labels) a value carries, each
 * with the trace that explains how it got there.
 *
 * One analysis pass serves every taint rule of a file, so a value's taint is
 * keyed by rule and label. Inside a function summary, a parameter's taint is
 * a symbolic key (`#p0`, `#p1`, ...) that callers replace with their
 * arguments' taint; a symbolic key remembers the rules that sanitized it.
 */
import type { Env } from '../match/env';

/** One step of how taint travelled, in offsets (converted to ranges for findings). */
export interface Step {
  kind: 'source' | 'assignment' | 'call' | 'return' | 'parameter' | 'sink' | 'propagator';
  start: number;
  end: number;
  label: string;
}

/** What one key of a taint carries. */
export interface TaintInfo {
  trace: readonly Step[];
  /** Rules whose sanitizer this (symbolic) taint went through. */
  cleanFor?: ReadonlySet<number>;
  /** The source match's bindings (for `taint_unify_mvars` and messages). */
  env?: Env;
}

/** A value's taint: absent when clean. */
export type Taint = ReadonlyMap<string, TaintInfo> | undefined;

/** The key of rule `rule`'s taint with `label` (empty for unlabelled). */
export function concreteKey(rule: number, label: string): string {
  return `${rule}\u0000${label}`;
}

/** The symbolic key of parameter `index` inside a summary. */
export function paramKey(index: number): string {
  return `#p${index}`;
}

/** Rule index and label of a concrete key; undefined for a symbolic key. */
export function parseConcreteKey(key: string): { rule: number; label: string } | undefined {
  if (key.startsWith('#')) return undefined;
  const sep = key.indexOf('\u0000');
  return { rule: Number(key.slice(0, sep)), label: key.slice(sep + 1) };
}

/** Parameter index of a symbolic key; undefined for a concrete one. */
export function parseParamKey(key: string): number | undefined {
  return key.startsWith('#p') ? Number(key.slice(2)) : undefined;
}

/** The union of taints; on a shared key the shorter trace wins (the clearer explanation). */
export function union(...taints: Taint[]): Taint {
  let out: Map<string, TaintInfo> | undefined;
  let single: Taint;
  for (const t of taints) {
    if (!t || t.size === 0) continue;
    if (!single && !out) {
      single = t;
      continue;
    }
    if (!out) out = new Map(single);
    for (const [k, v] of t) {
      const existing = out.get(k);
      if (!existing) out.set(k, v);
      else out.set(k, mergeInfo(existing, v));
    }
  }
  return out ?? single;
}

function mergeInfo(a: TaintInfo, b: TaintInfo): TaintInfo {
  // A symbolic taint is clean for a rule only when it is clean on both paths.
  let cleanFor: Set<number> | undefined;
  if (a.cleanFor && b.cleanFor) {
    cleanFor = new Set([...a.cleanFor].filter((r) => b.cleanFor!.has(r)));
  }
  const shorter = b.trace.length < a.trace.length ? b : a;
  return { ...shorter, cleanFor: cleanFor && cleanFor.size > 0 ? cleanFor : undefined };
}

/** Appends a step to every key's trace. */
export function withStep(t: Taint, step: Step): Taint {
  if (!t) return undefined;
  const out = new Map<string, TaintInfo>();
  for (const [k, v] of t) out.set(k, { ...v, trace: [...v.trace, step] });
  return out;
}

/** Keeps only keys for which `keep` is true. */
export function filterKeys(t: Taint, keep: (key: string, info: TaintInfo) => boolean): Taint {
  if (!t) return undefined;
  let out: Map<string, TaintInfo> | undefined;
  for (const [k, v] of t) {
    if (keep(k, v)) (out ??= new Map()).set(k, v);
  }
  return out;
}

/** Applies the sanitizers of `rules`: their concrete taint is removed, symbolic taint remembers it. */
export function sanitize(t: Taint, rules: ReadonlySet<number>): Taint {
  if (!t || rules.size === 0) return t;
  let out: Map<string, TaintInfo> | undefined;
  for (const [k, v] of t) {
    const concrete = parseConcreteKey(k);
    if (concrete) {
      if (rules.has(concrete.rule)) continue;
      (out ??= new Map()).set(k, v);
    } else {
      const cleanFor = new Set([...(v.cleanFor ?? []), ...rules]);
      (out ??= new Map()).set(k, { ...v, cleanFor });
    }
  }
  return out;
}

/** True when `t` carries any key. */
export function isTainted(t: Taint): boolean {
  return t !== undefined && t.size > 0;
}
