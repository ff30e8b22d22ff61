/** Settings pulled per document through `workspace/configuration`, cached by URI, validated, with each problem reported once. */
import { DEFAULT_SETTINGS, parseSettings, type Settings, type SettingsProblem } from '../protocol/settings';

/** Fetches the raw `vigil` section for a scope URI (undefined = the window/workspace level). */
export type FetchSettings = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * Settings per document URI.
 *
 * Why per URI and pulled: settings can differ per workspace folder (multi-root)
 * and per language, and only the client knows; pulling on first use and caching
 * until `didChangeConfiguration` keeps one round trip per document. Nothing is
 * kept in module globals, so tests can run several servers in one process.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();
  /** Settings pushed with `didChangeConfiguration`, used when the client cannot be asked. */
  private pushed: unknown = undefined;

  constructor(
    private readonly fetch: FetchSettings | undefined,
    private readonly report: (problem: SettingsProblem) => void,
  ) {}

  /** The settings for `uri` (undefined: the workspace-level settings). Never rejects. */
  get(uri: string | undefined): Promise<Settings> {
    const key = uri ?? '';
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.load(uri);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** Forgets a closed document's settings. */
  drop(uri: string): void {
    this.cache.delete(uri);
  }

  /** Forgets everything (the configuration changed); `pushed` is the notification's `settings.vigil`, if any. */
  clear(pushed?: unknown): void {
    this.cache.clear();
    if (pushed !== undefined) this.pushed = pushed;
  }

  private async load(uri: string | undefined): Promise<Settings> {
    let raw: unknown = this.pushed;
    if (this.fetch) {
      try {
        raw = await this.fetch(uri);
      } catch {
        // The client could not answer: fall back to what it pushed, or the defaults.
        raw = this.pushed;
      }
    }
    const { settings, problems } = raw === undefined ? { settings: structuredClone(DEFAULT_SETTINGS) as Settings, problems: [] } : parseSettings(raw);
    for (const problem of problems) {
      if (this.reported.has(problem.message)) continue;
      this.reported.add(problem.message);
      this.report(problem);
    }
    return settings;
  }
}
