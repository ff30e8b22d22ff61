/** Vigil's custom LSP messages, command names and payload types, declared once for the server, the VS Code client and other clients. */
import { NotificationType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';

/** Where an assistant insertion came from (for display and policy; every source is treated alike when scanning). */
export type AssistantEditSource = 'inline-completion' | 'chat-apply' | 'agent-file-write' | 'manual' | 'hook';

/** The sources a client may send, for validation. */
export const ASSISTANT_EDIT_SOURCES: readonly AssistantEditSource[] = ['inline-completion', 'chat-apply', 'agent-file-write', 'manual', 'hook'];

/** Payload of {@link AssistantEditNotification}. */
export interface AssistantEditParams {
  /** The document the assistant wrote into. */
  uri: string;
  /** The document version the ranges refer to (after the insertion's `didChange`). */
  version: number;
  /** The inserted text's ranges in that version (0-based, UTF-16). */
  ranges: Range[];
  source: AssistantEditSource;
}

/** Client → server: an assistant inserted text at `ranges`; the server marks those regions and scans at once. */
export const AssistantEditNotification = new NotificationType<AssistantEditParams>('vigil/assistantEdit');

/** Client → server in `initialize`: where the server may keep state. */
export interface InitializationOptions {
  /**
   * A folder the client owns (VS Code: `ExtensionContext.storageUri`) where
   * assistant regions are persisted per workspace. Without it regions live in
   * memory only: the server never writes into the user's repository on its own.
   */
  storageDir?: string;
}

/** Command ids the server executes through `workspace/executeCommand`. */
export const Commands = {
  /** Scan every JS/TS file of the workspace folders; returns {@link WorkspaceScanSummary}. Reports `$/progress` and can be cancelled. */
  scanWorkspace: 'vigil.scanWorkspace',
  /** Rescan one open document now: args `[uri]`; returns the number of findings shown, or null if the document is not open. */
  rescanFile: 'vigil.rescanFile',
  /** Reload the bundled and user rules; returns {@link ReloadRulesResult}. */
  reloadRules: 'vigil.reloadRules',
  /** List assistant-written regions: args `[uri?]`; returns {@link AssistantRegionInfo}[]. */
  listAssistantRegions: 'vigil.listAssistantRegions',
  /** Clear the assistant mark of one region (findings stay): args {@link MarkReviewedArgs}; returns true if it was cleared. */
  markRegionReviewed: 'vigil.markRegionReviewed',
} as const;

/** What a workspace scan found, returned by {@link Commands.scanWorkspace}. */
export interface WorkspaceScanSummary {
  filesScanned: number;
  /** Files skipped: too large, minified, unreadable. Ignored and excluded files are not counted. */
  filesSkipped: number;
  findings: number;
  /** Finding counts by rule id. */
  byRule: Record<string, number>;
  /** Files with findings. */
  filesWithFindings: number;
  /** Engine errors (parse failures, rules that threw), counted. */
  errors: number;
  cancelled: boolean;
  durationMs: number;
  /** Peak memory of the scan's child process, in MB (absent when the scan ran in the server itself). */
  scanProcessPeakRssMb?: number;
}

/** Returned by {@link Commands.reloadRules}. */
export interface ReloadRulesResult {
  rules: number;
  errors: number;
}

/** One assistant-written region, as {@link Commands.listAssistantRegions} lists it. */
export interface AssistantRegionInfo {
  uri: string;
  id: string;
  range: Range;
  source: AssistantEditSource;
  /** Findings from the last scan that lie in this region. */
  findings: number;
}

/** Arguments of {@link Commands.markRegionReviewed}: the document version guards against a stale action. */
export interface MarkReviewedArgs {
  uri: string;
  version: number;
  regionId: string;
}

/** The `data` a Vigil diagnostic carries for code actions (fix edits are offsets into that version's text). */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  version: number;
  /** The assistant region the finding lies in, if any. */
  regionId?: string;
  fix?: { edits: { start: number; end: number; text: string }[]; safe: boolean };
}

/** The code-action kind of Vigil's fix-all (a client runs it on save through `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.vigil';

/** The diagnostic `code` of the one informational diagnostic on a file that was not scanned. */
export const SKIPPED_FILE_CODE = 'vigil.skipped';
