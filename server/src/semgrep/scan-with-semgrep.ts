/** The semgrep bridge's entry points: scan files (CLI) or one open document (language server) in other languages with the foreign rules. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { EngineError, Finding, ForeignRule } from '../engine/types';
import { mapSemgrepOutput, type SemgrepTarget } from './map-semgrep-output';
import { locateSemgrep, runSemgrep } from './run-semgrep';
import { ENGINE_LANGUAGES } from './semgrep-languages';

/** How to run semgrep. */
export interface SemgrepBridgeOptions {
  /** The executable (`--semgrep-path`, a setting); else `VIGIL_SEMGREP`, else `semgrep` on PATH. */
  executable?: string;
  env?: NodeJS.ProcessEnv;
  /** Default 300 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  cwd?: string;
}

/** One file for the bridge: the path findings name, where it is on disk, and its text (read when absent). */
export interface SemgrepFile {
  reportPath: string;
  absolutePath: string;
  text?: string;
}

/** What a bridge run gives: findings per report path, errors, and whether semgrep ran at all. */
export interface SemgrepScanResult {
  /** `ran`: semgrep produced JSON; `missing`: no executable; `failed`: it crashed, timed out or was cancelled. */
  status: 'ran' | 'missing' | 'failed' | 'no-rules';
  findings: Finding[];
  errors: EngineError[];
}

/** How to install semgrep, for the one message that says it is missing. */
export const SEMGREP_INSTALL_HINT =
  'install semgrep (`pipx install semgrep`, `pip install semgrep` or `brew install semgrep`) or point --semgrep-path / VIGIL_SEMGREP at it';

/** Rules the bridge hands to semgrep: every foreign rule that is not for a language the engine runs itself. */
export function semgrepRules(rules: readonly ForeignRule[]): ForeignRule[] {
  return rules.filter((rule) => rule.languages.some((language) => !ENGINE_LANGUAGES.includes(language.toLowerCase())));
}

/**
 * Scans `files` with semgrep and `rules` (the foreign rules `loadRules` returned), in one process.
 *
 * Why one config file of our own: the loaded rule files may mix JS/TS rules (with Vigil-only
 * features semgrep would reject) with rules for other languages; writing just the foreign
 * rules, as loaded, gives semgrep exactly "our rules and the user's for that language". Never
 * throws: a missing semgrep is `status: 'missing'` (the caller says so once), a crash or a
 * timeout one error entry.
 */
export async function scanFilesWithSemgrep(
  files: readonly SemgrepFile[],
  rules: readonly ForeignRule[],
  options: SemgrepBridgeOptions = {},
): Promise<SemgrepScanResult> {
  const selected = semgrepRules(rules);
  if (selected.length === 0 || files.length === 0) return { status: 'no-rules', findings: [], errors: [] };
  const executable = locateSemgrep(options.executable, options.env);
  if (executable === undefined) return { status: 'missing', findings: [], errors: [] };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-semgrep-'));
  try {
    const config = path.join(workDir, 'rules.yaml');
    fs.writeFileSync(config, stringify({ rules: selected.map((rule) => rule.raw) }));
    const targets = new Map<string, SemgrepTarget>();
    const errors: EngineError[] = [];
    for (const file of files) {
      let text = file.text;
      if (text === undefined) {
        try {
          text = fs.readFileSync(file.absolutePath, 'utf8');
        } catch (error) {
          errors.push({ kind: 'internal', level: 'error', path: file.reportPath, message: `could not read ${file.reportPath}: ${String(error)}` });
          continue;
        }
      }
      targets.set(file.absolutePath, { reportPath: file.reportPath, text });
    }
    const run = await runSemgrep({
      executable,
      configFiles: [config],
      targets: [...targets.keys()],
      cwd: options.cwd ?? process.cwd(),
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    if (run.kind === 'not-found') return { status: 'missing', findings: [], errors };
    if (run.kind !== 'ok') {
      const names = [...targets.values()].map((target) => target.reportPath);
      errors.push({ kind: 'internal', level: 'error', message: `${run.message}; not scanned: ${summarizeList(names)}` });
      return { status: 'failed', findings: [], errors };
    }
    const mapped = mapSemgrepOutput(run.output, targets);
    return { status: 'ran', findings: mapped.findings, errors: [...errors, ...mapped.errors] };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Scans one document (the language server, on open and on save) with semgrep: `text` is
 * written to a temporary file with the document's name, so semgrep picks the language from
 * the extension and sees unsaved text, and findings come back named `filePath`.
 *
 * Why a temp copy rather than the file itself: on open the buffer may differ from the disk,
 * and semgrep reading stdin (`-`) would lose the extension.
 */
export async function scanDocumentWithSemgrep(
  filePath: string,
  text: string,
  rules: readonly ForeignRule[],
  options: SemgrepBridgeOptions = {},
): Promise<SemgrepScanResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-semgrep-doc-'));
  try {
    const copy = path.join(dir, path.basename(filePath));
    fs.writeFileSync(copy, text);
    return await scanFilesWithSemgrep([{ reportPath: filePath, absolutePath: copy, text }], rules, options);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `a.py, b.go and 3 more`: file lists in one-line messages stay short. */
export function summarizeList(names: readonly string[], shown = 5): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
