/**
 * The client's own settings (assistant-edit detection, code lenses, the dev
 * server for probes) and the workspace-trust filter applied to what the
 * server reads. No `vscode` import: the values come in as plain objects so the
 * rules here are unit-tested in Node.
 */

/** Settings a malicious workspace could use to run code or reach the network: ignored until the workspace is trusted. */
export const RESTRICTED_IN_UNTRUSTED: readonly string[] = ['rules.paths', 'semgrep.path'];

/**
 * Removes the restricted settings from the raw `vigil` section before the
 * server sees it, in an untrusted workspace.
 *
 * Why here as well as `capabilities.untrustedWorkspaces.restrictedConfigurations`:
 * VS Code's own restriction drops workspace-level values only; a rule folder or
 * executable named in user settings is still the user's choice, but a rule
 * folder inside an untrusted checkout would be loaded (rules can carry regexes
 * that hang the server) and an executable path runs a program. Dropping both
 * until trust is granted is the conservative reading of the issue.
 */
export function restrictForTrust(raw: unknown, trusted: boolean): unknown {
  if (trusted || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const dotted of RESTRICTED_IN_UNTRUSTED) {
    const [section, key] = dotted.split('.') as [string, string];
    const inner = copy[section];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      const innerCopy = { ...(inner as Record<string, unknown>) };
      delete innerCopy[key];
      copy[section] = innerCopy;
    }
  }
  return copy;
}

/** What decides whether an edit counts as assistant-written. */
export interface DetectionSettings {
  enabled: boolean;
  /** An insertion spanning at least this many lines counts. */
  minLines: number;
  /** An insertion with at least this many non-whitespace characters counts. */
  minChars: number;
  /** Watch files written on disk by agents. */
  diskWrites: boolean;
  /** More files than this changed on disk within the batch window is a branch switch, pull or formatter run. */
  maxFilesPerBatch: number;
}

export interface ClientSettings {
  detection: DetectionSettings;
  codeLens: boolean;
  decorations: boolean;
  dast: { baseUrl: string; allowUnsafeMethods: boolean; maxRequestsPerFinding: number };
}

export const DEFAULT_CLIENT_SETTINGS: Readonly<ClientSettings> = Object.freeze({
  detection: { enabled: true, minLines: 3, minChars: 120, diskWrites: true, maxFilesPerBatch: 6 },
  codeLens: true,
  decorations: true,
  dast: { baseUrl: '', allowUnsafeMethods: false, maxRequestsPerFinding: 12 },
});

/** Reads the client settings from a getter (VS Code's `WorkspaceConfiguration.get`), falling back to defaults for wrong types. */
export function readClientSettings(get: (key: string) => unknown): ClientSettings {
  const d = DEFAULT_CLIENT_SETTINGS;
  const bool = (key: string, fallback: boolean): boolean => {
    const value = get(key);
    return typeof value === 'boolean' ? value : fallback;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const value = get(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? Math.round(value) : fallback;
  };
  const str = (key: string, fallback: string): string => {
    const value = get(key);
    return typeof value === 'string' ? value.trim() : fallback;
  };
  return {
    detection: {
      enabled: bool('assistant.detection.enabled', d.detection.enabled),
      minLines: int('assistant.detection.minLines', d.detection.minLines, 1, 1000),
      minChars: int('assistant.detection.minChars', d.detection.minChars, 1, 100_000),
      diskWrites: bool('assistant.detection.diskWrites', d.detection.diskWrites),
      maxFilesPerBatch: int('assistant.detection.maxFilesPerBatch', d.detection.maxFilesPerBatch, 1, 1000),
    },
    codeLens: bool('assistant.codeLens', d.codeLens),
    decorations: bool('assistant.decorations', d.decorations),
    dast: {
      baseUrl: str('dast.baseUrl', d.dast.baseUrl),
      allowUnsafeMethods: bool('dast.allowUnsafeMethods', d.dast.allowUnsafeMethods),
      maxRequestsPerFinding: int('dast.maxRequestsPerFinding', d.dast.maxRequestsPerFinding, 1, 100),
    },
  };
}
