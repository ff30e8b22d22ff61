/** Semgrep's `paths: {include, exclude}` of a rule, checked against the path of the scanned file. */
import picomatch from 'picomatch';
import type { CompiledRule } from '../types';

const matcherCache = new WeakMap<CompiledRule, { include?: picomatch.Matcher; exclude?: picomatch.Matcher }>();

/** Semgrep's `paths: {include, exclude}`: globs against the path, or any of its trailing segments. */
export function pathApplies(rule: CompiledRule, path: string): boolean {
  if (!rule.paths || (rule.paths.include.length === 0 && rule.paths.exclude.length === 0)) return true;
  let m = matcherCache.get(rule);
  if (!m) {
    const opts = { dot: true, matchBase: false };
    m = {
      include: rule.paths.include.length > 0 ? picomatch(rule.paths.include.map(globForm), opts) : undefined,
      exclude: rule.paths.exclude.length > 0 ? picomatch(rule.paths.exclude.map(globForm), opts) : undefined,
    };
    matcherCache.set(rule, m);
  }
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  if (m.exclude && m.exclude(normalized)) return false;
  if (m.include && !m.include(normalized)) return false;
  return true;
}

/** A pattern without a leading `/` may match at any depth, like a .gitignore line. */
function globForm(glob: string): string {
  if (glob.startsWith('/')) return glob.slice(1);
  const base = glob.endsWith('/') ? `${glob}**` : glob;
  return base.startsWith('**/') ? base : `**/${base}{,/**}`;
}
