/** Converts engine findings to LSP diagnostics (and builds the one diagnostic for a skipped file). */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { CompiledRule, Finding, Severity } from '../engine/types';
import { ASSISTANT_MARK, DIAGNOSTIC_SOURCE, SKIPPED_FILE_CODE, type DiagnosticData } from '../protocol/messages';
import type { AssistantRegion } from './assistant-regions';

// Declared in the protocol (the VS Code client reads them too); re-exported for the server's modules.
export { ASSISTANT_MARK, DIAGNOSTIC_SOURCE };

/** Appended to the message of a finding a probe confirmed against the dev server. */
export const PROBE_CONFIRMED_MARK = ' — confirmed by probe';
/** Appended to the message of a finding the probes did not confirm (which never means safe). */
export const PROBE_NOT_CONFIRMED_MARK = ' — probe did not confirm (not proof it is safe)';

/** What a probe run concluded about one finding (kept per document by fingerprint). */
export interface ProbeOutcome {
  status: 'confirmed' | 'not-confirmed';
  /** For a confirmed finding, one line each: the request, the telling part of the response, why it tells. */
  evidence?: { request: string; response: string; reason: string };
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** One level up: info → warning → error (error stays error). */
function raise(severity: Severity): Severity {
  return severity === 'info' ? 'warning' : 'error';
}

/** What {@link toDiagnostic} needs besides the finding. */
export interface DiagnosticContext {
  uri: string;
  version: number;
  /** The assistant region the finding lies in, if any. */
  region: AssistantRegion | undefined;
  raiseSeverity: boolean;
  /** The rule that produced the finding (for its reference link). */
  rule: CompiledRule | undefined;
}

/**
 * The link shown on the diagnostic's code: the rule's first `references`
 * entry, else the rule's own YAML file.
 *
 * Why the YAML file as fallback: it is the rule's documentation (message,
 * metadata, examples beside it) and it exists wherever the rule was loaded from.
 */
export function ruleHref(rule: CompiledRule | undefined): string | undefined {
  if (!rule) return undefined;
  const references = rule.metadata['references'];
  const first: unknown = Array.isArray(references) ? references[0] : references;
  if (typeof first === 'string' && /^https?:\/\//.test(first)) return first;
  try {
    return pathToFileURL(rule.loc.file).href;
  } catch {
    return undefined;
  }
}

/**
 * Converts one finding to a diagnostic.
 *
 * Why `data`: code actions arrive later with only the diagnostic; `data` names
 * the finding (rule id, fingerprint) and the version it was computed for, so a
 * stale action is recognised, and carries the fix edits.
 */
export function toDiagnostic(finding: Finding, ctx: DiagnosticContext): Diagnostic {
  const severity = ctx.region && ctx.raiseSeverity ? raise(finding.severity) : finding.severity;
  const data: DiagnosticData = { ruleId: finding.ruleId, fingerprint: finding.fingerprint, version: ctx.version };
  if (ctx.region) data.regionId = ctx.region.id;
  if (finding.fix) data.fix = { edits: finding.fix.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })), safe: finding.fix.safe };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: ctx.region ? `${finding.message}${ASSISTANT_MARK}` : finding.message,
    data,
  };
  const href = ruleHref(ctx.rule);
  if (href) diagnostic.codeDescription = { href };
  if (finding.trace && finding.trace.length > 0) {
    const last = finding.trace.length;
    diagnostic.relatedInformation = finding.trace.map(
      (step, index): DiagnosticRelatedInformation => ({
        location: { uri: ctx.uri, range: step.range },
        message: `${index + 1}/${last} ${step.kind}: ${step.label}`,
      }),
    );
  }
  return diagnostic;
}

/**
 * A copy of a finding's diagnostic with a probe's outcome: confirmed raises it
 * to Error and puts the evidence first in its related information (at the
 * finding's own range); not confirmed only says so and keeps the severity.
 *
 * Why a copy built from the diagnostic: the message is the engine's (already
 * redacted for secrets), and the scan record keeps the plain diagnostic, so an
 * outcome can be dropped without a rescan.
 */
export function withProbeOutcome(diagnostic: Diagnostic, outcome: ProbeOutcome, uri: string): Diagnostic {
  const data = diagnostic.data as DiagnosticData | undefined;
  const out: Diagnostic = { ...diagnostic, data: data ? { ...data, probe: outcome.status } : data };
  if (outcome.status === 'not-confirmed') {
    out.message = `${diagnostic.message}${PROBE_NOT_CONFIRMED_MARK}`;
    return out;
  }
  out.message = `${diagnostic.message}${PROBE_CONFIRMED_MARK}`;
  out.severity = DiagnosticSeverity.Error;
  if (outcome.evidence) {
    const at = { uri, range: diagnostic.range };
    out.relatedInformation = [
      { location: at, message: `Probe request: ${outcome.evidence.request}` },
      { location: at, message: `Response: ${outcome.evidence.response}` },
      { location: at, message: `Probe: ${outcome.evidence.reason}` },
      ...(diagnostic.relatedInformation ?? []),
    ];
  }
  return out;
}

/**
 * The single informational diagnostic on a file that was not scanned, saying
 * why and which setting changes it (at the top of the file, zero width).
 */
export function skippedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: SKIPPED_FILE_CODE,
    message: reason,
  };
}
