/** Loads the bundled rules plus `vigil.rules.paths`, reloads them when a rule file changes, and reports each new rule error once. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { loadRules } from '../engine/rules/load-rules';
import { loadRulesCached, ruleCacheFor } from '../shared/rule-cache-file';
import type { CompiledRule, EngineError, ForeignRule } from '../engine/types';

/** Rule file changes within this window give one reload (editors write a file in several steps). */
const RELOAD_DELAY_MS = 100;

/** What the watcher needs from the server. */
export interface RulesWatcherHost {
  /** Shows an error notification (window/showMessage). */
  showError(message: string): void;
  log(message: string): void;
  /** Called after every reload, so open documents are scanned with the new rules. */
  onReload(): void;
}

/** The key that makes "the same error" recognisable across reloads. */
function errorKey(error: EngineError): string {
  return `${error.path ?? ''}:${error.line ?? ''}:${error.ruleId ?? ''}:${error.message}`;
}

/** `file:line` (or just the file) of a rule error, for messages. */
export function errorLocation(error: EngineError): string {
  return error.path ? (error.line !== undefined ? `${error.path}:${error.line}` : error.path) : '(rules)';
}

/**
 * The current rule set.
 *
 * Why it watches: rule authors edit YAML beside their code and expect the next
 * keystroke to use it, without restarting the server. A broken rule must not
 * hide the others (the engine loads every good rule) and must not nag: each
 * distinct error is shown once as a notification and logged; if it is fixed
 * and broken again it is shown again.
 */
export class RulesWatcher {
  private current: CompiledRule[] = [];
  private foreign: ForeignRule[] = [];
  private byId = new Map<string, CompiledRule>();
  private userPaths: string[] = [];
  private useBundled = true;
  private shownErrors = new Set<string>();
  private watchers: fs.FSWatcher[] = [];
  private loadedOnce = false;
  private timer: NodeJS.Timeout | undefined;
  /** Errors of the last load. */
  errors: EngineError[] = [];

  constructor(
    private readonly bundledDir: string,
    private readonly host: RulesWatcherHost,
  ) {}

  /** The rules in use. */
  get rules(): readonly CompiledRule[] {
    return this.current;
  }

  /** The loaded rules for languages the engine does not parse, as written (for the semgrep bridge). */
  get foreignRules(): readonly ForeignRule[] {
    return this.foreign;
  }

  /** A rule by id (for its reference link). */
  rule(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  /** Every path rules are loaded from: the bundled pack first, then the user's. */
  get paths(): string[] {
    return this.useBundled ? [this.bundledDir, ...this.userPaths] : [...this.userPaths];
  }

  /** Sets the user rule paths (absolute) and whether the bundled pack is used; reloads and rewatches when that changed or nothing is loaded yet. Returns whether it reloaded. */
  configure(userPaths: readonly string[], useBundled: boolean): boolean {
    const same = useBundled === this.useBundled && userPaths.length === this.userPaths.length && userPaths.every((p, i) => p === this.userPaths[i]);
    if (same && this.loadedOnce) return false;
    this.loadedOnce = true;
    this.useBundled = useBundled;
    this.userPaths = [...userPaths];
    this.reload();
    this.watch();
    return true;
  }

  /** Loads every rule again now; returns the counts. Never throws. */
  reload(): { rules: number; errors: number } {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let loaded: ReturnType<typeof loadRules>;
    try {
      // From the bundle (dist/server.js), the bundled pack comes precompiled when the cache matches.
      loaded = loadRulesCached(this.paths, this.useBundled ? ruleCacheFor(process.argv[1] ?? '', this.bundledDir) : undefined);
    } catch (error) {
      // loadRules does not throw; if it ever does, keep the previous rules running.
      this.host.log(`Vigil: loading rules failed: ${error instanceof Error ? error.message : String(error)}`);
      return { rules: this.current.length, errors: 1 };
    }
    this.current = loaded.rules;
    this.foreign = loaded.foreignRules;
    this.byId = new Map(loaded.rules.map((r) => [r.id, r]));
    this.errors = loaded.errors;
    this.report(loaded.errors);
    this.host.log(`Vigil: ${loaded.rules.length} rules loaded from ${this.paths.join(', ')} (${loaded.errors.length} problems)`);
    this.host.onReload();
    return { rules: loaded.rules.length, errors: loaded.errors.length };
  }

  /** Whether `file` is a rule file under one of the rule paths (for `workspace/didChangeWatchedFiles`). */
  isRuleFile(file: string): boolean {
    if (!/\.ya?ml$/i.test(file)) return false;
    return this.paths.some((p) => file === p || file.startsWith(p.endsWith(path.sep) ? p : p + path.sep));
  }

  /** Reloads soon (changes arriving together give one reload). */
  scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reload();
    }, RELOAD_DELAY_MS);
  }

  /** Stops watching. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }

  private report(errors: readonly EngineError[]): void {
    const keys = new Set(errors.map(errorKey));
    const fresh = errors.filter((e) => !this.shownErrors.has(errorKey(e)));
    for (const error of errors) {
      if (!this.shownErrors.has(errorKey(error))) this.host.log(`Vigil: rule ${error.level} at ${errorLocation(error)}${error.ruleId ? ` (${error.ruleId})` : ''}: ${error.message}`);
    }
    // Forget errors that are gone, so the same mistake made again is shown again.
    this.shownErrors = keys;
    const shown = fresh.filter((e) => e.level === 'error');
    if (shown.length === 0) return;
    const first = shown[0]!;
    const more = shown.length > 1 ? ` (and ${shown.length - 1} more problem${shown.length > 2 ? 's' : ''}; see the Vigil output)` : '';
    this.host.showError(`Vigil: rule error at ${errorLocation(first)}: ${first.message}${more}. The other rules keep running.`);
  }

  private watch(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    for (const target of this.paths) {
      try {
        const isDir = fs.statSync(target).isDirectory();
        const watcher = fs.watch(target, { recursive: isDir, persistent: false }, (_event, name) => {
          const changed = typeof name === 'string' ? name : '';
          if (!isDir || /\.ya?ml$/i.test(changed) || changed === '') this.scheduleReload();
        });
        watcher.on('error', (error) => this.host.log(`Vigil: stopped watching ${target}: ${error.message}`));
        this.watchers.push(watcher);
      } catch (error) {
        // A missing path is already a load error; there is nothing to watch.
        this.host.log(`Vigil: cannot watch ${target}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
