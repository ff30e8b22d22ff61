/** `pattern-regex` / `pattern-not-regex`: regex matches over the file text, groups bound as `$1`, `$NAME`. */
import { bind, CONFLICT, type Env } from './env';
import { searchAll } from './regex';
import type { RangeMatch } from './pattern';

/** Every match of `regex` in `text`; capture groups become metavariables `$1`… and named groups `$name`. */
export function regexMatches(regex: RegExp, text: string): RangeMatch[] {
  const out: RangeMatch[] = [];
  for (const m of searchAll(regex, text)) {
    if (m.end === m.start) continue;
    let env: Env = null;
    let offset = m.start;
    m.captures.forEach((capture, i) => {
      if (capture === undefined) return;
      const at = text.indexOf(capture, offset);
      const start = at === -1 ? m.start : at;
      const next = bind(text, env, `$${i + 1}`, { kind: 'text', text: capture, start, end: start + capture.length });
      if (next !== CONFLICT) env = next;
      if (at !== -1) offset = at;
    });
    for (const [name, value] of Object.entries(m.groups)) {
      if (value === undefined) continue;
      const at = text.indexOf(value, m.start);
      const start = at === -1 ? m.start : at;
      const next = bind(text, env, `$${name}`, { kind: 'text', text: value, start, end: start + value.length });
      if (next !== CONFLICT) env = next;
    }
    out.push({ start: m.start, end: m.end, env });
  }
  return out;
}
