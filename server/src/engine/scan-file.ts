/**
 * Scans one file's text with compiled rules: parse once, index once, run each
 * rule that passes the text prefilter, turn matches into findings.
 */
import type { CompiledRule, EngineError, Finding, ScanResult, BoundValue } from './types';
import { parseSource, type ParsedSource } from './parse/parse-source';
import { FileContext } from './match/file-context';
import { evaluateFormula, type AlgebraMatch } from './match/formula';
import { formulaRequirement, satisfied, taintRequirement } from './match/prefilter';
import { pathApplies } from './match/path-filter';
import { couldMatchText } from './match/text-prefilter';
import { collectTaintMarks } from './taint/taint-marks';
import { analyzeTaint, type TaintFlow } from './taint/analyze-taint';
import { bindingRange, bindingText, envEntries, lookup, type Env } from './match/env';
import { findSuppressions, isSuppressed } from './suppress';
import { buildFixEdits } from './fix/build-fix';
import { interpolate } from './fix/interpolate';
import { fingerprintFinding } from './fingerprint';
import { isSecretRule, redactAll } from './redact';

/** Options for {@link scanFile}. */
export interface ScanOptions {
  /** Skip `paths:` include/exclude checks (the path is not a real file path). */
  ignorePathFilters?: boolean;
  /** A parse of this exact text made earlier (the language server parses once per version). */
  parsed?: ParsedSource;
  /**
   * Do not parse a file that no rule can match, judged on its raw text (see
   * match/text-prefilter.ts): the findings are the same, but such a file's parse
   * errors are not reported, since it is never parsed. For batch scans (the CLI),
   * where most of the cost is parsing; ignored when `parsed` is given.
   */
  textPrefilter?: boolean;
}

/** Scans `text` (the content of `path`) with `rules`. Never throws: problems are `errors`. */
export function scanFile(text: string, path: string, rules: readonly CompiledRule[], options: ScanOptions = {}): ScanResult {
  const errors: EngineError[] = [];
  const findings: Finding[] = [];
  if (options.textPrefilter === true && options.parsed === undefined && !couldMatchText(text, path, rules, options.ignorePathFilters === true)) return { findings, errors };
  let parsed: ParsedSource;
  try {
    parsed = options.parsed && options.parsed.text === text ? options.parsed : parseSource(text, path);
  } catch (error) {
    return { findings, errors: [{ kind: 'internal', level: 'error', path, message: `could not parse ${path}: ${String(error)}` }] };
  }
  errors.push(...parsed.errors);
  if (!parsed.program) return { findings, errors };
  const ctx = new FileContext(text, parsed.program);
  const suppressions = findSuppressions(text);
  const occurrences = new Map<string, number>();
  const taintRules: CompiledRule[] = [];
  for (const rule of rules) {
    if (!options.ignorePathFilters && !pathApplies(rule, path)) continue;
    if (rule.mode === 'taint') {
      if (rule.taint && satisfied(taintRequirement(rule.taint), ctx)) taintRules.push(rule);
      continue;
    }
    if (!rule.formula) continue;
    let matches: AlgebraMatch[];
    try {
      if (!satisfied(formulaRequirement(rule.formula), ctx)) continue;
      matches = evaluateFormula(rule.formula, ctx);
    } catch (error) {
      errors.push({
        kind: 'rule-run',
        level: 'error',
        path,
        ruleId: rule.id,
        message: `rule "${rule.id}" failed on ${path}: ${error instanceof Error ? error.message : String(error)} (rule defined at ${rule.loc.file}:${rule.loc.line})`,
      });
      continue;
    }
    const seenRanges = new Set<string>();
    for (const m of matches) {
      const key = `${m.start}:${m.end}`;
      if (seenRanges.has(key)) continue;
      seenRanges.add(key);
      const start = parsed.lines.positionAt(m.start);
      if (isSuppressed(suppressions, start.line, rule.id)) continue;
      findings.push(toFinding(rule, m, parsed, ctx, occurrences));
    }
  }
  if (taintRules.length > 0) runTaint(taintRules, parsed, ctx, suppressions, occurrences, findings, errors);
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings, errors };
}

/**
 * All taint rules of the file in one analysis: their specs are matched, then
 * one pass over the code follows values from sources to sinks.
 */
function runTaint(rules: CompiledRule[], parsed: ParsedSource, ctx: FileContext, suppressions: ReturnType<typeof findSuppressions>, occurrences: Map<string, number>, findings: Finding[], errors: EngineError[]): void {
  let flows: TaintFlow[];
  try {
    const marks = collectTaintMarks(rules, ctx);
    for (const p of marks.problems) {
      const rule = rules[p.rule]!;
      errors.push({ kind: 'rule-run', level: 'error', path: parsed.path, ruleId: rule.id, message: `rule "${rule.id}": ${p.message} (rule defined at ${rule.loc.file}:${rule.loc.line})` });
    }
    flows = analyzeTaint(rules, ctx, marks);
  } catch (error) {
    const ids = rules.map((r) => r.id).join(', ');
    errors.push({ kind: 'rule-run', level: 'error', path: parsed.path, message: `taint analysis failed on ${parsed.path} for rules ${ids}: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  flows.sort((a, b) => a.sinkStart - b.sinkStart || a.rule - b.rule);
  for (const flow of flows) {
    const rule = rules[flow.rule]!;
    const start = parsed.lines.positionAt(flow.sinkStart);
    if (isSuppressed(suppressions, start.line, rule.id)) continue;
    const finding = toFinding(rule, { start: flow.sinkStart, end: flow.sinkEnd, env: withSourceBindings(flow.sinkEnv, flow.sourceEnv) }, parsed, ctx, occurrences);
    finding.trace = flow.trace.map((step) => ({
      kind: step.kind === 'propagator' ? 'assignment' : step.kind,
      start: step.start,
      end: step.end,
      range: { start: parsed.lines.positionAt(step.start), end: parsed.lines.positionAt(step.end) },
      label: `${step.label}: ${oneLine(parsed.text.slice(step.start, step.end))}`,
    }));
    findings.push(finding);
  }
}

/** The sink's bindings plus the source's that don't collide with them (Semgrep's rule for messages). */
function withSourceBindings(sink: Env, source: Env | undefined): Env {
  let out = sink;
  for (const [name, value] of envEntries(source ?? null)) {
    if (!lookup(out, name)) out = { name, value, next: out };
  }
  return out;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function toFinding(rule: CompiledRule, m: AlgebraMatch, parsed: ParsedSource, ctx: FileContext, occurrences: Map<string, number>): Finding {
  const text = parsed.text;
  const metavariables: Record<string, BoundValue> = {};
  for (const [name, b] of envEntries(m.env)) {
    const [start, end] = bindingRange(b);
    metavariables[name] = { text: bindingText(text, b), start, end };
  }
  const snippet = text.slice(m.start, m.end);
  const fnName = m.node ? ctx.enclosingFunctionName(m.node) : undefined;
  const occurrenceKey = `${rule.id}\u0000${snippet.replace(/\s+/g, ' ')}\u0000${fnName ?? ''}`;
  const occurrence = occurrences.get(occurrenceKey) ?? 0;
  occurrences.set(occurrenceKey, occurrence + 1);
  const finding: Finding = {
    ruleId: rule.id,
    path: parsed.path,
    range: { start: parsed.lines.positionAt(m.start), end: parsed.lines.positionAt(m.end) },
    start: m.start,
    end: m.end,
    message: interpolate(rule.message, metavariables).trim(),
    severity: rule.severity,
    metadata: rule.metadata,
    snippet,
    metavariables,
    fingerprint: fingerprintFinding(rule.id, snippet, fnName, occurrence),
  };
  if (isSecretRule(rule)) redactFinding(finding, m, ctx);
  if (rule.fix !== undefined || rule.fixRegex) {
    const edits = buildFixEdits(rule, text, { start: m.start, end: m.end, metavariables });
    if (edits && edits.length > 0) finding.fix = { edits, safe: rule.metadata['fix-safety'] !== 'suggestion' };
  }
  return finding;
}

/** Hides the secret a hard-coded-credential finding matched, in every text field it could appear in. */
function redactFinding(finding: Finding, m: AlgebraMatch, ctx: FileContext): void {
  const secrets = new Set<string>();
  for (const node of ctx.nodesOfType('Literal')) {
    const value = (node as { value: unknown }).value;
    if (typeof value === 'string' && node.range[0] >= m.start && node.range[1] <= m.end && value.length > 0) secrets.add(value);
  }
  for (const node of ctx.nodesOfType('TemplateElement')) {
    const raw = (node as { value: { raw: string } }).value.raw;
    if (node.range[0] >= m.start && node.range[1] <= m.end && raw.trim().length > 0) secrets.add(raw);
  }
  for (const [, b] of envEntries(m.env)) {
    if (b.kind === 'text' && b.text.length > 0) secrets.add(b.text);
  }
  // A regex match over raw text has no literal: the whole match is the secret.
  if (secrets.size === 0) secrets.add(finding.snippet);
  const list = [...secrets];
  finding.snippet = redactAll(finding.snippet, list);
  finding.message = redactAll(finding.message, list);
  for (const value of Object.values(finding.metavariables)) value.text = redactAll(value.text, list);
  finding.redacted = true;
}
