/** The `--format sarif` output: SARIF 2.1.0 for GitHub code scanning (rules with help, CWE tags and security-severity; fingerprints, code flows, fixes, relative URIs). */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliError, CliPosition } from './json';
import type { ReportedFinding, RuleSummary, ScanReport } from '../scan-report';

/** The base id relative artifact URIs are resolved against (the scan's working directory). */
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  snippet?: { text: string };
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

function toLevel(severity: string): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * Renders `report` as one SARIF 2.1.0 log (with a trailing newline).
 *
 * Why these choices: GitHub code scanning ranks alerts by `properties.security-severity` and
 * files them under CWE tags (`external/cwe/cwe-N`); it keeps an alert's identity across
 * pushes through `partialFingerprints`, which here is the engine's content-based fingerprint
 * (rule, normalized matched text, enclosing function), so an alert survives lines moving
 * above it; and it wants URIs relative to the checkout, declared via `originalUriBaseIds`.
 * Columns are UTF-16 code units, as declared by `columnKind`.
 */
export function formatSarif(report: ScanReport): string {
  const ruleIds = [...new Set([...report.rules.keys(), ...report.findings.map((finding) => finding.result.ruleId)])].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rootUri = pathToFileURL(report.root).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Vigil',
            informationUri: 'https://github.com/vigil-security/vigil',
            version: report.version,
            semanticVersion: report.version,
            rules: ruleIds.map((id) => ruleDescriptor(report.rules.get(id) ?? fallbackRule(id, report.findings))),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !report.errors.some((error) => error.kind === 'rule-load' && error.level === 'error'),
            toolExecutionNotifications: report.errors.map((error) => notification(error, report.root)),
          },
        ],
        results: report.findings.map((finding) => result(finding, ruleIndex.get(finding.result.ruleId) ?? 0, report.root)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function fallbackRule(id: string, findings: readonly ReportedFinding[]): RuleSummary {
  const first = findings.find((finding) => finding.result.ruleId === id);
  const severity = first?.result.severity;
  return {
    id,
    message: first?.result.message ?? id,
    severity: severity === 'error' || severity === 'warning' ? severity : 'info',
    metadata: first?.result.metadata ?? {},
  };
}

/** CWE ids (`CWE-89`) named in a rule's `cwe` metadata (a string or a list). */
export function cweIds(metadata: Record<string, unknown>): string[] {
  const raw = metadata.cwe;
  const values = Array.isArray(raw) ? raw : [raw];
  const ids = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    for (const match of value.matchAll(/CWE-(\d+)/gi)) ids.add(`CWE-${match[1] ?? ''}`);
  }
  return [...ids];
}

/**
 * GitHub's 0.0–10.0 `security-severity`: the rule's own `security-severity` metadata when it
 * has one, else from its `impact` (or severity) and `confidence`.
 */
export function securitySeverity(rule: RuleSummary): string {
  const own = rule.metadata['security-severity'];
  if (typeof own === 'number' || (typeof own === 'string' && /^\d+(\.\d+)?$/.test(own))) return Number(own).toFixed(1);
  const impact = typeof rule.metadata.impact === 'string' ? rule.metadata.impact.toUpperCase() : '';
  let score = impact === 'HIGH' ? 8.0 : impact === 'MEDIUM' ? 5.5 : impact === 'LOW' ? 3.0 : rule.severity === 'error' ? 8.0 : rule.severity === 'warning' ? 5.5 : 3.0;
  const confidence = typeof rule.metadata.confidence === 'string' ? rule.metadata.confidence.toUpperCase() : '';
  if (confidence === 'LOW') score -= 1;
  return Math.max(0.1, score).toFixed(1);
}

function references(metadata: Record<string, unknown>): string[] {
  const raw = metadata.references;
  const values = Array.isArray(raw) ? raw : [raw];
  return values.filter((value): value is string => typeof value === 'string' && /^https?:\/\//.test(value));
}

function ruleDescriptor(rule: RuleSummary): Record<string, unknown> {
  const cwes = cweIds(rule.metadata);
  const refs = references(rule.metadata);
  const summary = firstSentence(rule.message);
  const cweText = typeof rule.metadata.cwe === 'string' ? rule.metadata.cwe : cwes.join(', ');
  const helpLines = [rule.message.trim()];
  if (cweText !== '') helpLines.push(`CWE: ${cweText}`);
  if (refs.length > 0) helpLines.push(`References: ${refs.join(' ')}`);
  const markdown = [rule.message.trim(), ...(cweText !== '' ? [`**CWE:** ${cweText}`] : []), ...refs.map((ref) => `- <${ref}>`)].join('\n\n');
  const confidence = typeof rule.metadata.confidence === 'string' ? rule.metadata.confidence.toLowerCase() : '';
  const descriptor: Record<string, unknown> = {
    id: rule.id,
    // An end-user name distinct from the opaque id (SARIF 3.49.7): no-eval → NoEval.
    name: rule.id.split(/[^A-Za-z0-9]+/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(''),
    shortDescription: { text: summary },
    fullDescription: { text: rule.message.trim() },
    help: { text: helpLines.join('\n'), markdown },
    defaultConfiguration: { level: toLevel(rule.severity) },
    properties: {
      tags: ['security', ...cwes.map((cwe) => `external/cwe/cwe-${cwe.slice(4)}`), ...cwes],
      precision: confidence === 'high' ? 'high' : confidence === 'low' ? 'low' : 'medium',
      'security-severity': securitySeverity(rule),
    },
  };
  if (refs[0] !== undefined) descriptor.helpUri = refs[0];
  return descriptor;
}

function firstSentence(message: string): string {
  const line = message.trim().split('\n')[0] ?? message;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function artifactLocation(displayPath: string, root: string): SarifArtifactLocation {
  const absolute = path.resolve(root, displayPath);
  const relative = path.relative(root, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(start: CliPosition, end: CliPosition, snippet?: string): SarifRegion {
  const value: SarifRegion = { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  if (snippet !== undefined && snippet !== '') value.snippet = { text: snippet };
  return value;
}

function result(finding: ReportedFinding, index: number, root: string): Record<string, unknown> {
  const { result: cli, detail } = finding;
  const location: SarifPhysicalLocation = {
    artifactLocation: artifactLocation(cli.path, root),
    region: region(cli.start, cli.end, detail.snippet),
  };
  const sarif: Record<string, unknown> = {
    ruleId: cli.ruleId,
    ruleIndex: index,
    level: toLevel(cli.severity),
    message: { text: cli.message },
    locations: [{ physicalLocation: location }],
    partialFingerprints: { primaryLocationLineHash: detail.fingerprint, 'vigilFingerprint/v1': detail.fingerprint },
  };
  if (detail.trace !== undefined && detail.trace.length > 0) {
    sarif.codeFlows = [
      {
        message: { text: `${detail.trace[0]?.label ?? 'source'} reaches the sink` },
        threadFlows: [
          {
            locations: detail.trace.map((step) => ({
              location: {
                physicalLocation: { artifactLocation: artifactLocation(cli.path, root), region: region(step.start, step.end) },
                message: { text: step.label },
              },
              kinds: [step.kind],
            })),
          },
        ],
      },
    ];
  }
  if (cli.fixEdits !== undefined && cli.fixEdits.length > 0) {
    sarif.fixes = [
      {
        description: { text: detail.fixSafe === true ? `Replace with: ${cli.fix ?? ''}` : `Suggested change (review before applying): ${cli.fix ?? ''}` },
        artifactChanges: [
          {
            artifactLocation: artifactLocation(cli.path, root),
            replacements: cli.fixEdits.map((edit) => ({ deletedRegion: region(edit.start, edit.end), insertedContent: { text: edit.text } })),
          },
        ],
      },
    ];
  }
  return sarif;
}

function notification(error: CliError, root: string): Record<string, unknown> {
  const value: Record<string, unknown> = {
    level: error.level === 'info' ? 'note' : error.level,
    message: { text: error.message },
    descriptor: { id: `vigil/${error.kind}` },
  };
  if (error.path !== undefined) {
    const physicalLocation: Record<string, unknown> = { artifactLocation: artifactLocation(error.path, root) };
    if (error.line !== undefined) physicalLocation.region = { startLine: error.line, ...(error.column === undefined ? {} : { startColumn: error.column }) };
    value.locations = [{ physicalLocation }];
  }
  return value;
}
