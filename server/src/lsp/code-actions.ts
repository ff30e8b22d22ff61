/** Code actions for Vigil diagnostics: the rule's fix, suppress on this line, mark an assistant region reviewed, probe against the dev server, and fix-all. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { classifyFinding } from '../dast/classify-finding';
import { applyFixes } from '../engine/fix/apply-fixes';
import type { TextEdit } from '../engine/types';
import { ClientCommands, Commands, FIX_ALL_KIND, type DiagnosticData, type MarkReviewedArgs, type ProbeFindingArgs } from '../protocol/messages';
import type { Settings } from '../protocol/settings';
import { DIAGNOSTIC_SOURCE, type ProbeOutcome } from './diagnostics';
import type { ScanRecord, ShownFinding } from './document-scanner';
import type { OpenDocument } from './documents';
import { isInJsxChildren, suppressionFor } from './suppression-comment';

/** What the code-action handler needs from the session. */
export interface CodeActionHost {
  document(uri: string): OpenDocument | undefined;
  record(uri: string): ScanRecord | undefined;
  settings(uri: string): Promise<Settings>;
  /** Scans the document's current text now (fix-all on a version not scanned yet, e.g. on save right after typing). */
  scanNow(document: OpenDocument, settings: Settings): ScanRecord;
  /** The last probe outcome of a finding, if it was probed. */
  probeOutcome?(uri: string, fingerprint: string): ProbeOutcome | undefined;
  /** Whether the client registers a client command (from `initializationOptions.clientCommands`). */
  supportsClientCommand?(command: string): boolean;
}

/** The title of the code action that probes a finding against the dev server (through the client, which asks for the base URL). */
export const PROBE_ACTION_TITLE = 'Vigil: Probe this finding against the dev server';

/** Whether a request's `only` filter admits `kind` (absent filter: everything). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['ruleId'] === 'string' && typeof v['fingerprint'] === 'string' && typeof v['version'] === 'number';
}

/**
 * Answers `textDocument/codeAction`.
 *
 * Why the version checks: a request can be made against diagnostics from an
 * older version (the user kept typing); their offsets point at the wrong text
 * now, so such diagnostics get no action, and every edit is a versioned
 * `TextDocumentEdit` that the client refuses to apply to a changed document.
 */
export async function provideCodeActions(params: CodeActionParams, host: CodeActionHost): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const document = host.document(uri);
  if (!document) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const record = host.record(uri);
  if (wants(only, CodeActionKind.QuickFix) && record && record.version === document.version) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticData(diagnostic.data)) continue;
      if (diagnostic.data.version !== document.version) continue; // stale: computed for older text
      const shown = findShown(record, diagnostic, diagnostic.data);
      if (!shown) continue;
      actions.push(...quickFixes(document, shown, diagnostic));
      const confirmed = diagnostic.data.probe === 'confirmed' || host.probeOutcome?.(uri, shown.finding.fingerprint)?.status === 'confirmed';
      const canProbe = host.supportsClientCommand?.(ClientCommands.probeFinding) === true;
      if (canProbe && !confirmed && classifyFinding(shown.finding) !== undefined) actions.push(probeAction(uri, shown, diagnostic));
    }
    // The preferred fix first, whichever diagnostic it is for (the sort is stable: the rest keep their order).
    actions.sort((a, b) => Number(b.isPreferred === true) - Number(a.isPreferred === true));
  }
  // Fix-all is a source action: offered only when asked for (on save, or the Source Action menu).
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixAll = await fixAllAction(uri, host);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** The recorded finding a diagnostic stands for: by fingerprint, else by rule id and range. */
function findShown(record: ScanRecord, diagnostic: Diagnostic, data: DiagnosticData): ShownFinding | undefined {
  return (
    record.findings.find((f) => f.finding.fingerprint === data.fingerprint && f.finding.ruleId === data.ruleId) ??
    record.findings.find(
      (f) =>
        f.finding.ruleId === data.ruleId &&
        f.finding.range.start.line === diagnostic.range.start.line &&
        f.finding.range.start.character === diagnostic.range.start.character &&
        f.finding.range.end.line === diagnostic.range.end.line &&
        f.finding.range.end.character === diagnostic.range.end.character,
    )
  );
}

function versionedEdit(document: OpenDocument, edits: LspTextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
}

function toLspEdits(document: OpenDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: document.doc.positionAt(e.start), end: document.doc.positionAt(e.end) }, newText: e.text }));
}

function quickFixes(document: OpenDocument, shown: ShownFinding, diagnostic: Diagnostic): CodeAction[] {
  const { finding } = shown;
  const actions: CodeAction[] = [];
  if (finding.fix && finding.fix.edits.length > 0) {
    actions.push({
      title: finding.fix.safe ? `Fix: ${describeFix(document.text, finding.fix.edits)}` : `Suggested fix (changes behaviour, review it): ${describeFix(document.text, finding.fix.edits)}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: finding.fix.safe,
      edit: versionedEdit(document, toLspEdits(document, finding.fix.edits)),
    });
  }
  const line = finding.range.start.line;
  const lineStart = document.doc.offsetAt({ line, character: 0 });
  const parsed = document.parsed && document.parsed.text === document.text ? document.parsed : undefined;
  let firstCode = lineStart;
  while (firstCode < document.text.length && /[ \t]/.test(document.text[firstCode] ?? '')) firstCode++;
  const jsx = parsed ? isInJsxChildren(parsed.program, firstCode) : false;
  const insert = suppressionFor(document.text, lineStart, line, finding.ruleId, jsx);
  actions.push({
    title: `Suppress ${finding.ruleId} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: versionedEdit(document, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: insert.text }]),
  });
  if (shown.regionId) {
    const args: MarkReviewedArgs = { uri: document.uri, version: document.version, regionId: shown.regionId };
    actions.push({
      title: 'Mark this assistant-written region reviewed',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: 'Mark this assistant-written region reviewed', command: Commands.markRegionReviewed, arguments: [args] },
    });
  }
  return actions;
}

/**
 * "Probe this finding against the dev server": a client command, because the
 * client must ask the user for the base URL (and whether methods other than
 * GET/HEAD may be sent) before it calls the server's probe command.
 */
function probeAction(uri: string, shown: ShownFinding, diagnostic: Diagnostic): CodeAction {
  const args: ProbeFindingArgs = { uri, fingerprint: shown.finding.fingerprint };
  return {
    title: PROBE_ACTION_TITLE,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: false,
    command: { title: PROBE_ACTION_TITLE, command: ClientCommands.probeFinding, arguments: [args] },
  };
}

/** "replace `md5` with `sha256`" for a one-edit fix; a count otherwise. */
function describeFix(text: string, edits: readonly TextEdit[]): string {
  const first = edits[0];
  if (edits.length === 1 && first) {
    const before = text.slice(first.start, first.end).replace(/\s+/g, ' ');
    const after = first.text.replace(/\s+/g, ' ');
    if (before.length <= 40 && after.length <= 40) return before === '' ? `insert \`${after}\`` : `replace \`${before}\` with \`${after}\``;
  }
  return `apply ${edits.length} edit${edits.length === 1 ? '' : 's'}`;
}

/**
 * `source.fixAll.vigil`: every safe fix of the document's current version,
 * through {@link applyFixes} so overlapping fixes are dropped the way the CLI
 * drops them. Suggestions (`safe: false`) are never included: fix-all runs on
 * save, and a fix that changes behaviour must be chosen by a person.
 */
async function fixAllAction(uri: string, host: CodeActionHost): Promise<CodeAction | undefined> {
  const document = host.document(uri);
  if (!document) return undefined;
  const version = document.version;
  let record = host.record(uri);
  if (!record || record.version !== version) {
    const settings = await host.settings(uri);
    const current = host.document(uri);
    if (!current || current.version !== version) return undefined; // changed while waiting: this request is stale
    record = host.scanNow(current, settings);
  }
  const edits = record.findings.flatMap((f) => (f.finding.fix && f.finding.fix.safe ? f.finding.fix.edits : []));
  if (edits.length === 0) return undefined;
  const result = applyFixes(record.text, edits);
  if (result.applied.length === 0) return undefined;
  return {
    title: `Fix all safe Vigil problems (${result.applied.length} edit${result.applied.length === 1 ? '' : 's'})`,
    kind: FIX_ALL_KIND,
    edit: versionedEdit(document, toLspEdits(document, result.applied)),
  };
}
