/** Expands the CLI's path arguments into the files to scan: walks folders with .gitignore/.vigilignore, globs, a size limit, and skips build output and vendored code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** File extensions the built-in engine parses. */
export const SCANNABLE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs'];

/** Folder names never walked into: dependencies, VCS data and build output. */
export const SKIPPED_DIRECTORIES: readonly string[] = ['node_modules', '.git', 'dist', 'out'];

/** The ignore files read in every walked folder (gitignore syntax). */
export const IGNORE_FILES: readonly string[] = ['.gitignore', '.vigilignore'];

/** A file to scan: `displayPath` is how output names it (as given, or joined onto the given folder). */
export interface CollectedFile {
  displayPath: string;
  absolutePath: string;
  /** True when the user named this file directly (it is scanned even if it looks generated). */
  explicit: boolean;
  /** `engine` for JS/TS; otherwise the semgrep language the file goes to. */
  language: string;
  /** Size in bytes when collected (decides whether worker threads pay off). */
  size: number;
}

/** A path that was not scanned, and why (reported as an info entry). */
export interface SkippedPath {
  displayPath: string;
  reason: string;
}

/** The files to scan, what was skipped with a reason worth telling, and which arguments do not exist. */
export interface CollectFilesResult {
  files: CollectedFile[];
  skipped: SkippedPath[];
  missing: string[];
}

/** How to walk: globs, the size limit, and the extra extensions (other languages) to collect. */
export interface CollectOptions {
  include?: readonly string[];
  exclude?: readonly string[];
  /** Walked files larger than this are skipped with an info entry. */
  maxFileBytes?: number;
  /** Extension (with dot, lower case) → language, for files the semgrep bridge scans. */
  otherLanguages?: ReadonlyMap<string, string>;
}

/** True when `fileName` has a scannable extension and is not a `*.min.js` bundle. */
export function isScannableFileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.min.js')) {
    return false;
  }
  return SCANNABLE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** One folder's ignore rules: paths are tested relative to `dir`. */
interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/** Globs from `--include`/`--exclude`, matched against a path relative to the working directory or to the walked root, and against each parent folder. */
class GlobFilter {
  private readonly include: ((candidate: string) => boolean)[];
  private readonly exclude: ((candidate: string) => boolean)[];

  constructor(include: readonly string[], exclude: readonly string[]) {
    this.include = include.map((glob) => compileGlob(glob));
    this.exclude = exclude.map((glob) => compileGlob(glob));
  }

  isExcluded(relativePaths: readonly string[]): boolean {
    return this.exclude.length > 0 && relativePaths.some((candidate) => this.exclude.some((test) => test(candidate)));
  }

  isIncluded(relativePaths: readonly string[]): boolean {
    if (this.include.length === 0) return true;
    return relativePaths.some((candidate) => withParents(candidate).some((part) => this.include.some((test) => test(part))));
  }
}

/** A glob without a slash matches a name at any depth (gitignore-like); one with a slash matches the path. */
function compileGlob(glob: string): (candidate: string) => boolean {
  const normalized = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const matcher = picomatch(normalized, { dot: true, basename: !normalized.includes('/') });
  return (candidate) => matcher(candidate);
}

function withParents(relative: string): string[] {
  const parts = relative.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * Expands `inputs` (files and folders, as typed on the command line) relative to `cwd`.
 * Folders are walked in sorted order, so output is deterministic; symlinked folders are not
 * followed (no cycles). `.gitignore` and `.vigilignore` are honoured in every walked folder and
 * in the folders above a given one up to the repository root. A file named explicitly is
 * scanned when it has a scannable extension, whatever the ignore files say.
 */
export function collectFiles(inputs: readonly string[], cwd: string, options: CollectOptions = {}): CollectFilesResult {
  const result: CollectFilesResult = { files: [], skipped: [], missing: [] };
  const seen = new Set<string>();
  const globs = new GlobFilter(options.include ?? [], options.exclude ?? []);
  const walker: Walker = { cwd, globs, options, result, seen };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      result.missing.push(input);
      continue;
    }
    const display = toDisplayPath(input);
    if (stat.isDirectory()) {
      // A folder named explicitly is scanned even if an ignore file above it excludes it
      // (`vigil scan node_modules/pkg`); only the ignore files inside it apply then.
      const ancestors = ancestorIgnores(absolute, cwd);
      walkDirectory(walker, absolute, display, absolute, isIgnored(ancestors, absolute, true) ? [] : ancestors);
      continue;
    }
    const language = languageOf(path.basename(absolute), options.otherLanguages, true);
    if (language === undefined) {
      result.skipped.push({
        displayPath: display,
        reason: `skipped ${display}: not a JS/TS file (the built-in engine scans ${SCANNABLE_EXTENSIONS.join(' ')})`,
      });
      continue;
    }
    if (globs.isExcluded([display, path.basename(absolute)])) {
      continue;
    }
    addFile(result, seen, { displayPath: display, absolutePath: absolute, explicit: true, language, size: stat.size });
  }
  return result;
}

interface Walker {
  cwd: string;
  globs: GlobFilter;
  options: CollectOptions;
  result: CollectFilesResult;
  seen: Set<string>;
}

/** The language a file goes to: `engine` for JS/TS, a semgrep language, or undefined (not scanned). */
function languageOf(fileName: string, otherLanguages: ReadonlyMap<string, string> | undefined, explicit: boolean): string | undefined {
  const lower = fileName.toLowerCase();
  if (explicit ? SCANNABLE_EXTENSIONS.includes(path.extname(lower)) : isScannableFileName(lower)) {
    return 'engine';
  }
  return otherLanguages?.get(path.extname(lower));
}

/**
 * Ignore files in the folders above a given folder, up to the repository root (the first folder
 * with `.git`) or, outside a repository, up to the working directory: `vigil scan src` in a
 * repository honours the root `.gitignore` the way git does.
 */
function ancestorIgnores(absolute: string, cwd: string): IgnoreLevel[] {
  const chain: string[] = [];
  let dir = path.dirname(absolute);
  let gitRoot: string | undefined;
  for (let probe = absolute; ; ) {
    if (fs.existsSync(path.join(probe, '.git'))) {
      gitRoot = probe;
      break;
    }
    const parent = path.dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  const stop = gitRoot ?? (isInside(absolute, cwd) ? path.resolve(cwd) : absolute);
  if (absolute === stop) return [];
  for (;;) {
    chain.unshift(dir);
    if (dir === stop) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return chain.flatMap((folder) => {
    const level = readIgnoreLevel(folder);
    return level === undefined ? [] : [level];
  });
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function readIgnoreLevel(dir: string): IgnoreLevel | undefined {
  let rules: Ignore | undefined;
  for (const name of IGNORE_FILES) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    rules ??= ignore();
    rules.add(text);
  }
  return rules === undefined ? undefined : { dir, rules };
}

/** Git's precedence: the deepest ignore file that says anything about the path decides (so `!keep.js` below can re-include). */
function isIgnored(levels: readonly IgnoreLevel[], absolute: string, isDirectory: boolean): boolean {
  for (let index = levels.length - 1; index >= 0; index -= 1) {
    const level = levels[index];
    if (level === undefined) continue;
    const relative = path.relative(level.dir, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    const verdict = level.rules.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

function walkDirectory(walker: Walker, absolute: string, display: string, root: string, inherited: readonly IgnoreLevel[]): void {
  const { result } = walker;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absolute, { withFileTypes: true });
  } catch (error) {
    result.skipped.push({ displayPath: display, reason: `could not read folder ${display}: ${errorMessage(error)}` });
    return;
  }
  const own = readIgnoreLevel(absolute);
  const levels = own === undefined ? inherited : [...inherited, own];
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childAbsolute = path.join(absolute, entry.name);
    const childDisplay = joinDisplay(display, entry.name);
    const fromRoot = path.relative(root, childAbsolute).split(path.sep).join('/');
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.includes(entry.name) || isIgnored(levels, childAbsolute, true)) continue;
      if (walker.globs.isExcluded([childDisplay, fromRoot])) continue;
      walkDirectory(walker, childAbsolute, childDisplay, root, levels);
      continue;
    }
    const language = languageOf(entry.name, walker.options.otherLanguages, false);
    if (language === undefined) continue;
    let size: number;
    try {
      // Follow links to files only; a linked folder could loop back on itself.
      const stat = fs.statSync(childAbsolute);
      if (!stat.isFile()) continue;
      size = stat.size;
    } catch {
      continue;
    }
    if (isIgnored(levels, childAbsolute, false)) continue;
    if (walker.globs.isExcluded([childDisplay, fromRoot]) || !walker.globs.isIncluded([childDisplay, fromRoot])) continue;
    const limit = walker.options.maxFileBytes;
    if (limit !== undefined && size > limit) {
      result.skipped.push({
        displayPath: childDisplay,
        reason: `skipped ${childDisplay}: ${size} bytes is over the size limit of ${limit} (raise it with --max-file-size, or name the file explicitly)`,
      });
      continue;
    }
    addFile(result, walker.seen, { displayPath: childDisplay, absolutePath: childAbsolute, explicit: false, language, size });
  }
}

function addFile(result: CollectFilesResult, seen: Set<string>, file: CollectedFile): void {
  // The same file named twice (or inside two given folders) is scanned once.
  if (seen.has(file.absolutePath)) {
    return;
  }
  seen.add(file.absolutePath);
  result.files.push(file);
}

/** Forward slashes and no leading `./`, so output looks the same on every platform. */
export function toDisplayPath(input: string): string {
  const normalized = path.normalize(input).split(path.sep).join('/');
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

function joinDisplay(parent: string, name: string): string {
  return parent === '.' ? name : `${parent}/${name}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
