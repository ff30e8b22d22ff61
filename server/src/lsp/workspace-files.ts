/** Lists a workspace folder's JS/TS files for a workspace scan, honouring `.gitignore` files and exclude globs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { SCANNABLE_EXTENSIONS } from './documents';

/** Folders never entered, whatever the ignore files say (dependencies, VCS data, build output). */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

/** A `.gitignore` and the folder its patterns are relative to. */
interface IgnoreScope {
  base: string;
  rules: Ignore;
}

function readIgnore(dir: string): IgnoreScope | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return { base: dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function ignoredBy(scopes: readonly IgnoreScope[], absolute: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const relative = path.relative(scope.base, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * Every scannable file under `root`, in sorted order, lazily.
 *
 * Why lazily: a workspace scan reports progress and can be cancelled between
 * files, and must not hold a list of every path of a huge repository. Nested
 * `.gitignore` files apply below their folder, as in git; `exclude` globs
 * (`files.exclude` style, relative to `root`) skip files and whole folders.
 * Symbolic links to folders are not followed (no cycles).
 */
export async function* workspaceFiles(root: string, exclude: readonly string[]): AsyncGenerator<string> {
  const excluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : undefined;
  const isExcluded = (absolute: string): boolean => {
    if (!excluded) return false;
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    return excluded(relative);
  };
  const rootScope = readIgnore(root);
  const stack: { dir: string; scopes: IgnoreScope[] }[] = [{ dir: root, scopes: rootScope ? [rootScope] : [] }];
  while (stack.length > 0) {
    const { dir, scopes } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || ignoredBy(scopes, absolute, true) || isExcluded(absolute)) continue;
        subdirs.push(absolute);
      } else if (entry.isFile()) {
        const ext = path.extname(entry.name).toLowerCase();
        if (!SCANNABLE_EXTENSIONS.includes(ext) || entry.name.toLowerCase().endsWith('.min.js') || /\.d\.[cm]?ts$/i.test(entry.name)) continue;
        if (ignoredBy(scopes, absolute, false) || isExcluded(absolute)) continue;
        yield absolute;
      }
    }
    // Depth first, in name order: push in reverse.
    for (const sub of subdirs.reverse()) {
      const own = readIgnore(sub);
      stack.push({ dir: sub, scopes: own ? [...scopes, own] : scopes });
    }
  }
}
