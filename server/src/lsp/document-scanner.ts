/** Scans one open document with the current rules and settings, marks assistant findings, and records what was published. */
import type { Diagnostic } from 'vscode-languageserver';
import { isLikelyMinified } from '../engine/parse/parse-source';
import { scanFile } from '../engine/scan-file';
import type { EngineError, Finding } from '../engine/types';
import type { Settings } from '../protocol/settings';
import type { AssistantRegions } from './assistant-regions';
import { skippedDiagnostic, toDiagnostic } from './diagnostics';
import type { OpenDocument } from './documents';
import type { RulesWatcher } from './rules-watcher';

/** A finding as it was shown: the engine's finding, its diagnostic, and its assistant region. */
export interface ShownFinding {
  finding: Finding;
  diagnostic: Diagnostic;
  regionId: string | undefined;
}

/** What was published for one document version. */
export interface ScanRecord {
  version: number;
  findings: ShownFinding[];
  /** Why the file was not scanned, if it was not. */
  skipped?: string;
  /** The text the findings' offsets refer to. */
  text: string;
}

/** What the scanner needs from the server. */
export interface ScannerHost {
  regions: AssistantRegions;
  rules: RulesWatcher;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  log(message: string): void;
  /** Whether another scanner (the semgrep bridge) publishes this document's diagnostics: the engine then leaves it alone. */
  scannedElsewhere?(document: OpenDocument): boolean;
}

/** The settings that decide whether a file is scanned at all. */
export type FileLimits = Pick<Settings['files'], 'maxSizeBytes' | 'skipMinified'>;

/**
 * Why a file is not scanned, or undefined to scan it. The message names the
 * setting that changes the decision, because the user will want to know.
 */
export function skipReason(text: string, limits: FileLimits): string | undefined {
  const limit = limits.maxSizeBytes;
  // UTF-8 is at least one byte per UTF-16 unit and at most three: count bytes only when it matters.
  const bytes = text.length > limit ? text.length : text.length * 3 > limit ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > limit) {
    return `Vigil did not scan this file: it is ${formatBytes(bytes)}, over the ${formatBytes(limit)} limit. Raise the setting vigil.files.maxSizeBytes to scan it.`;
  }
  if (limits.skipMinified && isLikelyMinified(text)) {
    return 'Vigil did not scan this file: it looks minified or generated (very long lines). Set vigil.files.skipMinified to false to scan it.';
  }
  return undefined;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(bytes % 1_000_000 === 0 ? 0 : 1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(bytes % 1_000 === 0 ? 0 : 1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Scans documents and remembers the last published result per URI.
 *
 * Why a record: code actions and "list assistant regions" must answer from
 * exactly what the user sees, and a code action for an older version than the
 * record's is stale and must not be applied.
 */
export class DocumentScanner {
  private readonly records = new Map<string, ScanRecord>();
  private readonly loggedErrors = new Set<string>();

  constructor(private readonly host: ScannerHost) {}

  /** The last published record for `uri`. */
  record(uri: string): ScanRecord | undefined {
    return this.records.get(uri);
  }

  /** Forgets a closed document's record. */
  forget(uri: string): void {
    this.records.delete(uri);
  }

  /**
   * Scans the document's current text now, publishes the diagnostics and
   * returns the record. Never throws: an engine failure is logged with the
   * file and clears the file's diagnostics.
   */
  scanAndPublish(document: OpenDocument, settings: Settings): ScanRecord {
    // Publishing the engine's empty result would wipe what semgrep found at the last save.
    if (this.host.scannedElsewhere?.(document) === true) return { version: document.version, findings: [], text: document.text };
    const record = this.scan(document, settings);
    this.records.set(document.uri, record);
    this.host.publish(document.uri, record.version, record.findings.map((f) => f.diagnostic).concat(record.skipped ? [skippedDiagnostic(record.skipped)] : []));
    return record;
  }

  private scan(document: OpenDocument, settings: Settings): ScanRecord {
    const text = document.text;
    const version = document.version;
    const empty: ScanRecord = { version, findings: [], text };
    if (!settings.enable || !document.scannable) return empty;
    const skipped = skipReason(text, settings.files);
    if (skipped) return { ...empty, skipped };
    let findings: Finding[];
    try {
      const parsed = document.parse();
      const result = scanFile(text, document.path, this.host.rules.rules, { parsed, ignorePathFilters: false });
      findings = result.findings;
      this.logErrors(document, result.errors);
    } catch (error) {
      // scanFile returns errors as values; a throw is an engine bug and must not cost the server.
      this.host.log(`Vigil: internal error while scanning ${document.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return empty;
    }
    const shown: ShownFinding[] = [];
    for (const finding of findings) {
      const region = this.host.regions.find(document.uri, finding.start, finding.end);
      if (settings.scope === 'assistant' && !region) continue;
      const diagnostic = toDiagnostic(finding, {
        uri: document.uri,
        version,
        region,
        raiseSeverity: settings.assistant.raiseSeverity,
        rule: this.host.rules.rule(finding.ruleId),
      });
      shown.push({ finding, diagnostic, regionId: region?.id });
    }
    return { version, findings: shown, text };
  }

  /** Logs rule failures once per rule and file; parse errors are the editor's own business and are not logged. */
  private logErrors(document: OpenDocument, errors: readonly EngineError[]): void {
    for (const error of errors) {
      if (error.kind === 'parse') continue;
      const key = `${document.uri}\u0000${error.ruleId ?? ''}\u0000${error.kind}`;
      if (this.loggedErrors.has(key)) continue;
      this.loggedErrors.add(key);
      this.host.log(`Vigil: ${error.kind} ${error.level} in ${document.path}${error.ruleId ? ` (rule ${error.ruleId})` : ''}: ${error.message}`);
    }
  }
}
