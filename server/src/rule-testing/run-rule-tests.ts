/** Runs rule fixtures like `semgrep --test`: each rule against its annotated test code and `.fixed` file; returns data, prints nothing. */
import * as fs from 'fs';
import * as path from 'path';
import { applyFixes } from '../engine/fix/apply-fixes';
import { loadRules } from '../engine/rules/load-rules';
import { scanFile } from '../engine/scan-file';
import type { CompiledRule, EngineError, Finding, LoadRulesResult, ScanResult, TextEdit } from '../engine/types';
import { checkRuleMetadata } from './check-rule-metadata';
import { describeTextDifference } from './describe-text-difference';
import { parseAnnotations, type RuleAnnotations } from './parse-annotations';

/** Scans one fixture with the rules of one rule file; the real engine by default, a stand-in in the runner's own tests. */
export type ScanFunction = (text: string, path: string, rules: readonly CompiledRule[]) => ScanResult;

/** The outcome for one rule of one rule file. */
export interface RuleTestResult {
  ruleFile: string;
  /** The rule's id; the file's stem when the file yielded no rule at all. */
  ruleId: string;
  passed: boolean;
  /** What is wrong, each saying what to add or change; empty when passed. */
  problems: string[];
}

/** The outcome of {@link runRuleTests}: one result per rule, and the counts. */
export interface RuleTestSummary {
  results: RuleTestResult[];
  passed: number;
  failed: number;
}

/** Extensions a fixture may have, in the order they are looked for. */
export const FIXTURE_EXTENSIONS = ['.ts', '.js', '.tsx', '.jsx', '.mjs', '.cjs'] as const;

const RULE_FILE = /\.ya?ml$/;

/** The engine's scan, with `paths:` filters off: a fixture's name never matches a rule's include globs. */
function scanWithEngine(text: string, filePath: string, rules: readonly CompiledRule[]): ScanResult {
  return scanFile(text, filePath, rules, { ignorePathFilters: true });
}

/**
 * Lists the rule files (`*.yaml`, `*.yml`) under `dir`, sorted, skipping
 * `node_modules` and dot-folders. The mocha spec calls this while it is being
 * defined, to make one test per file.
 */
export function findRuleFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && RULE_FILE.test(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

/** One fixture beside a rule file, its annotations, and its `.fixed` counterpart when there is one. */
interface Fixture {
  file: string;
  name: string;
  text: string;
  annotations: Map<string, RuleAnnotations>;
  fixedFile?: string;
}

function findFixtures(ruleFile: string): Fixture[] {
  const dir = path.dirname(ruleFile);
  const stem = path.basename(ruleFile).replace(RULE_FILE, '');
  const fixtures: Fixture[] = [];
  for (const ext of FIXTURE_EXTENSIONS) {
    const file = path.join(dir, stem + ext);
    if (!fs.existsSync(file)) continue;
    const fixedFile = path.join(dir, `${stem}.fixed${ext}`);
    const text = fs.readFileSync(file, 'utf8');
    fixtures.push({
      file,
      name: path.basename(file),
      text,
      annotations: parseAnnotations(text),
      fixedFile: fs.existsSync(fixedFile) ? fixedFile : undefined,
    });
  }
  return fixtures;
}

function formatLines(lines: number[]): string {
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
}

function formatError(error: EngineError): string {
  const where = error.path === undefined ? '' : `${path.basename(error.path)}${error.line === undefined ? '' : `:${error.line}`}: `;
  return `${where}${error.message}`;
}

const NO_ANNOTATIONS: RuleAnnotations = { expected: [], ruleid: [], ok: [], todoruleid: [], todook: [] };

/** Compares one rule's reported lines in one fixture with the lines its annotations expect. */
function compareLines(ruleId: string, fixture: Fixture, findings: readonly Finding[]): string[] {
  const annotations = fixture.annotations.get(ruleId) ?? NO_ANNOTATIONS;
  const reported = new Set(findings.filter((f) => f.ruleId === ruleId).map((f) => f.range.start.line + 1));
  const expected = new Set(annotations.expected);
  const missing = [...expected].filter((line) => !reported.has(line)).sort((a, b) => a - b);
  const unexpected = [...reported].filter((line) => !expected.has(line)).sort((a, b) => a - b);
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `${fixture.name}: missed ${formatLines(missing)}: annotated \`ruleid:\` (or \`todook:\`) but not reported. ` +
        'Widen the rule, or mark a known gap `todoruleid:`.',
    );
  }
  const okLines = new Set(annotations.ok);
  const todoLines = new Set(annotations.todoruleid);
  const onOk = unexpected.filter((line) => okLines.has(line));
  const onTodo = unexpected.filter((line) => todoLines.has(line) && !okLines.has(line));
  const other = unexpected.filter((line) => !okLines.has(line) && !todoLines.has(line));
  if (onOk.length > 0) {
    problems.push(
      `${fixture.name}: false positive on ${formatLines(onOk)}, annotated \`ok:\`. ` +
        'Narrow the rule (e.g. a `pattern-not`), or mark a known false positive `todook:`.',
    );
  }
  if (onTodo.length > 0) {
    problems.push(
      `${fixture.name}: reported on ${formatLines(onTodo)}, annotated \`todoruleid:\` (a known miss). ` +
        'The rule catches it now: change the annotation to `ruleid:`.',
    );
  }
  if (other.length > 0) {
    problems.push(
      `${fixture.name}: unexpected finding on ${formatLines(other)}, which has no annotation for this rule. ` +
        'Add `// ruleid: ' + ruleId + '` above it if it should match, or narrow the rule.',
    );
  }
  return problems;
}

/** Applies every finding's fix edits to a fixture and compares the result with its `.fixed` file. */
function compareFixed(fixture: Fixture, fixedFile: string, findings: readonly Finding[]): string | undefined {
  const edits: TextEdit[] = findings.flatMap((f) => f.fix?.edits ?? []);
  const actual = applyFixes(fixture.text, edits).text;
  const expected = fs.readFileSync(fixedFile, 'utf8');
  const diff = describeTextDifference(expected, actual, {
    expected: `${path.basename(fixedFile)} (expected)`,
    actual: `${fixture.name} with ${edits.length} fix edit${edits.length === 1 ? '' : 's'} applied`,
  });
  return diff === undefined
    ? undefined
    : `${path.basename(fixedFile)} differs from ${fixture.name} with every fix applied. ` +
        `Correct the rule's \`fix:\` or the .fixed file:\n${diff}`;
}

/** The checks that do not need a scan: id, fixtures present, annotations present, `.fixed` present, metadata. */
function checkRuleShape(rule: CompiledRule, stem: string, fixtures: Fixture[]): string[] {
  const problems: string[] = [];
  if (rule.id !== stem) {
    problems.push(`rule id \`${rule.id}\` differs from its file name: rename the id to \`${stem}\`, or the file to \`${rule.id}.yaml\`.`);
  }
  if (fixtures.length === 0) {
    problems.push(
      `no test code beside the rule: add \`${stem}.ts\` (or ${FIXTURE_EXTENSIONS.slice(1).join(', ')}) ` +
        `with \`// ruleid: ${rule.id}\` above code that must match and \`// ok: ${rule.id}\` above look-alikes that must not.`,
    );
  } else {
    const annotated = (kind: 'ruleid' | 'ok'): boolean =>
      fixtures.some((f) => (f.annotations.get(rule.id)?.[kind].length ?? 0) > 0);
    if (!annotated('ruleid')) {
      problems.push(`no \`ruleid: ${rule.id}\` annotation in ${fixtures.map((f) => f.name).join(', ')}: add \`// ruleid: ${rule.id}\` above at least one case the rule must catch.`);
    }
    if (!annotated('ok')) {
      problems.push(`no \`ok: ${rule.id}\` annotation in ${fixtures.map((f) => f.name).join(', ')}: add \`// ok: ${rule.id}\` above at least one safe look-alike (e.g. the fixed form).`);
    }
  }
  const hasFix = rule.fix !== undefined || rule.fixRegex !== undefined;
  const firstFixture = fixtures[0];
  if (hasFix && firstFixture !== undefined && fixtures.every((f) => f.fixedFile === undefined)) {
    const first = firstFixture.name;
    const fixedName = first.replace(/(\.[^.]+)$/, '.fixed$1');
    problems.push(`the rule has a fix but no \`.fixed\` file: add \`${fixedName}\`, a copy of ${first} with every fix applied.`);
  }
  problems.push(...checkRuleMetadata(rule));
  return problems;
}

/**
 * Tests one rule file: loads it with the engine's loader, checks each rule's
 * id, metadata and fixtures, scans every fixture beside it (`stem.ts`,
 * `stem.js`, ...) with all of the file's rules, and compares reported start
 * lines with the annotated ones, and fixed text with `stem.fixed.<ext>`.
 * Returns one result per rule.
 */
export function runRuleFile(ruleFile: string, scan: ScanFunction = scanWithEngine): RuleTestResult[] {
  const stem = path.basename(ruleFile).replace(RULE_FILE, '');
  const loaded: LoadRulesResult = loadRules([ruleFile]);
  const fixtures = findFixtures(ruleFile);
  const rules = loaded.rules;

  const problemsById = new Map<string, string[]>(rules.map((r) => [r.id, []]));
  const fileProblems: string[] = [];
  const addProblem = (ruleId: string | undefined, problem: string): void => {
    const list = ruleId === undefined ? undefined : problemsById.get(ruleId);
    if (list !== undefined) list.push(problem);
    else fileProblems.push(problem);
  };

  for (const error of loaded.errors) addProblem(error.ruleId, `loading failed: ${formatError(error)}`);
  for (const foreign of loaded.foreignRules) {
    fileProblems.push(
      `rule \`${foreign.id}\` is for ${foreign.languages.join(', ')}: the rule tests run JavaScript/TypeScript rules only.`,
    );
  }

  for (const rule of rules) problemsById.get(rule.id)?.push(...checkRuleShape(rule, stem, fixtures));

  const rulesWithFix = rules.filter((r) => r.fix !== undefined || r.fixRegex !== undefined);
  if (rules.length > 0) {
    for (const fixture of fixtures) {
      const { findings, errors } = scan(fixture.text, fixture.file, rules);
      for (const error of errors) addProblem(error.ruleId, `scanning ${fixture.name} failed: ${formatError(error)}`);
      for (const rule of rules) problemsById.get(rule.id)?.push(...compareLines(rule.id, fixture, findings));
      if (fixture.fixedFile === undefined) continue;
      const problem = compareFixed(fixture, fixture.fixedFile, findings);
      if (problem === undefined) continue;
      // The fixed text is the work of every fix in the file: charge the rules that have one.
      const charged = rulesWithFix.length > 0 ? rulesWithFix : rules;
      for (const rule of charged) problemsById.get(rule.id)?.push(problem);
    }
  }

  if (rules.length === 0) {
    if (fileProblems.length === 0) fileProblems.push('the file defines no rule: add a `rules:` list with one rule whose `id` is `' + stem + '`.');
    return [{ ruleFile, ruleId: stem, passed: false, problems: fileProblems }];
  }
  return rules.map((rule) => {
    const problems = [...fileProblems, ...(problemsById.get(rule.id) ?? [])];
    return { ruleFile, ruleId: rule.id, passed: problems.length === 0, problems };
  });
}

/**
 * Runs every rule file under `dir` (`dir/**\/X.yaml`) against its fixtures;
 * see {@link runRuleFile}. `dir` may also be one rule file. `scan` defaults to
 * the engine's `scanFile`; the runner's own tests pass a stand-in. A path that
 * does not exist gives one failed result saying so, never a throw.
 */
export function runRuleTests(dir: string, scan: ScanFunction = scanWithEngine): RuleTestSummary {
  if (!fs.existsSync(dir)) {
    const problem = `${dir} does not exist: give a folder of rules (e.g. rules/) or one rule file.`;
    return { results: [{ ruleFile: dir, ruleId: '', passed: false, problems: [problem] }], passed: 0, failed: 1 };
  }
  const files = fs.statSync(dir).isDirectory() ? findRuleFiles(dir) : [dir];
  const results = files.flatMap((file) => runRuleFile(file, scan));
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed };
}
