/**
 * Redaction of secrets found in code: a finding of a hard-coded-credential
 * rule never carries the secret itself, in any output (diagnostics, JSON,
 * SARIF, logs), because those outputs travel further than the code does (CI
 * logs, code-scanning dashboards, telemetry).
 */
import type { CompiledRule } from './types';

/** CWEs of hard-coded secrets: credentials, passwords, crypto keys, sensitive data in source. */
const SECRET_CWES = /\bCWE-(798|259|321|312|615|540)\b/;

/** True when a rule's findings must be redacted: `metadata.redact`, or a hard-coded-secret CWE. */
export function isSecretRule(rule: Pick<CompiledRule, 'metadata'>): boolean {
  const explicit = rule.metadata.redact;
  if (typeof explicit === 'boolean') return explicit;
  const cwe = rule.metadata.cwe;
  const cwes = Array.isArray(cwe) ? cwe : [cwe];
  return cwes.some((c) => typeof c === 'string' && SECRET_CWES.test(c));
}

/**
 * Keeps the first and last few characters so a person can tell which secret
 * it is, and hides the rest: `AKIAIOSFODNN7EXAMPLE` → `AKIA…LE`. Short values
 * are hidden whole.
 */
export function redactSecret(value: string): string {
  if (value.length <= 8) return '•'.repeat(Math.max(3, value.length));
  const keep = value.length >= 20 ? 4 : 2;
  return `${value.slice(0, keep)}…${value.slice(-2)}`;
}

/**
 * Replaces every occurrence of each secret in `text` by its redacted form.
 * Longer secrets first, so a secret containing another is replaced whole.
 */
export function redactAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length === 0) continue;
    out = out.split(secret).join(redactSecret(secret));
  }
  return out;
}
