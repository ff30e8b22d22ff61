/** The oracles: pure judgements on responses, each unambiguous or silent. */
import type { ProbeResponse } from './types';

/** Database error texts that a parameterized query never produces for a quote in a value. */
const SQL_ERRORS = [
  /SQLITE_ERROR/i,
  /unrecognized token/i,
  /syntax error/i,
  /unterminated quoted string/i,
  /You have an error in your SQL syntax/i,
  /\bORA-\d{5}\b/,
  /SQLSTATE\[/,
  /quoted string not properly terminated/i,
  /Unclosed quotation mark/i,
  /incomplete input/i,
];

/** The first database error text in `body`, if any. */
export function sqlErrorIn(body: string): string | undefined {
  for (const re of SQL_ERRORS) {
    const m = re.exec(body);
    if (m) return excerpt(body, m.index, m[0].length);
  }
  return undefined;
}

/** A short excerpt of `body` around `[index, index + length)`. */
export function excerpt(body: string, index: number, length: number, radius = 60): string {
  const start = Math.max(0, index - radius);
  const end = Math.min(body.length, index + length + radius);
  return (start > 0 ? '…' : '') + body.slice(start, end).replace(/\s+/g, ' ') + (end < body.length ? '…' : '');
}

/** Status, size and structure of a response, with the values the request echoed taken out. */
export interface ResponseShape {
  status: number;
  size: number;
  /** A JSON shape signature (types, keys, array lengths), or `text`. */
  structure: string;
}

/**
 * The shape of `response`, ignoring the values in `echoes` (those of 6 characters or more).
 *
 * Why: "same as the baseline" cannot mean "same bytes" (a page may print the
 * search term), nor "200" (a login fails with 401). Status, size without the
 * echoed input, and the JSON structure together say whether the server did the
 * same thing.
 */
export function responseShape(response: ProbeResponse, echoes: readonly string[] = []): ResponseShape {
  let body = response.body;
  for (const e of echoes) {
    // Short values (`a`, `1`) would also cut unrelated text out of the body.
    if (e.length < 6) continue;
    for (const form of new Set([e, encodeURIComponent(e), htmlEscape(e), JSON.stringify(e).slice(1, -1)])) body = body.split(form).join('');
  }
  let structure = 'text';
  try {
    structure = jsonSignature(JSON.parse(body) as unknown);
  } catch {
    // Not JSON: size decides.
  }
  return { status: response.status, size: body.length, structure };
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function jsonSignature(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}:${value.length > 0 ? jsonSignature(value[0]) : ''}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${k}:${jsonSignature(v)}`).join(',')}}`;
  }
  return typeof value;
}

/** True when two shapes say the server did the same thing (same status and structure, sizes within 5% or 16 bytes). */
export function sameShape(a: ResponseShape, b: ResponseShape): boolean {
  if (a.status !== b.status || a.structure !== b.structure) return false;
  if (a.structure !== 'text') return true;
  return Math.abs(a.size - b.size) <= Math.max(16, 0.05 * Math.max(a.size, b.size));
}

/**
 * The boolean-pair oracle: the neutral form looks like the baseline, the other
 * form does not, and the two differ from each other. Returns a reason or undefined.
 */
export function booleanPairDiffers(baseline: ResponseShape, neutral: ResponseShape, changed: ResponseShape): string | undefined {
  if (!sameShape(baseline, neutral)) return undefined;
  if (sameShape(baseline, changed) || sameShape(neutral, changed)) return undefined;
  return `status ${neutral.status}/${neutral.size} B like the baseline (${baseline.status}/${baseline.size} B) for the neutral form, ${changed.status}/${changed.size} B for the other`;
}

/** True when the response is HTML (or has no type, which browsers sniff). */
export function isHtml(response: ProbeResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  return type === '' || /text\/html|application\/xhtml/i.test(type);
}

/** The XSS oracle: `payload` (break-out plus canary tag) appears unescaped in an HTML response. */
export function reflectedUnescaped(response: ProbeResponse, payload: string): string | undefined {
  if (!isHtml(response)) return undefined;
  const at = response.body.indexOf(payload);
  return at >= 0 ? excerpt(response.body, at, payload.length) : undefined;
}

/** The computed-echo oracle: `marker + value + marker` appears (the payload only held the expression). */
export function computedEcho(response: ProbeResponse, marker: string, value: string): string | undefined {
  const needle = `${marker}${value}${marker}`;
  const at = response.body.indexOf(needle);
  return at >= 0 ? excerpt(response.body, at, needle.length) : undefined;
}

/** The arithmetic-canary oracle for templates: the product appears and was not in the baseline. */
export function productShown(response: ProbeResponse, baseline: ProbeResponse, product: number): string | undefined {
  const needle = String(product);
  const at = response.body.indexOf(needle);
  return at >= 0 && !baseline.body.includes(needle) ? excerpt(response.body, at, needle.length) : undefined;
}

/** The open-redirect oracle: a 3xx whose `Location` points at the canary host. */
export function redirectsTo(response: ProbeResponse, host: string): string | undefined {
  const location = response.headers['location'];
  if (response.status < 300 || response.status >= 400 || location === undefined) return undefined;
  try {
    const url = new URL(location, 'http://target.invalid/');
    return url.hostname === host ? `Location: ${location}` : undefined;
  } catch {
    return undefined;
  }
}

/** The file-read oracle: the canary file's content appears in the body. */
export function fileContentShown(response: ProbeResponse, content: string): string | undefined {
  const at = response.body.indexOf(content);
  return at >= 0 ? excerpt(response.body, at, content.length) : undefined;
}
