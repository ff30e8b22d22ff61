/** Decides which probe class a finding belongs to: the rule's `metadata.vigil-class`, else its CWE. */
import type { Finding } from '../engine/types';
import type { VulnClass } from './types';

const CLASSES: readonly VulnClass[] = ['sqli', 'nosqli', 'cmdi', 'code-injection', 'ssti', 'xss', 'open-redirect', 'ssrf', 'path-traversal'];

const BY_CWE: Record<string, VulnClass> = {
  '89': 'sqli',
  '943': 'nosqli',
  '78': 'cmdi',
  '77': 'cmdi',
  '94': 'code-injection',
  '95': 'code-injection',
  '1336': 'ssti',
  '79': 'xss',
  '601': 'open-redirect',
  '918': 'ssrf',
  '22': 'path-traversal',
  '23': 'path-traversal',
};

/**
 * The probe class of `finding`, or undefined when no probe fits.
 *
 * Why both: the pack's injection rules say `vigil-class` outright; a user's
 * own rule usually only carries a CWE, and that is enough to pick probes.
 */
export function classifyFinding(finding: Finding): VulnClass | undefined {
  const declared = finding.metadata['vigil-class'];
  if (typeof declared === 'string' && (CLASSES as readonly string[]).includes(declared)) return declared as VulnClass;
  const cwe = finding.metadata['cwe'];
  const values = Array.isArray(cwe) ? cwe : [cwe];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const m = /(?:CWE-)?(\d+)/i.exec(String(v));
    const cls = m?.[1] !== undefined ? BY_CWE[m[1]] : undefined;
    if (cls) return cls;
  }
  const refs = finding.metadata['references'];
  for (const r of Array.isArray(refs) ? refs : []) {
    const m = typeof r === 'string' ? /cwe\.mitre\.org\/data\/definitions\/(\d+)\.html/.exec(r) : null;
    const cls = m?.[1] !== undefined ? BY_CWE[m[1]] : undefined;
    if (cls) return cls;
  }
  return undefined;
}
