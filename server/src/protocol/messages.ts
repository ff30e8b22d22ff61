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
  /**
   * The {@link ClientCommands} this client registers. Code actions that run a
   * client command (e.g. "probe this finding") are offered only to clients that
   * list it: in another editor the action would do nothing when chosen.
   */
  clientCommands?: string[];
}

/** Command ids the server executes through `workspace/executeCommand`. */
export const Commands = {
  /** Scan every JS/TS file of the workspace folders; returns {@link WorkspaceScanSummary}. Reports `$/progress` and can be cancelled. */
  scanWorkspace: 'vigil.server.scanWorkspace',
  /** Rescan one open document now: args `[uri]`; returns the number of findings shown, or null if the document is not open. */
  rescanFile: 'vigil.server.rescanFile',
  /** Reload the bundled and user rules; returns {@link ReloadRulesResult}. */
  reloadRules: 'vigil.server.reloadRules',
  /** List assistant-written regions: args `[uri?]`; returns {@link AssistantRegionInfo}[]. */
  listAssistantRegions: 'vigil.server.listAssistantRegions',
  /** Clear the assistant mark of one region (findings stay): args {@link MarkReviewedArgs}; returns true if it was cleared. */
  markRegionReviewed: 'vigil.server.markRegionReviewed',
  /**
   * Probe findings of one open document against the user's dev server (DAST):
   * args `[`{@link ProbeFindingsArgs}`]`; returns {@link ProbeFindingsResult}
   * (never an exception: refusals and failures are its `error`). Reports
   * `$/progress` and can be cancelled; every request and response summary is
   * logged with `window/logMessage`. Outcomes show in the file's diagnostics.
   */
  probeFindings: 'vigil.server.probeFindings',
  /** Propose dev-server base URLs to probe: args `[]` or `[`{@link DetectDevServerArgs}`]`; returns {@link DetectDevServerResult}. */
  detectDevServer: 'vigil.server.detectDevServer',
} as const;

/**
 * Command ids the server puts into code actions and the CLIENT must register
 * (the server does not execute them).
 */
export const ClientCommands = {
  /**
   * "Probe this finding against the dev server": args `[`{@link ProbeFindingArgs}`]`.
   * The client asks the user for the base URL (see {@link Commands.detectDevServer})
   * and whether other methods than GET/HEAD may be sent, then calls {@link Commands.probeFindings}.
   */
  probeFinding: 'vigil.client.probeFinding',
} as const;

/** Argument of {@link ClientCommands.probeFinding}: the finding a code action is about. */
export interface ProbeFindingArgs {
  uri: string;
  fingerprint: string;
}

/** Argument of {@link Commands.probeFindings}. */
export interface ProbeFindingsArgs {
  /** An open document; its findings are those of its last scan (a document that is not open gives an `error`). */
  uri: string;
  /** The findings to probe (a diagnostic's `data.fingerprint`); absent: every probeable finding of the document. */
  fingerprints?: string[];
  /** The dev server, e.g. `http://127.0.0.1:3000`. Anything that does not resolve to loopback is refused, whatever else is given. */
  baseUrl: string;
  /** Also send POST, PUT, PATCH and DELETE (GET and HEAD only otherwise). Absent means false. */
  allowUnsafeMethods: boolean;
  /** At most this many requests per finding (default 12, at most 50). */
  maxRequestsPerFinding?: number;
}

/**
 * The outcome for one finding. `not-confirmed` never means safe; `not-probeable`:
 * no request was sent (no HTTP handler holds it, its method is not allowed, no
 * probe for its rule); `cancelled`: the run stopped before its verdict.
 */
export type ProbeStatus = 'confirmed' | 'not-confirmed' | 'not-probeable' | 'error' | 'cancelled';

/** One finding's entry in {@link ProbeFindingsResult}. */
export interface ProbeFindingResult {
  fingerprint: string;
  ruleId: string;
  status: ProbeStatus;
  /** One sentence: why this status (what the oracle saw, what was missing). */
  summary: string;
  /** The route probed, e.g. `GET /api/sql/products/search`, when one was found. */
  route?: string;
  /** Requests sent for this finding. */
  requests: number;
  /** For `confirmed`: the request that proved it and the telling part of the response, one line each. */
  evidence?: { request: string; response: string };
}

/** Returned by {@link Commands.probeFindings}. */
export interface ProbeFindingsResult {
  /**
   * One entry per finding asked for (or per probeable finding of the document):
   * the probeable ones in document order, then those that could not be probed
   * (no probe for the rule, or a fingerprint not in the file any more).
   */
  results: ProbeFindingResult[];
  /** Requests sent in the whole run. */
  requests: number;
  /** True when the run was cancelled before it finished. */
  cancelled: boolean;
  /**
   * Why the run did not happen or failed as a whole, for the user: a refused
   * (non-loopback) base URL, nothing answering at the base URL, a document that
   * is not open, bad arguments.
   */
  error?: string;
}

/** Argument of {@link Commands.detectDevServer}: folders to look in (paths or `file:` URIs); absent: the session's workspace folders. */
export interface DetectDevServerArgs {
  folders?: string[];
}

/** One proposed base URL. */
export interface DevServerCandidate {
  /** `http://127.0.0.1:PORT`; something accepted a TCP connection there (no HTTP request was sent). */
  baseUrl: string;
  /** Why it is proposed: `package.json script dev`, `port 3000 answered`. */
  source: string;
}

/** Returned by {@link Commands.detectDevServer}: candidates best first (ports of the dev scripts, then common dev ports). */
export interface DetectDevServerResult {
  candidates: DevServerCandidate[];
}

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
  /** The last probe's verdict on this finding, if it was probed (see {@link Commands.probeFindings}). */
  probe?: 'confirmed' | 'not-confirmed';
}

/** The code-action kind of Vigil's fix-all (a client runs it on save through `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.vigil';

/** The `source` of every Vigil diagnostic (clients use it to tell Vigil's diagnostics from others'). */
export const DIAGNOSTIC_SOURCE = 'Vigil';

/** Appended to the message of a finding inside assistant-written code. */
export const ASSISTANT_MARK = ' (in assistant-written code)';

/** The diagnostic `code` of the one informational diagnostic on a file that was not scanned. */
export const SKIPPED_FILE_CODE = 'vigil.skipped';
