/** A temporary canary file whose unique content proves a path-traversal read. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomToken } from './canary-token';

/** A canary file on disk. */
export interface CanaryFile {
  /** Absolute path of the file. */
  path: string;
  /** Its content: a token that occurs nowhere else. */
  content: string;
  remove(): void;
}

/**
 * Creates `vigil-probe-XXXX/canary-TOKEN.txt` in the system temp folder.
 *
 * Why: reading `/etc/passwd` proves traversal only on some systems and reads a
 * real file; a file the prober wrote itself, with content nobody else has,
 * proves the read unambiguously and leaves nothing behind.
 */
export function createCanaryFile(): CanaryFile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-probe-'));
  const token = randomToken();
  const file = path.join(dir, `canary-${token}.txt`);
  const content = `vigil-canary-file-${token}`;
  fs.writeFileSync(file, content);
  return { path: file, content, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
