/**
 * What the user sees besides the diagnostics themselves: a status bar item with
 * counts, a quick pick of findings in assistant code, code lenses and a light
 * decoration on assistant-written regions.
 */
import * as vscode from 'vscode';
import { ASSISTANT_MARK, DIAGNOSTIC_SOURCE, SKIPPED_FILE_CODE, type AssistantEditSource, type AssistantRegionInfo, type DiagnosticData } from '../../server/src/protocol/messages';
import type { ClientSettings } from './client-settings';

export function isVigilDiagnostic(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.code !== SKIPPED_FILE_CODE;
}

/** The `data` the language client keeps from the LSP diagnostic (vscode-languageclient preserves it on the object). */
export function diagnosticData(diagnostic: vscode.Diagnostic): DiagnosticData | undefined {
  const data: unknown = (diagnostic as vscode.Diagnostic & { data?: unknown }).data;
  return typeof data === 'object' && data !== null && 'ruleId' in data ? (data as DiagnosticData) : undefined;
}

export function inAssistantCode(diagnostic: vscode.Diagnostic): boolean {
  const data = diagnosticData(diagnostic);
  // Without `data` (another client's conversion), the server's message suffix says it.
  return data ? data.regionId !== undefined : diagnostic.message.includes(ASSISTANT_MARK);
}

/** How each source of assistant-written code is named in the code lens. */
const SOURCE_LABEL: Readonly<Record<AssistantEditSource, string>> = {
  'inline-completion': 'inline suggestion',
  'chat-apply': 'chat or extension edit',
  'agent-file-write': 'agent wrote the file',
  manual: 'marked by you',
  hook: 'agent hook',
};

/** One Vigil finding with its document, as listed in the status bar's quick pick. */
export interface FindingEntry {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
}

/** All Vigil findings VS Code currently holds, optionally only those in assistant code. */
export function vigilFindings(onlyAssistant: boolean): FindingEntry[] {
  const entries: FindingEntry[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (isVigilDiagnostic(diagnostic) && (!onlyAssistant || inAssistantCode(diagnostic))) entries.push({ uri, diagnostic });
    }
  }
  return entries;
}

const SEVERITY_ICON: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: '$(error)',
  [vscode.DiagnosticSeverity.Warning]: '$(warning)',
  [vscode.DiagnosticSeverity.Information]: '$(info)',
  [vscode.DiagnosticSeverity.Hint]: '$(lightbulb)',
};

/** Opens a quick pick of findings (all in assistant code, or those of one region) and reveals the chosen one. */
export async function pickFinding(entries: FindingEntry[], title: string): Promise<FindingEntry | undefined> {
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Vigil: no findings in assistant-written code.');
    return undefined;
  }
  const order = (e: FindingEntry): number => e.diagnostic.severity;
  const items = entries
    .slice()
    .sort((a, b) => order(a) - order(b) || a.uri.toString().localeCompare(b.uri.toString()) || a.diagnostic.range.start.line - b.diagnostic.range.start.line)
    .map((entry) => ({
      label: `${SEVERITY_ICON[entry.diagnostic.severity]} ${entry.diagnostic.message.replace(ASSISTANT_MARK, '')}`,
      description: `${vscode.workspace.asRelativePath(entry.uri)}:${entry.diagnostic.range.start.line + 1}`,
      detail: typeof entry.diagnostic.code === 'object' ? String(entry.diagnostic.code.value) : String(entry.diagnostic.code ?? ''),
      entry,
    }));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  const editor = await vscode.window.showTextDocument(picked.entry.uri, { preview: true });
  editor.selection = new vscode.Selection(picked.entry.diagnostic.range.start, picked.entry.diagnostic.range.end);
  editor.revealRange(picked.entry.diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return picked.entry;
}

/** The status bar item: findings in assistant code (and in all code), click for the quick pick. */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vigil.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private state: 'starting' | 'ready' | 'error' = 'starting';
  private errorText = '';

  constructor() {
    this.item.name = 'Vigil';
    this.item.command = 'vigil.showAssistantFindings';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
    this.item.show();
  }

  setState(state: 'starting' | 'ready' | 'error', errorText = ''): void {
    this.state = state;
    this.errorText = errorText;
    this.update();
  }

  /** The counts shown, for tests. */
  counts(): { assistant: number; all: number } {
    const all = vigilFindings(false);
    return { assistant: all.filter((e) => inAssistantCode(e.diagnostic)).length, all: all.length };
  }

  get text(): string {
    return this.item.text;
  }

  private update(): void {
    if (this.state === 'starting') {
      this.item.text = '$(loading~spin) Vigil';
      this.item.tooltip = 'Vigil: starting the language server';
      return;
    }
    if (this.state === 'error') {
      this.item.text = '$(error) Vigil';
      this.item.tooltip = `Vigil: ${this.errorText} (click for the output)`;
      this.item.command = 'vigil.showOutput';
      return;
    }
    this.item.command = 'vigil.showAssistantFindings';
    const { assistant, all } = this.counts();
    this.item.text = assistant > 0 ? `$(shield) ${assistant} in AI code` : `$(shield) ${all === 0 ? 'Vigil' : `${all}`}`;
    this.item.tooltip =
      `Vigil: ${assistant} finding${assistant === 1 ? '' : 's'} in assistant-written code, ${all} in all scanned code.` +
      (assistant > 0 ? ' Click to review them.' : '');
    this.item.backgroundColor = assistant > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/**
 * Code lenses above assistant-written regions ("Assistant-written · 2 risks ·
 * Review") and a faint decoration on their lines. Regions come from the
 * server (`vigil.listAssistantRegions`), refreshed when diagnostics change.
 */
export class AssistantRegionsView implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    borderWidth: '0 0 0 2px',
    borderStyle: 'solid',
    borderColor: new vscode.ThemeColor('editorInfo.foreground'),
  });
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly listRegions: (uri: string) => Promise<AssistantRegionInfo[]>,
    private readonly settings: () => ClientSettings,
  ) {
    this.disposables.push(
      this.changed,
      this.decoration,
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshSoon()),
    );
  }

  refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire();
      void this.decorate();
    }, 100);
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.settings().codeLens) return [];
    const regions = await this.regionsOf(document.uri);
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter(isVigilDiagnostic);
    return regions.flatMap((region) => {
      const range = new vscode.Range(region.range.start.line, 0, region.range.start.line, 0);
      const risks = diagnostics.filter((d) => diagnosticData(d)?.regionId === region.id).length;
      const title = `Assistant-written (${SOURCE_LABEL[region.source]}) · ${risks === 0 ? 'no risks found' : `${risks} risk${risks === 1 ? '' : 's'}`}`;
      const lenses = [
        new vscode.CodeLens(range, risks > 0 ? { title: `${title} · Review`, command: 'vigil.reviewRegion', arguments: [document.uri, region.id] } : { title, command: '' }),
        new vscode.CodeLens(range, { title: 'Mark reviewed', command: 'vigil.markRegionReviewed', arguments: [document.uri, region.id] }),
      ];
      return lenses;
    });
  }

  private async regionsOf(uri: vscode.Uri): Promise<AssistantRegionInfo[]> {
    try {
      return await this.listRegions(uri.toString());
    } catch {
      return [];
    }
  }

  private async decorate(): Promise<void> {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!this.settings().decorations) {
        editor.setDecorations(this.decoration, []);
        continue;
      }
      const regions = await this.regionsOf(editor.document.uri);
      editor.setDecorations(
        this.decoration,
        regions.map((r) => ({
          range: new vscode.Range(r.range.start.line, 0, Math.max(r.range.start.line, r.range.end.character === 0 ? r.range.end.line - 1 : r.range.end.line), 0),
          hoverMessage: `Assistant-written (${SOURCE_LABEL[r.source]})`,
        })),
      );
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
