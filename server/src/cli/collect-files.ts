/** Expands the CLI's path arguments into the JS/TS files to scan, walking folders and skipping build output and vendored code. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** File extensions the built-in engine parses. */
export const SCANNABLE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs'];

/** Folder names never walked into: dependencies, VCS data and build output. */
export const SKIPPED_DIRECTORIES: readonly string[] = ['node_modules', '.git', 'dist', 'out'];

/** A file to scan: `displayPath` is how output names it (as given, or joined onto the given folder). */
export interface CollectedFile {
  displayPath: string;
  absolutePath: string;
  /** True when the user named this file directly (it is scanned even if it looks generated). */
  explicit: boolean;
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

/** True when `fileName` has a scannable extension and is not a `*.min.js` bundle. */
export function isScannableFileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.min.js')) {
    return false;
  }
  return SCANNABLE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Expands `inputs` (files and folders, as typed on the command line) relative to `cwd`.
 * Folders are walked in sorted order, so output is deterministic; symlinked folders are not
 * followed (no cycles). A file named explicitly is scanned when it has a JS/TS extension.
 */
export function collectFiles(inputs: readonly string[], cwd: string): CollectFilesResult {
  const result: CollectFilesResult = { files: [], skipped: [], missing: [] };
  const seen = new Set<string>();
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
      walkDirectory(absolute, display, result, seen);
    } else if (isScannableFileName(path.basename(absolute)) || SCANNABLE_EXTENSIONS.includes(path.extname(absolute).toLowerCase())) {
      addFile(result, seen, { displayPath: display, absolutePath: absolute, explicit: true });
    } else {
      result.skipped.push({
        displayPath: display,
        reason: `skipped ${display}: not a JS/TS file (the built-in engine scans ${SCANNABLE_EXTENSIONS.join(' ')})`,
      });
    }
  }
  return result;
}

function walkDirectory(absolute: string, display: string, result: CollectFilesResult, seen: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absolute, { withFileTypes: true });
  } catch (error) {
    result.skipped.push({ displayPath: display, reason: `could not read folder ${display}: ${errorMessage(error)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childAbsolute = path.join(absolute, entry.name);
    const childDisplay = joinDisplay(display, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.includes(entry.name)) {
        walkDirectory(childAbsolute, childDisplay, result, seen);
      }
      continue;
    }
    if (!isScannableFileName(entry.name)) {
      continue;
    }
    if (entry.isSymbolicLink()) {
      // Follow links to files only; a linked folder could loop back on itself.
      try {
        if (!fs.statSync(childAbsolute).isFile()) {
          continue;
        }
      } catch {
        continue;
      }
    } else if (!entry.isFile()) {
      continue;
    }
    addFile(result, seen, { displayPath: childDisplay, absolutePath: childAbsolute, explicit: false });
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
function toDisplayPath(input: string): string {
  const normalized = path.normalize(input).split(path.sep).join('/');
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

function joinDisplay(parent: string, name: string): string {
  return parent === '.' ? name : `${parent}/${name}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
