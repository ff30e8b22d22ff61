/** Locates Vigil's package root and the bundled rules folder, the same way from out/, dist/ and a test run. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The package root: the nearest folder above `start` whose package.json is Vigil's.
 *
 * Why: the CLI and the language server run from `out/server/src/...` (tsc), from
 * `dist/` (esbuild bundles) and from an installed extension; walking up to the
 * manifest finds the root in all three without hard-coding a depth.
 */
export function findPackageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'vigil') {
          return dir;
        }
      } catch {
        // Not ours or unreadable: keep looking upwards.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return path.resolve(start, '..');
    }
    dir = parent;
  }
}

/**
 * The folder of rules shipped with Vigil (`rules/` at the package root).
 *
 * Why: the CLI (no `--rules`) and the language server (always) load the same
 * bundled pack, so the editor and CI cannot disagree about which rules exist.
 */
export function bundledRulesDir(root: string = findPackageRoot()): string {
  return path.join(root, 'rules');
}
