/** Probe outcomes per open document by finding fingerprint, applied to every publish of its diagnostics. */
import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticData } from '../protocol/messages';
import { DIAGNOSTIC_SOURCE, withProbeOutcome, type ProbeOutcome } from './diagnostics';

function fingerprintOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.data !== 'object' || diagnostic.data === null) return undefined;
  const fingerprint = (diagnostic.data as Partial<DiagnosticData>).fingerprint;
  return typeof fingerprint === 'string' ? fingerprint : undefined;
}

/**
 * What the last probe of each finding concluded, per document.
 *
 * Why by fingerprint: the fingerprint survives lines moving and unrelated
 * edits, so a confirmed finding stays confirmed across rescans; when an edit
 * changes the finding's own code its fingerprint changes and the outcome is
 * dropped, because it no longer says anything about that code.
 */
export class ProbeOutcomes {
  private readonly byUri = new Map<string, Map<string, ProbeOutcome>>();
  private last: Promise<unknown> = Promise.resolve();

  get(uri: string, fingerprint: string): ProbeOutcome | undefined {
    return this.byUri.get(uri)?.get(fingerprint);
  }

  set(uri: string, fingerprint: string, outcome: ProbeOutcome): void {
    const outcomes = this.byUri.get(uri) ?? new Map<string, ProbeOutcome>();
    outcomes.set(fingerprint, outcome);
    this.byUri.set(uri, outcomes);
  }

  /** Forgets a closed document's outcomes. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /**
   * The diagnostics to publish for `uri` with each one's probe outcome applied;
   * outcomes of fingerprints that are no longer among them are dropped.
   */
  decorate(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const outcomes = this.byUri.get(uri);
    if (!outcomes) return diagnostics;
    const present = new Set<string>();
    const out = diagnostics.map((diagnostic) => {
      const fingerprint = fingerprintOf(diagnostic);
      if (fingerprint === undefined) return diagnostic;
      present.add(fingerprint);
      const outcome = outcomes.get(fingerprint);
      return outcome ? withProbeOutcome(diagnostic, outcome, uri) : diagnostic;
    });
    for (const fingerprint of [...outcomes.keys()]) if (!present.has(fingerprint)) outcomes.delete(fingerprint);
    if (outcomes.size === 0) this.byUri.delete(uri);
    return out;
  }

  /**
   * Runs probe runs one after the other (two runs at once would double the
   * load on the dev server and interleave their logs). `abandon` resolves when
   * the caller gives up waiting (cancelled): `run` is then not called.
   */
  async exclusive<T>(run: () => Promise<T>, abandon: Promise<void>, abandoned: () => T): Promise<T> {
    const previous = this.last;
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.last = previous.then(() => mine);
    try {
      const go = await Promise.race([previous.then(() => true), abandon.then(() => false)]);
      return go ? await run() : abandoned();
    } finally {
      release();
    }
  }
}
