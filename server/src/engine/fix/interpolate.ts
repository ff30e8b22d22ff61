/** Substitutes bound metavariables into a rule's message or `fix:` template. */
import type { BoundValue } from '../types';

/**
 * A metavariable reference as written in a template: `$X`, `$X_Y`, `$...ARGS`
 * or a regex group `$1`. Names are matched whole (maximal munch over
 * `[A-Z0-9_]`), which is what "longest name first" achieves: `$X` never eats
 * the start of `$XY`.
 */
const REFERENCE = /\$(?:\.\.\.)?[A-Z_][A-Z0-9_]*|\$[0-9]+/g;

/**
 * Replaces every metavariable reference in `template` by the text it is bound
 * to in `metavariables`; an unbound reference stays as written.
 *
 * Why: rule messages and `fix:` templates name metavariables (Semgrep syntax),
 * and both findings and fixes must show the user's own code there, verbatim.
 * Binding keys are accepted with or without the `$` (`"$X"` or `"X"`), and a
 * `$...ARGS` reference also finds a binding stored as `$ARGS`, so the matcher's
 * choice of key does not matter. Replacement is one left-to-right pass, so
 * bound text that itself contains `$X` is never substituted again.
 */
export function interpolate(template: string, metavariables: Readonly<Record<string, BoundValue>>): string {
  if (!template.includes('$')) return template;
  return template.replace(REFERENCE, (ref) => lookup(ref, metavariables)?.text ?? ref);
}

/** The binding for a reference as written (`$X`, `$...X`, `$1`), trying the key spellings in use. */
function lookup(ref: string, metavariables: Readonly<Record<string, BoundValue>>): BoundValue | undefined {
  const bare = ref.slice(1);
  const candidates = bare.startsWith('...') ? [ref, bare, `$${bare.slice(3)}`, bare.slice(3)] : [ref, bare];
  for (const key of candidates) {
    if (Object.prototype.hasOwnProperty.call(metavariables, key)) return metavariables[key];
  }
  return undefined;
}
