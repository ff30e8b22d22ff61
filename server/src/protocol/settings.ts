/** Vigil's settings: the one typed declaration, its defaults, and a validator that never throws (the client imports these). */

/** Which findings the editor shows: every finding, or only those in assistant-written code. */
export type Scope = 'all' | 'assistant';

/** How much the server logs about the LSP traffic (the client also reads this, as `vigil.trace.server`). */
export type TraceLevel = 'off' | 'messages' | 'verbose';

/**
 * Every setting of the `vigil` section, as the server uses it.
 *
 * Why one type: the manifest (`package.json` `contributes.configuration`), the
 * client and the server must agree on names, types and defaults; the compiler
 * checks the server and the client against this declaration.
 */
export interface Settings {
  /** `vigil.enable`: scan documents at all. */
  enable: boolean;
  /** `vigil.scope`: `all` findings, or only those inside assistant-written regions. */
  scope: Scope;
  /** `vigil.debounceMs`: how long typing must pause before a scan (an assistant insertion is scanned at once). */
  debounceMs: number;
  /** `vigil.files.maxSizeBytes`: larger files are skipped with one informational diagnostic. */
  files: {
    maxSizeBytes: number;
    /** `vigil.files.skipMinified`: skip files that look minified or generated (very long lines). */
    skipMinified: boolean;
    /** `vigil.files.exclude`: globs (relative to the workspace folder) that workspace scans skip; a list, or `files.exclude`'s `{glob: true}` form. */
    exclude: string[];
  };
  assistant: {
    /** `vigil.assistant.raiseSeverity`: raise findings in assistant-written code one severity level. */
    raiseSeverity: boolean;
  };
  rules: {
    /** `vigil.rules.paths`: extra rule files or folders (absolute, or relative to the first workspace folder). */
    paths: string[];
    /** `vigil.rules.bundled`: load the rules shipped with Vigil (off: only `vigil.rules.paths`). */
    bundled: boolean;
  };
  trace: {
    /** `vigil.trace.server`. */
    server: TraceLevel;
  };
  semgrep: {
    /** `vigil.semgrep.path`: the semgrep executable for files in other languages (Python, Go, ...); "" = `$VIGIL_SEMGREP`, then `semgrep` on PATH. */
    path: string;
    /** `vigil.semgrep.timeoutMs`: a semgrep run on one file is stopped after this long. */
    timeoutMs: number;
  };
}

/** The configuration section the server asks for through `workspace/configuration`. */
export const SETTINGS_SECTION = 'vigil';

/** Defaults, used for a missing or invalid value (and documented in the manifest). */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze<Settings>({
  enable: true,
  scope: 'all',
  debounceMs: 150,
  files: { maxSizeBytes: 1_000_000, skipMinified: true, exclude: [] },
  assistant: { raiseSeverity: true },
  rules: { paths: [], bundled: true },
  trace: { server: 'off' },
  semgrep: { path: '', timeoutMs: 30_000 },
});

/** A setting whose value was rejected, and what was used instead. */
export interface SettingsProblem {
  /** Full setting name, e.g. `vigil.debounceMs`. */
  setting: string;
  message: string;
}

/** What {@link parseSettings} returns: usable settings, plus what was wrong with the input. */
export interface ParsedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

/**
 * Validates the raw `vigil` configuration object. Never throws.
 *
 * Why: settings come from user JSON and from other editors' clients; a wrong
 * type must not break scanning. Each bad value falls back to its default and
 * is returned as a problem so the server can report it once. Unknown keys are
 * ignored (a newer client may send settings this server does not know).
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const problems: SettingsProblem[] = [];
  const root = asRecord(raw, 'vigil', problems);
  const files = asRecord(root['files'], 'vigil.files', problems);
  const assistant = asRecord(root['assistant'], 'vigil.assistant', problems);
  const rules = asRecord(root['rules'], 'vigil.rules', problems);
  const trace = asRecord(root['trace'], 'vigil.trace', problems);
  const semgrep = asRecord(root['semgrep'], 'vigil.semgrep', problems);
  const d = DEFAULT_SETTINGS;
  const settings: Settings = {
    enable: bool(root['enable'], 'vigil.enable', d.enable, problems),
    scope: oneOf(root['scope'], 'vigil.scope', ['all', 'assistant'] as const, d.scope, problems),
    debounceMs: int(root['debounceMs'], 'vigil.debounceMs', d.debounceMs, 0, 10_000, problems),
    files: {
      maxSizeBytes: int(files['maxSizeBytes'], 'vigil.files.maxSizeBytes', d.files.maxSizeBytes, 1, Number.MAX_SAFE_INTEGER, problems),
      skipMinified: bool(files['skipMinified'], 'vigil.files.skipMinified', d.files.skipMinified, problems),
      exclude: globList(files['exclude'], 'vigil.files.exclude', problems),
    },
    assistant: {
      raiseSeverity: bool(assistant['raiseSeverity'], 'vigil.assistant.raiseSeverity', d.assistant.raiseSeverity, problems),
    },
    rules: { paths: stringArray(rules['paths'], 'vigil.rules.paths', problems), bundled: bool(rules['bundled'], 'vigil.rules.bundled', d.rules.bundled, problems) },
    trace: { server: oneOf(trace['server'], 'vigil.trace.server', ['off', 'messages', 'verbose'] as const, d.trace.server, problems) },
    semgrep: {
      path: str(semgrep['path'], 'vigil.semgrep.path', d.semgrep.path, problems),
      timeoutMs: int(semgrep['timeoutMs'], 'vigil.semgrep.timeoutMs', d.semgrep.timeoutMs, 1000, 3_600_000, problems),
    },
  };
  return { settings, problems };
}

function describe(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return typeof value;
  }
}

function asRecord(value: unknown, name: string, problems: SettingsProblem[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push({ setting: name, message: `${name} should be an object, not ${describe(value)}; using the defaults` });
  return {};
}

function bool(value: unknown, name: string, fallback: boolean, problems: SettingsProblem[]): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push({ setting: name, message: `${name} should be true or false, not ${describe(value)}; using ${String(fallback)}` });
  return fallback;
}

function int(value: unknown, name: string, fallback: number, min: number, max: number, problems: SettingsProblem[]): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return Math.round(value);
  problems.push({ setting: name, message: `${name} should be a number from ${min} to ${max}, not ${describe(value)}; using ${fallback}` });
  return fallback;
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback: T, problems: SettingsProblem[]): T {
  if (value === undefined || value === null) return fallback;
  const found = allowed.find((candidate) => candidate === value);
  if (found !== undefined) return found;
  problems.push({ setting: name, message: `${name} should be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${describe(value)}; using "${fallback}"` });
  return fallback;
}

function str(value: unknown, name: string, fallback: string, problems: SettingsProblem[]): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value.trim();
  problems.push({ setting: name, message: `${name} should be a string, not ${describe(value)}; using "${fallback}"` });
  return fallback;
}

function stringArray(value: unknown, name: string, problems: SettingsProblem[]): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value.filter((item) => item.trim() !== '');
  problems.push({ setting: name, message: `${name} should be a list of strings, not ${describe(value)}; using []` });
  return [];
}

/** A list of globs, or VS Code's `files.exclude` shape (`{"glob": true}`; entries set to false are off). */
function globList(value: unknown, name: string, problems: SettingsProblem[]): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, on]) => typeof on === 'boolean')) return entries.filter(([glob, on]) => on === true && glob.trim() !== '').map(([glob]) => glob);
  }
  return stringArray(value, name, problems);
}
