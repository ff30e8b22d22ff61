/** Checks that a rule carries the metadata every bundled Vigil rule must have, with messages that say what to add. */
import type { CompiledRule } from '../engine/types';

const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** A string, or a non-empty list of strings (Semgrep allows both for cwe and owasp). */
function isStringOrStringList(value: unknown): boolean {
  if (isNonEmptyString(value)) return true;
  return Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString);
}

function checkLevel(metadata: Record<string, unknown>, key: string, hint: string): string | undefined {
  const value = metadata[key];
  if (value === undefined) return `metadata.${key} is missing: add \`${key}: HIGH\` (or MEDIUM, LOW): ${hint}.`;
  if (typeof value !== 'string' || !LEVELS.includes(value)) {
    return `metadata.${key} is ${JSON.stringify(value)}: use one of HIGH, MEDIUM, LOW (${hint}).`;
  }
  return undefined;
}

/**
 * Lists what is missing or malformed in `rule.metadata`: cwe, owasp,
 * confidence, likelihood, impact, references (a non-empty list of URLs) and
 * `category: security`. Empty when the metadata is complete.
 *
 * Why: the LSP links each diagnostic to its references and SARIF carries the
 * CWE; a rule without them leaves the user with a warning and nothing to read.
 */
export function checkRuleMetadata(rule: Pick<CompiledRule, 'metadata'>): string[] {
  const metadata = rule.metadata;
  const problems: string[] = [];
  if (!isStringOrStringList(metadata.cwe)) {
    problems.push(
      'metadata.cwe is missing or empty: add the CWE with its title, e.g. ' +
        "`cwe: \"CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')\"`.",
    );
  }
  if (!isStringOrStringList(metadata.owasp)) {
    problems.push('metadata.owasp is missing or empty: add the OWASP Top 10 category, e.g. `owasp: "A03:2021 - Injection"`.');
  }
  const levelHints: Array<[string, string]> = [
    ['confidence', 'how sure the rule is that a match is a real problem'],
    ['likelihood', 'how likely the problem is to be exploited'],
    ['impact', 'how bad it is when exploited'],
  ];
  for (const [key, hint] of levelHints) {
    const problem = checkLevel(metadata, key, hint);
    if (problem !== undefined) problems.push(problem);
  }
  const references = metadata.references;
  if (!Array.isArray(references) || references.length === 0 || !references.every(isNonEmptyString)) {
    problems.push(
      'metadata.references must be a non-empty list of URLs: add the CWE page ' +
        '(https://cwe.mitre.org/data/definitions/<n>.html) and the library docs of the safe form.',
    );
  }
  if (metadata.category !== 'security') {
    problems.push(
      metadata.category === undefined
        ? 'metadata.category is missing: add `category: security`.'
        : `metadata.category is ${JSON.stringify(metadata.category)}: bundled rules use \`category: security\`.`,
    );
  }
  return problems;
}
