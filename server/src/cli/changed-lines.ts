/** `--changed-since <ref>`: the lines added or changed since the merge base with a git ref, from `git diff --unified=0` parsed with the `diff` package. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parsePatch } from 'diff';

/** Changed lines per absolute file path: 1-based line numbers, or `all` for a file git does not track yet. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

/** The changed lines, or a one-line message saying why they could not be computed (exit 2). */
export type ChangedLinesResult =
  | { ok: true; lines: ChangedLines; base: string; warnings: string[] }
  | { ok: false; message: string };

interface GitRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function git(args: readonly string[], cwd: string): GitRun {
  const run = spawnSync('git', ['-c', 'core.quotepath=off', ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.error !== undefined) {
    return { status: null, stdout: '', stderr: run.error.message };
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Lines added or changed in the working tree since the merge base of `ref` and HEAD (what a
 * pull request shows: `git diff ref...`), plus untracked files as wholly new.
 *
 * Why the merge base: changes made on `ref` after the branch point are not this branch's and
 * must not be reported. On a shallow clone the merge base may be missing from the fetched
 * history; then the diff is taken against `ref` itself, with a warning saying how to fetch
 * enough history, rather than failing the pull request's check.
 */
export function changedLinesSince(ref: string, cwd: string): ChangedLinesResult {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (top.status !== 0) {
    return { ok: false, message: `--changed-since needs a git repository, and ${cwd} is not inside one` };
  }
  const root = top.stdout.trim();
  if (ref.startsWith('-')) {
    return { ok: false, message: `--changed-since: '${ref}' is not a git ref` };
  }
  const verified = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  if (verified.status !== 0) {
    return {
      ok: false,
      message: `--changed-since: unknown git ref '${ref}'; fetch it first (e.g. \`git fetch origin main\`, then --changed-since origin/main)`,
    };
  }
  const warnings: string[] = [];
  let base = verified.stdout.trim();
  const mergeBase = git(['merge-base', base, 'HEAD'], cwd);
  if (mergeBase.status === 0 && mergeBase.stdout.trim() !== '') {
    base = mergeBase.stdout.trim();
  } else {
    const shallow = git(['rev-parse', '--is-shallow-repository'], cwd).stdout.trim() === 'true';
    if (!shallow) {
      return { ok: false, message: `--changed-since: '${ref}' and HEAD have no common ancestor` };
    }
    warnings.push(
      `--changed-since: this is a shallow clone and the merge base of '${ref}' and HEAD was not fetched; comparing with '${ref}' itself (fetch more history, e.g. fetch-depth: 0, for exact results)`,
    );
  }
  const diff = git(
    ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', base, '--'],
    cwd,
  );
  if (diff.status !== 0) {
    return { ok: false, message: `--changed-since: git diff failed: ${diff.stderr.trim().split('\n')[0] ?? ''}` };
  }
  const lines = parseChangedLines(diff.stdout, root);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (untracked.status === 0) {
    for (const file of untracked.stdout.split('\0')) {
      if (file !== '') lines.set(path.join(root, file), 'all');
    }
  }
  return { ok: true, lines, base, warnings };
}

/**
 * The added lines of each file in a `git diff --unified=0` text, keyed by absolute path under
 * `root`. Deleted files and pure renames add nothing; a renamed and edited file counts under
 * its new name.
 */
export function parseChangedLines(diffText: string, root: string): ChangedLines {
  const lines: ChangedLines = new Map();
  for (const patch of parsePatch(diffText)) {
    const newName = patch.newFileName;
    if (newName === undefined || newName === '/dev/null') continue;
    const relative = newName.startsWith('b/') ? newName.slice(2) : newName;
    const added = new Set<number>();
    for (const hunk of patch.hunks) {
      let line = hunk.newStart;
      for (const text of hunk.lines) {
        const marker = text[0];
        if (marker === '+') {
          added.add(line);
          line += 1;
        } else if (marker === ' ') {
          line += 1;
        }
      }
    }
    if (added.size > 0) lines.set(path.join(root, relative), added);
  }
  return lines;
}

/** True when a finding on 1-based lines `startLine..endLine` touches a changed line. */
export function touchesChangedLine(changed: Set<number> | 'all' | undefined, startLine: number, endLine: number): boolean {
  if (changed === undefined) return false;
  if (changed === 'all') return true;
  for (let line = startLine; line <= endLine; line += 1) {
    if (changed.has(line)) return true;
  }
  return false;
}
