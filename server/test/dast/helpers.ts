/** Shared helpers for the DAST tests: fixture paths, reading source files, SAST with the test rules. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRules } from '../../src/engine/rules/load-rules';
import { scanFile } from '../../src/engine/scan-file';
import type { Finding } from '../../src/engine/types';
import type { SourceFile } from '../../src/dast/extract-routes';
import { findPackageRoot } from '../../src/shared/package-paths';

/** The repository root. */
export const ROOT = findPackageRoot(__dirname);

/** A folder under test-fixtures/. */
export function fixture(...parts: string[]): string {
  return path.join(ROOT, 'test-fixtures', ...parts);
}

/** Every .js/.ts file under `dir`, read. */
export function readSources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const visit = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(full);
      } else if (/\.(js|ts|tsx|mjs|cjs)$/.test(entry.name)) out.push({ path: full, text: fs.readFileSync(full, 'utf8') });
    }
  };
  visit(dir);
  return out;
}

/** SAST with the DAST test rules (test-fixtures/dast/rules). */
export function scanWithTestRules(files: readonly SourceFile[]): Finding[] {
  const loaded = loadRules([fixture('dast', 'rules')]);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return files.flatMap((f) => scanFile(f.text, f.path, loaded.rules).findings);
}

/** A fixture app module: start(port) resolves to the port; stop() closes it. */
export interface FixtureApp {
  start(port?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Loads a fixture app's app.js. */
export function loadFixtureApp(name: string): FixtureApp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(fixture(name, 'app.js')) as FixtureApp;
}
