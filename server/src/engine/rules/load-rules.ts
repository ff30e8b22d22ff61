/** Loads Semgrep-syntax rule files into compiled JS/TS rules and foreign rules; every problem is an error entry, never a throw. */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { CompiledRule, EngineError, ForeignRule, LoadRulesResult, Severity, SourceLocation } from '../types';
import { compileFormulaOf, compileOrReport, compileTaint } from './compile-formula';
import { checkKeys, checkType, errorCount, report, reportRule, scalarText, stringList, type RuleContext } from './rule-checks';
import {
  ADVERTISED_SEVERITIES,
  FIX_REGEX_KEYS,
  FORMULA_KEYS,
  JS_TS_LANGUAGES,
  PATHS_KEYS,
  RULE_KEYS,
  RULE_OPTIONS,
  SEVERITIES,
  suggestKey,
  SUPPORTED_MODES,
  TAINT_KEYS,
  TAINT_MATCH_ON_VALUES,
  UNSUPPORTED_MODES,
} from './rule-schema';
import { getEntry, readYaml, toPlain, type YMap, type YNode } from './yaml-tree';

/** Ids already loaded, and where: duplicate ids are detected across every file of one load. */
type SeenIds = Map<string, SourceLocation>;

/**
 * Parses one rule file's text. Pure: no file system access. Rules for
 * JavaScript/TypeScript are compiled; rules for other languages are kept as
 * foreign rules for the semgrep bridge. One bad rule never stops the others;
 * never throws.
 */
export function parseRuleFile(text: string, file: string): LoadRulesResult {
  const result: LoadRulesResult = { rules: [], foreignRules: [], errors: [] };
  parseInto(text, file, new Map(), result);
  return result;
}

/**
 * Loads rules from files and directory trees (`.yaml`/`.yml`, recursively, in
 * sorted order, skipping `node_modules` and dot-folders). A missing or
 * unreadable path, bad YAML or a bad rule becomes an error entry and the rest
 * still load. A rule id seen twice: the later rule is skipped with an error.
 * Never throws.
 */
export function loadRules(paths: string[], options: LoadRulesOptions = {}): LoadRulesResult {
  const result: LoadRulesResult = { rules: [], foreignRules: [], errors: [] };
  const seen: SeenIds = new Map();
  for (const [index, p] of paths.entries()) {
    const precompiled = options.precompiled;
    if (index === 0 && precompiled !== undefined && precompiled.path === p) {
      // Exactly what loading this first path would give (see LoadRulesOptions): its ids are claimed for the paths after it.
      result.rules.push(...precompiled.result.rules);
      result.foreignRules.push(...precompiled.result.foreignRules);
      result.errors.push(...precompiled.result.errors);
      for (const rule of [...precompiled.result.rules, ...precompiled.result.foreignRules]) if (!seen.has(rule.id)) seen.set(rule.id, rule.loc);
      continue;
    }
    for (const file of ruleFilesUnder(p, result.errors)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        result.errors.push({ kind: 'rule-load', level: 'error', path: file, message: `cannot read rule file: ${describeFsError(e)}` });
        continue;
      }
      parseInto(text, file, seen, result);
    }
  }
  return result;
}

/** Options of {@link loadRules}. */
export interface LoadRulesOptions {
  /**
   * The result of an earlier `loadRules([path])` (a compiled-rule cache, see
   * rule-cache.ts), used instead of reading `path` when it is the first of the
   * paths. The caller vouches that the files under `path` have not changed since.
   */
  precompiled?: { path: string; result: LoadRulesResult };
}

/** The rule files a path stands for: itself if a file, else the `.yaml`/`.yml` files below it. */
export function ruleFilesUnder(path: string, errors: EngineError[]): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && (e as NodeJS.ErrnoException).code === 'ENOENT';
    errors.push({
      kind: 'rule-load',
      level: 'error',
      path,
      message: missing ? `rule path not found: ${path}` : `cannot read rule path ${path}: ${describeFsError(e)}`,
    });
    return [];
  }
  if (!stat.isDirectory()) return [path];
  const out: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      real = dir;
    }
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (e) {
      errors.push({ kind: 'rule-load', level: 'error', path: dir, message: `cannot read rule directory: ${describeFsError(e)}` });
      return;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = nodePath.join(dir, name);
      let isDir: boolean;
      try {
        isDir = fs.statSync(full).isDirectory();
      } catch {
        continue; // a dangling symlink: nothing to load
      }
      if (isDir) walk(full);
      else if (/\.ya?ml$/i.test(name)) out.push(full);
    }
  };
  walk(path);
  return out;
}

function describeFsError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
    return e.message;
  }
  return String(e);
}

function parseInto(text: string, file: string, seen: SeenIds, result: LoadRulesResult): void {
  const firstError = result.errors.length;
  parseFile(text, file, seen, result);
  // Problems are found key by key; report a file's in the order they are written (the sort is stable).
  const mine = result.errors.splice(firstError).sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
  result.errors.push(...mine);
}

function parseFile(text: string, file: string, seen: SeenIds, result: LoadRulesResult): void {
  const fileError = (line: number, message: string, level: EngineError['level'] = 'error'): void => {
    result.errors.push({ kind: 'rule-load', level, path: file, line, message });
  };
  const yaml = readYaml(text);
  if (yaml.errors.length > 0) {
    for (const e of yaml.errors) fileError(e.line, `invalid YAML: ${e.message}`);
    return;
  }
  const root = yaml.root;
  if (root === undefined) {
    fileError(1, 'not a rule file: it is empty (expected a top-level "rules:" list)');
    return;
  }
  const rulesEntry = root.kind === 'map' ? getEntry(root, 'rules') : undefined;
  if (root.kind !== 'map' || rulesEntry === undefined) {
    fileError(root.line, 'not a rule file: expected a top-level "rules:" list');
    return;
  }
  for (const dup of root.duplicates) fileError(dup.line, `"${dup.key}" is written twice (first on line ${dup.firstLine}); the later one is ignored`);
  for (const entry of root.entries) {
    if (entry.key !== 'rules') fileError(entry.keyLine, `unknown top-level key "${entry.key}" (a rule file holds only "rules:"); it is ignored`, 'warning');
  }
  const list = rulesEntry.value;
  if (list.kind !== 'seq') {
    if (!(list.kind === 'scalar' && list.value === null)) {
      fileError(rulesEntry.keyLine, `"rules" must be a list of rules (got ${list.kind === 'map' ? 'a mapping' : 'a plain value'})`);
    }
    return;
  }
  list.items.forEach((item, index) => loadOneRule(item, index, file, seen, result));
}

function loadOneRule(node: YNode, index: number, file: string, seen: SeenIds, result: LoadRulesResult): void {
  const ctx: RuleContext = { file, label: `rule #${index + 1}`, errors: result.errors, failures: 0 };
  if (node.kind !== 'map') {
    reportRule(ctx, node.line, `must be a mapping with id, message, severity, languages and a pattern (got ${node.kind === 'seq' ? 'a list' : 'a plain value'})`);
    return;
  }
  const idEntry = getEntry(node, 'id');
  if (idEntry === undefined) {
    reportRule(ctx, node.line, 'missing required key "id"');
    return;
  }
  const id = scalarText(idEntry.value);
  if (id === undefined || id.trim() === '') {
    reportRule(ctx, idEntry.keyLine, id === undefined ? `"id" must be a string` : '"id" must not be empty');
    return;
  }
  ctx.ruleId = id;
  const loc: SourceLocation = { file, line: idEntry.keyLine };
  const before = errorCount(ctx);

  const languages = readLanguages(ctx, node);
  if (languages === undefined) return;
  const isJs = languages.some((l) => JS_TS_LANGUAGES.has(l.toLowerCase()));

  if (!isJs) {
    // Foreign rule: only the keys every rule shares are checked; the bridge's semgrep validates the rest.
    requireString(ctx, node, 'message', true);
    readSeverity(ctx, node, true);
    if (errorCount(ctx) > before) return;
    if (!claimId(ctx, seen, loc)) return;
    result.foreignRules.push({ id, languages, raw: toPlain(node) as Record<string, unknown>, loc } satisfies ForeignRule);
    return;
  }

  checkKeys(ctx, node, RULE_KEYS, '');
  const message = requireString(ctx, node, 'message', false);
  const severity = readSeverity(ctx, node, false);
  const mode = readMode(ctx, node);
  const rule: CompiledRule = {
    id,
    message: message ?? '',
    severity: severity ?? 'info',
    languages,
    metadata: {},
    mode: mode ?? 'search',
    options: {},
    loc,
  };
  if (mode === 'search') {
    for (const key of TAINT_KEYS) {
      const entry = getEntry(node, key);
      if (entry !== undefined) reportRule(ctx, entry.keyLine, `"${key}" needs "mode: taint"`);
    }
    if (formulaProblemReported(node)) {
      // "unknown key \"patern\" … (did you mean \"pattern\"?)" already says what is missing.
      ensureFailed(ctx, before, node.line);
    } else {
      const formula = compileFormulaOf(ctx, node, '');
      if (formula === undefined) ensureFailed(ctx, before, node.line);
      else rule.formula = formula;
    }
  } else if (mode === 'taint') {
    for (const key of FORMULA_KEYS) {
      const entry = getEntry(node, key);
      if (entry !== undefined) reportRule(ctx, entry.keyLine, `"${key}" cannot be used with "mode: taint" (use pattern-sources and pattern-sinks)`);
    }
    const taint = compileTaint(ctx, node);
    if (taint === undefined) ensureFailed(ctx, before, node.line);
    else rule.taint = taint;
  }
  readFix(ctx, node, rule);
  readPaths(ctx, node, rule);
  const metadata = getEntry(node, 'metadata')?.value;
  if (metadata?.kind === 'map') rule.metadata = toPlain(metadata) as Record<string, unknown>;
  readOptions(ctx, node, rule);

  if (errorCount(ctx) > before) return;
  if (!claimId(ctx, seen, loc)) return;
  result.rules.push(rule);
}

/**
 * True when the rule has no formula key but the schema check already said why:
 * a misspelt formula key ("patern") or an unsupported formula syntax (`match:`).
 */
function formulaProblemReported(rule: YMap): boolean {
  const formulaKeys: readonly string[] = FORMULA_KEYS;
  if (rule.entries.some((e) => formulaKeys.includes(e.key))) return false;
  return rule.entries.some((e) => {
    const spec = RULE_KEYS[e.key];
    if (spec === undefined) return formulaKeys.includes(suggestKey(e.key, Object.keys(RULE_KEYS)) ?? '');
    return !spec.supported && (e.key === 'match' || e.key === 'taint');
  });
}

/** Makes sure a rule that could not be compiled has at least one error (it always should). */
function ensureFailed(ctx: RuleContext, before: number, line: number): void {
  if (errorCount(ctx) === before) reportRule(ctx, line, 'could not be compiled');
}

/** Records the id, or reports a duplicate (the later rule is skipped). */
function claimId(ctx: RuleContext, seen: SeenIds, loc: SourceLocation): boolean {
  const id = ctx.ruleId ?? '';
  const first = seen.get(id);
  if (first !== undefined) {
    const where = first.file === loc.file ? `line ${first.line}` : `${relativeTo(loc.file, first.file)}:${first.line}`;
    report(ctx, loc.line, `duplicate rule id "${id}" (first defined at ${where}); this rule is skipped`);
    return false;
  }
  seen.set(id, loc);
  return true;
}

/** `target` as a path relative to the directory of `from` (both as given to the loader). */
function relativeTo(from: string, target: string): string {
  const rel = nodePath.relative(nodePath.dirname(from), target);
  return rel === '' ? target : rel.split(nodePath.sep).join('/');
}

function readLanguages(ctx: RuleContext, rule: YMap): string[] | undefined {
  const entry = getEntry(rule, 'languages');
  if (entry === undefined) {
    reportRule(ctx, rule.line, 'missing required key "languages"');
    return undefined;
  }
  if (!checkType(ctx, entry.value, 'string-list', '"languages"')) return undefined;
  const languages = stringList(entry.value);
  if (languages.length === 0) {
    reportRule(ctx, entry.keyLine, '"languages" must name at least one language');
    return undefined;
  }
  return languages;
}

/** A required string key; `checkTypeHere` when no schema check has reported its type yet (foreign rules). */
function requireString(ctx: RuleContext, rule: YMap, key: string, checkTypeHere: boolean): string | undefined {
  const entry = getEntry(rule, key);
  if (entry === undefined) {
    reportRule(ctx, rule.line, `missing required key "${key}"`);
    return undefined;
  }
  const text = scalarText(entry.value);
  if (text === undefined && checkTypeHere) checkType(ctx, entry.value, 'string', `"${key}"`);
  return text;
}

function readSeverity(ctx: RuleContext, rule: YMap, checkTypeHere: boolean): Severity | undefined {
  const text = requireString(ctx, rule, 'severity', checkTypeHere);
  if (text === undefined) return undefined;
  const severity = SEVERITIES[text];
  if (severity === undefined) {
    const entry = getEntry(rule, 'severity');
    reportRule(ctx, entry?.keyLine ?? rule.line, `"severity" must be one of ${ADVERTISED_SEVERITIES.join(', ')} (got "${text}")`);
  }
  return severity;
}

function readMode(ctx: RuleContext, rule: YMap): 'search' | 'taint' | undefined {
  const entry = getEntry(rule, 'mode');
  if (entry === undefined) return 'search';
  const text = scalarText(entry.value);
  if (text === undefined) return undefined; // type reported by checkKeys
  if ((SUPPORTED_MODES as readonly string[]).includes(text)) return text as 'search' | 'taint';
  if ((UNSUPPORTED_MODES as readonly string[]).includes(text)) {
    reportRule(ctx, entry.keyLine, `"mode: ${text}" is not supported by Vigil's engine`);
  } else {
    reportRule(ctx, entry.keyLine, `"mode" must be one of ${SUPPORTED_MODES.join(', ')} (got "${text}")`);
  }
  return undefined;
}

function readFix(ctx: RuleContext, rule: YMap, out: CompiledRule): void {
  const fix = scalarText(getEntry(rule, 'fix')?.value);
  if (fix !== undefined) out.fix = fix;
  const fixRegex = getEntry(rule, 'fix-regex');
  if (fixRegex === undefined || fixRegex.value.kind !== 'map') return;
  const map = fixRegex.value;
  if (!checkKeys(ctx, map, FIX_REGEX_KEYS, 'fix-regex')) return;
  const regexEntry = getEntry(map, 'regex');
  const replacementEntry = getEntry(map, 'replacement');
  const regexText = scalarText(regexEntry?.value);
  const replacement = scalarText(replacementEntry?.value);
  if (regexEntry === undefined || regexText === undefined) reportRule(ctx, map.line, 'fix-regex is missing "regex"');
  if (replacementEntry === undefined || replacement === undefined) reportRule(ctx, map.line, 'fix-regex is missing "replacement"');
  const countNode = getEntry(map, 'count')?.value;
  const count = countNode?.kind === 'scalar' && typeof countNode.value === 'number' ? countNode.value : undefined;
  if (count !== undefined && count < 0) reportRule(ctx, countNode?.line ?? map.line, `"count" in fix-regex must not be negative (got ${count})`);
  if (regexEntry === undefined || regexText === undefined || replacement === undefined) return;
  const regex = compileOrReport(ctx, regexText, 'fix-regex', regexEntry.keyLine, false);
  if (regex === undefined) return;
  out.fixRegex = count === undefined ? { regex, replacement } : { regex, replacement, count };
}

function readPaths(ctx: RuleContext, rule: YMap, out: CompiledRule): void {
  const entry = getEntry(rule, 'paths');
  if (entry === undefined || entry.value.kind !== 'map') return;
  if (!checkKeys(ctx, entry.value, PATHS_KEYS, 'paths')) return;
  const include = getEntry(entry.value, 'include');
  const exclude = getEntry(entry.value, 'exclude');
  out.paths = {
    include: include === undefined ? [] : stringList(include.value),
    exclude: exclude === undefined ? [] : stringList(exclude.value),
  };
}

function readOptions(ctx: RuleContext, rule: YMap, out: CompiledRule): void {
  const entry = getEntry(rule, 'options');
  if (entry === undefined || entry.value.kind !== 'map') return;
  const map = entry.value;
  for (const dup of map.duplicates) reportRule(ctx, dup.line, `option "${dup.key}" is written twice (first on line ${dup.firstLine})`);
  for (const option of map.entries) {
    const type = RULE_OPTIONS[option.key];
    if (type === undefined) {
      const guess = suggestKey(option.key, Object.keys(RULE_OPTIONS));
      reportRule(ctx, option.keyLine, `unknown option "${option.key}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; it is ignored`, 'warning');
      continue;
    }
    const what = `option "${option.key}"`;
    const ok = type === 'boolean' ? checkType(ctx, option.value, 'boolean', what)
      : type === 'integer' ? checkType(ctx, option.value, 'integer', what)
      : type === 'string' ? checkType(ctx, option.value, 'string', what)
      : type === 'list' ? checkType(ctx, option.value, 'list', what)
      : true;
    if (!ok) continue;
    if (option.key === 'taint_match_on') {
      const v = scalarText(option.value) ?? '';
      if (!(TAINT_MATCH_ON_VALUES as readonly string[]).includes(v)) {
        reportRule(ctx, option.keyLine, `option "taint_match_on" must be one of ${TAINT_MATCH_ON_VALUES.join(', ')} (got "${v}")`);
        continue;
      }
    }
    out.options[option.key] = toPlain(option.value);
  }
}
