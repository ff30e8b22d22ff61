/** `vigil hook`: after an agent's edit, scans the written file, records the written range as assistant-written, and tells the agent what to fix (exit 2). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanFile } from '../../engine/scan-file';
import type { EngineError, Finding } from '../../engine/types';
import { scanFilesWithSemgrep, semgrepRules } from '../../semgrep/scan-with-semgrep';
import { extensionsForLanguages } from '../../semgrep/semgrep-languages';
import type { HookCommand } from '../args';
import {
  DEFAULT_PROVENANCE_PATH,
  intersectsRegions,
  provenanceRoot,
  rangeOfOffsets,
  recordAssistantEdit,
  type ProvenanceEdit,
  type RegionRange,
} from '../assistant-regions';
import { SCANNABLE_EXTENSIONS } from '../collect-files';
import { formatForAgent } from '../formatters/agent';
import { parseHookPayload, writtenOffsets, type HookEdit } from '../hook-payload';
import { loadRulesCached, type RuleCacheLocation } from '../../shared/rule-cache-file';
import type { ReportedFinding } from '../scan-report';
import { OffsetMapper, toReportedFinding } from '../to-reported-finding';
import { isAtOrAbove, rulePathsFor, type CommandOutcome } from './scan';

/** Where the hook runs: the working directory, the process environment, stdin's text, the bundled rules. */
export interface HookEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  bundledRulesDir: string;
  /** The compiled bundled rules, when the CLI runs from its bundle (see rule-cache-file.ts). */
  ruleCache?: RuleCacheLocation;
  readStdin: () => string;
}

/**
 * Runs the hook. Exit 0: nothing at or above `--fail-on` in the written code (or nothing to do);
 * exit 2: findings the agent must fix, printed on stderr (Claude Code shows a hook's stderr to
 * the model only on exit 2); exit 1: the hook could not do its job (bad payload, rule errors),
 * shown to the user and not to the agent, which could not fix those.
 */
export async function runHook(command: HookCommand, env: HookEnvironment): Promise<CommandOutcome> {
  let edit: HookEdit;
  if (command.file !== undefined) {
    edit = { filePath: command.file, written: 'whole-file', tool: 'file' };
  } else {
    const payload = parseHookPayload(env.readStdin());
    if (payload.kind === 'error') return { stdout: '', stderr: `vigil hook: ${payload.message}\n`, exitCode: 1 };
    if (payload.kind === 'ignore') return { stdout: '', stderr: '', exitCode: 0 };
    edit = payload.edit;
  }
  const baseDir = edit.baseDir ?? env.cwd;
  const absolute = path.resolve(baseDir, edit.filePath);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch {
    // The file is gone (a delete, a rename): nothing written to scan.
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const projectRoot = env.env.CLAUDE_PROJECT_DIR ?? edit.baseDir ?? gitRoot(path.dirname(absolute)) ?? env.cwd;
  const displayPath = displayFor(absolute, projectRoot);
  const spans = writtenOffsets(text, edit.written);
  const ranges = spans.map(([start, end]) => rangeOfOffsets(text, start, end));
  const messages: string[] = [];

  if (command.record && ranges.length > 0) {
    const regionsFile = command.regionsFile !== undefined ? path.resolve(env.cwd, command.regionsFile) : path.join(projectRoot, DEFAULT_PROVENANCE_PATH);
    try {
      recordAssistantEdit(regionsFile, provenanceEdit(absolute, regionsFile, ranges, edit.tool), edit.written === 'whole-file');
    } catch (error) {
      messages.push(`vigil hook: could not record the assistant-written range in ${regionsFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const loaded = loadRulesCached(rulePathsFor(command, { cwd: env.cwd, bundledRulesDir: env.bundledRulesDir }), env.ruleCache);
  const ruleErrors = loaded.errors.filter((error) => error.level === 'error');
  if (ruleErrors.length > 0) {
    const first = ruleErrors[0];
    return { stdout: '', stderr: `${[...messages, `vigil hook: ${ruleErrors.length} rule error(s), first: ${describe(first)}`].join('\n')}\n`, exitCode: 1 };
  }
  let findings: Finding[] = [];
  const extension = path.extname(absolute).toLowerCase();
  if (SCANNABLE_EXTENSIONS.includes(extension)) {
    findings = scanFile(text, displayPath, loaded.rules).findings;
  } else {
    const rules = semgrepRules(loaded.foreignRules);
    if (extensionsForLanguages(rules.flatMap((rule) => rule.languages)).has(extension)) {
      const result = await scanFilesWithSemgrep([{ reportPath: displayPath, absolutePath: absolute, text }], rules, {
        ...(command.semgrepPath === undefined ? {} : { executable: command.semgrepPath }),
        env: env.env,
        timeoutMs: command.semgrepTimeoutSeconds * 1000,
      });
      findings = result.findings;
      if (result.status === 'missing') messages.push(`vigil hook: ${displayPath} was not scanned: semgrep is not installed`);
    }
  }
  const mapper = new OffsetMapper(text);
  const written: ReportedFinding[] = findings
    .filter((finding) => intersectsRegions(ranges, finding.range.start, finding.range.end))
    .map((finding) => toReportedFinding(finding, displayPath, text, mapper));
  const failing = written.filter((finding) => isAtOrAbove(finding.result.severity, command.failOn));
  const stderrPrefix = messages.length > 0 ? `${messages.join('\n')}\n` : '';
  if (failing.length > 0) {
    return { stdout: '', stderr: stderrPrefix + formatForAgent(written, displayPath, true), exitCode: 2 };
  }
  return { stdout: written.length > 0 ? formatForAgent(written, displayPath, false) : '', stderr: stderrPrefix, exitCode: 0 };
}

function provenanceEdit(absolute: string, regionsFile: string, ranges: RegionRange[], tool: string): ProvenanceEdit {
  const relative = path.relative(provenanceRoot(regionsFile), absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const where = inside ? { path: relative.split(path.sep).join('/') } : { uri: pathToFileURL(absolute).href };
  return { ...where, ranges, source: 'hook', tool, recordedAt: new Date().toISOString() };
}

function displayFor(absolute: string, root: string): string {
  const relative = path.relative(root, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
}

function gitRoot(dir: string): string | undefined {
  const run = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

function describe(error: EngineError | undefined): string {
  if (error === undefined) return '';
  return `${error.path ?? ''}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}`;
}
