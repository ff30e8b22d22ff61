/**
 * `focus-metavariable`: narrows each match to what a metavariable bound.
 * A list of metavariables in one entry gives one match per metavariable
 * (Semgrep's set-union semantics); several entries intersect.
 */
import { bindingRange, lookup, type Binding } from './env';
import type { FileContext } from './file-context';
import type { AlgebraMatch } from './formula';

/** Applies one `focus-metavariable` entry to every match. */
export function applyFocus(metavariables: readonly string[], matches: AlgebraMatch[], _ctx: FileContext): AlgebraMatch[] {
  const out: AlgebraMatch[] = [];
  for (const m of matches) {
    for (const name of metavariables) {
      const b = lookup(m.env, name);
      if (!b) continue;
      const [s, e] = bindingRange(b);
      // An earlier focus already narrowed the match: keep only the overlap.
      const start = Math.max(s, m.start);
      const end = Math.min(e, m.end);
      if (end < start || (end === start && s !== e)) continue;
      out.push({ ...m, start, end, node: nodeOf(b) ?? m.node });
    }
  }
  return out;
}

function nodeOf(b: Binding) {
  return b.kind === 'node' ? b.node : b.kind === 'seq' ? b.nodes[0] : b.node;
}
