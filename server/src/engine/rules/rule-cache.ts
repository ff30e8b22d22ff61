/**
 * A compiled rule pack as text, and back: what lets a front end skip the YAML
 * parse, the schema checks and the pattern parses of a pack it has loaded before
 * (about 0.8 s of CPU for the 143 bundled rules, most of a small scan).
 *
 * The text is JSON with tags for what JSON lacks: `undefined`, RegExps, bigints,
 * non-finite numbers, and shared or cyclic objects. Sharing matters: rules that
 * repeat a pattern share one compiled pattern object, and the matcher memoizes
 * per file by that object, so a copy per rule would cost time on every file.
 * Rule-file paths (`file` and `path` fields) are stored relative to the rules
 * folder, so a pack cached at build time still names the right files after the
 * package is installed elsewhere.
 *
 * Whether a cache still matches its rules is {@link ruleFilesDigest}'s job: a
 * digest of every rule file's name and content, stored beside the pack, plus a
 * stamp the caller chooses for the code that compiled it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { LoadRulesResult } from '../types';
import { ruleFilesUnder } from './load-rules';

/** Bumped whenever the compiled-rule shapes or this encoding change. */
export const RULE_CACHE_FORMAT = 1;

/** The key of a tag object; no real data key holds a NUL. */
const TAG = '\u0000';

type Tagged =
  | { [TAG]: 'u' }
  | { [TAG]: 'n'; v: string }
  | { [TAG]: 'b'; v: string }
  | { [TAG]: 'x'; s: string; f: string }
  | { [TAG]: 'p'; v: string }
  | { [TAG]: 'd'; id: number; v: unknown }
  | { [TAG]: 'r'; id: number };

interface CacheFile {
  format: number;
  stamp: string;
  digest: string;
  pack: unknown;
}

/**
 * A digest of the rule files a load of `dir` reads (their paths relative to `dir`
 * and their contents), or undefined when a file cannot be read.
 */
export function ruleFilesDigest(dir: string): string | undefined {
  const hash = createHash('sha256');
  const errors: LoadRulesResult['errors'] = [];
  const files = ruleFilesUnder(dir, errors);
  if (errors.length > 0) return undefined;
  try {
    for (const file of files) {
      hash.update(nodePath.relative(dir, file)).update('\u0000').update(fs.readFileSync(file)).update('\u0000');
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/**
 * `result` (a load of the rules folder `dir`, whose files have digest `digest`)
 * as cache text. Throws when the result holds something it cannot encode
 * (a function, a Map, a class instance): a cache must round-trip exactly or not exist.
 */
export function serializeRuleCache(result: LoadRulesResult, dir: string, digest: string, stamp: string): string {
  const file: CacheFile = { format: RULE_CACHE_FORMAT, stamp, digest, pack: encode(result, dir) };
  return JSON.stringify(file);
}

/**
 * The load result stored in `text`, with paths rooted at `dir`; undefined when the
 * text is not a cache of this format, for this stamp, or for rule files with this digest.
 */
export function deserializeRuleCache(text: string, dir: string, digest: string, stamp: string): LoadRulesResult | undefined {
  let file: Partial<CacheFile>;
  try {
    file = JSON.parse(text) as Partial<CacheFile>;
  } catch {
    return undefined;
  }
  if (file.format !== RULE_CACHE_FORMAT || file.stamp !== stamp || file.digest !== digest || typeof file.pack !== 'object' || file.pack === null) return undefined;
  try {
    const result = decode(file.pack, dir) as LoadRulesResult;
    return Array.isArray(result.rules) && Array.isArray(result.foreignRules) && Array.isArray(result.errors) ? result : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------

function encode(root: unknown, dir: string): unknown {
  // Pass 1: how often each object is reached, so shared ones get an id.
  const seen = new Map<object, number>();
  const count = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const times = seen.get(value);
    seen.set(value, (times ?? 0) + 1);
    if (times !== undefined || value instanceof RegExp) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) count(value[i]);
      return;
    }
    checkPlain(value);
    for (const key of Object.keys(value)) count((value as Record<string, unknown>)[key]);
  };
  count(root);
  const prefix = dir.endsWith(nodePath.sep) ? dir : dir + nodePath.sep;
  const ids = new Map<object, number>();
  const enc = (value: unknown, key: string | undefined): unknown => {
    switch (typeof value) {
      case 'undefined':
        return { [TAG]: 'u' } satisfies Tagged;
      case 'number':
        return Number.isFinite(value) && !Object.is(value, -0) ? value : ({ [TAG]: 'n', v: Object.is(value, -0) ? '-0' : String(value) } satisfies Tagged);
      case 'bigint':
        return { [TAG]: 'b', v: value.toString() } satisfies Tagged;
      case 'string':
        return (key === 'file' || key === 'path') && value.startsWith(prefix) ? ({ [TAG]: 'p', v: value.slice(prefix.length) } satisfies Tagged) : value;
      case 'boolean':
        return value;
      case 'object':
        if (value === null) return null;
        break;
      default:
        throw new Error(`a compiled rule holds a ${typeof value}`);
    }
    const known = ids.get(value);
    if (known !== undefined) return { [TAG]: 'r', id: known } satisfies Tagged;
    const shared = (seen.get(value) ?? 0) > 1;
    const id = ids.size;
    if (shared) ids.set(value, id);
    let body: unknown;
    if (value instanceof RegExp) {
      body = { [TAG]: 'x', s: value.source, f: value.flags } satisfies Tagged;
    } else if (Array.isArray(value)) {
      const items: unknown[] = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) items[i] = enc(value[i], undefined);
      body = items;
    } else {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) out[k] = enc((value as Record<string, unknown>)[k], k);
      body = out;
    }
    return shared ? ({ [TAG]: 'd', id, v: body } satisfies Tagged) : body;
  };
  return enc(root, undefined);
}

/**
 * Only plain data round-trips: ordinary objects with enumerable string keys. The one
 * exception is dropped: non-enumerable getters, which typescript-estree adds to pattern
 * nodes as deprecated aliases (`assertions` for `attributes`); the matcher walks
 * `Object.keys` and never sees them.
 */
function checkPlain(value: object): void {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype) throw new Error(`a compiled rule holds a ${proto === null ? 'null-prototype object' : ((value as { constructor?: { name?: string } }).constructor?.name ?? 'class instance')}`);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Error('a compiled rule holds symbol-keyed properties');
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (name === TAG || name === '__proto__') throw new Error('a compiled rule holds a reserved key');
    if (!descriptor.enumerable && descriptor.get === undefined) throw new Error(`a compiled rule holds a hidden property "${name}"`);
    if (descriptor.enumerable && descriptor.get !== undefined) throw new Error(`a compiled rule holds a getter "${name}"`);
  }
}

function decode(root: unknown, dir: string): unknown {
  const defined: unknown[] = [];
  const dec = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) value[i] = dec(item);
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    const tag = record[TAG];
    if (tag === undefined) {
      for (const key in record) {
        const item = record[key];
        if (typeof item === 'object' && item !== null) record[key] = dec(item);
      }
      return record;
    }
    const t = value as Tagged;
    switch (t[TAG]) {
      case 'u':
        return undefined;
      case 'n':
        return Number(t.v);
      case 'b':
        return BigInt(t.v);
      case 'x':
        return new RegExp(t.s, t.f);
      case 'p':
        return nodePath.join(dir, t.v);
      case 'r':
        if (t.id >= defined.length) throw new Error('a reference before its definition');
        return defined[t.id];
      case 'd': {
        // Registered before its contents are decoded, so references inside (cycles) resolve.
        const inner = t.v;
        if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && (inner as Record<string, unknown>)[TAG] !== undefined) {
          const tagged = dec(inner);
          defined[t.id] = tagged;
          return tagged;
        }
        defined[t.id] = inner;
        return dec(inner);
      }
    }
  };
  return dec(root);
}
