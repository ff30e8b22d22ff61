/** Scans open documents in languages the engine does not parse (Python, Go, ...) with the semgrep bridge: on open and on save, one run per document. */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, type Diagnostic } from 'vscode-languageserver';
import type { EngineError, ForeignRule } from '../engine/types';
import type { Settings } from '../protocol/settings';
import { scanDocumentWithSemgrep, semgrepRules, SEMGREP_INSTALL_HINT, summarizeList } from '../semgrep/scan-with-semgrep';
import { extensionsForLanguages } from '../semgrep/semgrep-languages';
import type { AssistantRegions } from './assistant-regions';
import { skippedDiagnostic, toDiagnostic } from './diagnostics';
import { skipReason } from './document-scanner';
import type { OpenDocument } from './documents';

/** What the semgrep scans need from the session. */
export interface SemgrepDocumentsHost {
  /** Resolves once the workspace settings were read and the rules loaded. */
  ready: Promise<void>;
  document(uri: string): OpenDocument | undefined;
  /** The loaded rules for languages the engine does not parse (bundled + `vigil.rules.paths`). */
  foreignRules(): readonly ForeignRule[];
  settings(uri: string): Promise<Settings>;
  regions: AssistantRegions;
  /** The first workspace folder: a relative `vigil.semgrep.path` and the names in messages are relative to it. */
  workspaceFolder: string | undefined;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  log(message: string): void;
  showMessage(type: MessageType, message: string): void;
}

/** Files found unscanned within this window after the first are named in the same "semgrep is missing" message (an editor restores several tabs at once). */
const MISSING_MESSAGE_DELAY_MS = 300;

/**
 * The semgrep scans of open documents.
 *
 * Why only on open and save: a semgrep process start costs a second or more, far too
 * slow for every keystroke; the diagnostics of the last open/save stay while typing.
 * A newer save supersedes a run still going (its child is killed), and closing the
 * document or shutting down kills it too. Semgrep is optional: when it is missing the
 * files get no diagnostics and one warning per session says which and how to install
 * it; a crash, a timeout or a rule error is one informational diagnostic on the file.
 */
export class SemgrepDocuments {
  private readonly running = new Map<string, AbortController>();
  /** Files not scanned because semgrep is missing, in the order they were found. */
  private readonly notScanned: string[] = [];
  private missingShown = false;
  private missingTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly host: SemgrepDocumentsHost) {}

  /** The loaded rules semgrep runs on `document`: none when the engine scans it or no rule is for its language. */
  rulesFor(document: OpenDocument): ForeignRule[] {
    if (document.scannable) return [];
    const extension = path.extname(semgrepPath(document)).toLowerCase();
    if (extension === '') return [];
    return semgrepRules(this.host.foreignRules()).filter((rule) => extensionsForLanguages(rule.languages).has(extension));
  }

  /** Whether semgrep (not the engine) gives `document` its diagnostics. */
  handles(document: OpenDocument): boolean {
    return this.rulesFor(document).length > 0;
  }

  /**
   * Scans `uri`'s current text now (didOpen, didSave, the rescan command), killing a run of
   * the same document still in progress. Resolves with the number of findings published,
   * or undefined when nothing was (superseded, closed, not semgrep's, semgrep missing). Never rejects.
   */
  async scan(uri: string): Promise<number | undefined> {
    this.running.get(uri)?.abort();
    const controller = new AbortController();
    this.running.set(uri, controller);
    try {
      return await this.run(uri, controller.signal);
    } catch (error) {
      this.host.log(`Vigil: semgrep scan of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    } finally {
      if (this.running.get(uri) === controller) this.running.delete(uri);
    }
  }

  /** Stops the run of a closed document. */
  close(uri: string): void {
    this.running.get(uri)?.abort();
    this.running.delete(uri);
  }

  /** Stops every run (shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    if (this.missingTimer) clearTimeout(this.missingTimer);
    this.missingTimer = undefined;
  }

  private async run(uri: string, signal: AbortSignal): Promise<number | undefined> {
    await this.host.ready;
    const settings = await this.host.settings(uri);
    const document = this.host.document(uri);
    if (signal.aborted || this.disposed || !document) return undefined;
    const rules = this.rulesFor(document);
    // Not semgrep's: the engine publishes for it.
    if (rules.length === 0) return undefined;
    const { version, text } = document;
    if (!settings.enable) {
      this.host.publish(uri, version, []);
      return 0;
    }
    const skipped = skipReason(text, settings.files);
    if (skipped) {
      this.host.publish(uri, version, [skippedDiagnostic(skipped)]);
      return 0;
    }
    const executable = this.executable(settings);
    const result = await scanDocumentWithSemgrep(semgrepPath(document), text, rules, {
      ...(executable === undefined ? {} : { executable }),
      timeoutMs: settings.semgrep.timeoutMs,
      signal,
      // Not the workspace folder: the target is a temporary copy, and a folder that no longer exists would read as "semgrep not found".
      cwd: os.tmpdir(),
    });
    // Superseded by a newer save, or the document closed: its results are not wanted.
    if (signal.aborted || this.disposed || !this.host.document(uri)) return undefined;
    const name = this.displayName(document.path);
    if (result.status === 'missing') {
      this.reportMissing(name);
      return undefined;
    }
    if (result.status === 'no-rules') {
      this.host.publish(uri, version, []);
      return 0;
    }
    if (result.status === 'failed') {
      const reason = failureReason(result.errors);
      this.host.log(`Vigil: semgrep could not scan ${name}: ${reason}`);
      this.host.publish(uri, version, [skippedDiagnostic(`Vigil could not scan this file: ${reason}. It is scanned again when saved.`)]);
      return 0;
    }
    const diagnostics: Diagnostic[] = [];
    for (const finding of result.findings) {
      const region = this.host.regions.find(uri, finding.start, finding.end);
      if (settings.scope === 'assistant' && !region) continue;
      const diagnostic = toDiagnostic(finding, { uri, version, region, raiseSeverity: settings.assistant.raiseSeverity, rule: undefined });
      const href = foreignRuleHref(rules.find((rule) => rule.id === finding.ruleId));
      if (href !== undefined) diagnostic.codeDescription = { href };
      diagnostics.push(diagnostic);
    }
    const count = diagnostics.length;
    // Parse errors in the file are the editor's business (as for the engine); rule errors and the like are reported.
    const problems = result.errors.filter((error) => error.kind !== 'parse');
    for (const problem of problems) {
      this.host.log(`Vigil: semgrep ${problem.level} in ${name}${problem.ruleId === undefined ? '' : ` (rule ${problem.ruleId})`}: ${problem.message}`);
    }
    const blocking = problems.filter((problem) => problem.level === 'error');
    const first = blocking[0];
    if (first !== undefined) {
      const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more; see the Vigil output)` : '';
      const rule = first.ruleId === undefined ? '' : ` (rule ${first.ruleId})`;
      diagnostics.push(skippedDiagnostic(`Vigil could not fully scan this file: ${first.message}${rule}${more}.`));
    }
    this.host.publish(uri, version, diagnostics);
    return count;
  }

  /** `vigil.semgrep.path`, resolved (`~/`, or relative to the workspace folder when it names a folder); undefined: `$VIGIL_SEMGREP`, then PATH. */
  private executable(settings: Settings): string | undefined {
    const configured = settings.semgrep.path;
    if (configured === '') return undefined;
    if (configured.startsWith('~/')) return path.join(os.homedir(), configured.slice(2));
    const base = this.host.workspaceFolder;
    if (base !== undefined && !path.isAbsolute(configured) && /[\\/]/.test(configured)) return path.resolve(base, configured);
    return configured;
  }

  /** Semgrep is missing: one warning per session naming the files found so far, later files in the log only. */
  private reportMissing(name: string): void {
    this.host.log(`Vigil: semgrep is not installed (or vigil.semgrep.path does not point at it): ${name} was not scanned`);
    if (!this.notScanned.includes(name)) this.notScanned.push(name);
    if (this.missingShown || this.missingTimer !== undefined) return;
    this.missingTimer = setTimeout(() => {
      this.missingTimer = undefined;
      this.missingShown = true;
      const files = this.notScanned;
      this.host.showMessage(
        MessageType.Warning,
        `Vigil: semgrep is not installed, so ${files.length === 1 ? 'this file was' : `these ${files.length} files were`} not scanned: ${summarizeList(files)}. To scan files in other languages, ${SEMGREP_INSTALL_HINT}, or set vigil.semgrep.path.`,
      );
    }, MISSING_MESSAGE_DELAY_MS);
  }

  /** A file as messages name it: relative to the workspace folder when inside it. */
  private displayName(filePath: string): string {
    const base = this.host.workspaceFolder;
    if (base === undefined) return filePath;
    const relative = path.relative(base, filePath);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : filePath;
  }
}

/** The path semgrep sees: the document's, with an extension from its language id when it has none (an untitled Python buffer → `.py`). */
function semgrepPath(document: OpenDocument): string {
  if (path.extname(document.path) !== '') return document.path;
  const [extension] = extensionsForLanguages([document.doc.languageId]).keys();
  return extension === undefined ? document.path : document.path + extension;
}

/** Why a run failed, from the bridge's error ("semgrep did not finish within 30 s and was stopped; not scanned: …"). */
function failureReason(errors: readonly EngineError[]): string {
  const message = errors.find((error) => error.kind === 'internal')?.message ?? errors[0]?.message ?? 'semgrep failed';
  return message.replace(/; not scanned: [\s\S]*$/, '');
}

/** The link on a semgrep finding's code: the rule's first `references` URL, else its YAML file (as `ruleHref` does for engine rules). */
function foreignRuleHref(rule: ForeignRule | undefined): string | undefined {
  if (!rule) return undefined;
  const metadata = rule.raw['metadata'];
  const references: unknown = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)['references'] : undefined;
  const first: unknown = Array.isArray(references) ? (references as unknown[])[0] : references;
  if (typeof first === 'string' && /^https?:\/\//.test(first)) return first;
  try {
    return pathToFileURL(rule.loc.file).href;
  } catch {
    return undefined;
  }
}
