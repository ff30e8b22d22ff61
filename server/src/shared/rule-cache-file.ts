/**
 * The bundled rule pack, compiled at build time (`dist/rules-cache.json`, written by
 * `node dist/cli.js __write-rule-cache`, and `dist/rules-cache.server.json` by
 * `node dist/server.js __write-rule-cache`, both run by `npm run build`): the CLI and
 * the language server read it instead of parsing 143 YAML files and their ~1,000
 * patterns on every start.
 *
 * It is used only when it provably matches: same cache format, same CLI bundle (a
 * digest of dist/cli.js and the vendor files it requires, the code that compiled it),
 * and same rule files (a digest of their names and contents). Anything else, including a missing or unreadable
 * cache, falls back to compiling the rules, with identical results.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRules } from '../engine/rules/load-rules';
import { deserializeRuleCache, ruleFilesDigest, serializeRuleCache } from '../engine/rules/rule-cache';
import type { LoadRulesResult } from '../engine/types';

/** Where the cache of the bundled rules is, for the code that reads it. */
export interface RuleCacheLocation {
  /** The cache file. */
  file: string;
  /** The rules folder it caches (the bundled pack). */
  rulesDir: string;
  /** The CLI bundle the cache must have been compiled by. */
  bundle: string;
  /** The bundle's digest when already computed (worker threads get it from the main thread). */
  stamp?: string;
}

/** The bundles that read a rule cache: the CLI and the language server (each its own file: each is stamped with its own bundle). */
const CACHED_BUNDLES: Readonly<Record<string, string>> = { 'cli.js': 'rules-cache.json', 'server.js': 'rules-cache.server.json' };

/** The cache file beside a bundle. */
export function ruleCacheFileFor(bundle: string): string {
  return path.join(path.dirname(bundle), CACHED_BUNDLES[path.basename(bundle)] ?? 'rules-cache.json');
}

/**
 * The cache location for a CLI running from `mainModule`, or undefined when it is
 * not the esbuild bundle (`dist/cli.js`): the tsc output in out/ is many modules,
 * so no single file's digest would stand for the code that compiles rules.
 */
export function ruleCacheFor(mainModule: string, rulesDir: string): RuleCacheLocation | undefined {
  if (CACHED_BUNDLES[path.basename(mainModule)] === undefined) return undefined;
  return { file: ruleCacheFileFor(mainModule), rulesDir, bundle: mainModule };
}

/**
 * The digest of a CLI bundle and of the files beside it that it requires (`require("./vendor-estree.js")`:
 * TypeScript and typescript-estree, which parse the patterns), about 15 ms for their 11 MB; undefined if
 * one cannot be read.
 */
export function bundleStamp(bundle: string): string | undefined {
  const hash = createHash('sha256');
  try {
    const bytes = fs.readFileSync(bundle);
    hash.update(bytes);
    const siblings = new Set<string>();
    for (const match of bytes.toString('latin1').matchAll(/require\("(\.\/[\w.-]+\.js)"\)/g)) siblings.add(match[1]!);
    for (const sibling of [...siblings].sort()) {
      hash.update(`\u0000${sibling}\u0000`).update(fs.readFileSync(path.join(path.dirname(bundle), sibling)));
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/**
 * `loadRules(paths)`, with the bundled pack taken from the cache when `paths` starts
 * with it and the cache matches. `cache.stamp` is filled in once verified, for workers.
 */
export function loadRulesCached(paths: string[], cache: RuleCacheLocation | undefined): LoadRulesResult {
  if (cache === undefined || paths[0] !== cache.rulesDir) return loadRules(paths);
  const precompiled = readRuleCache(cache);
  return precompiled === undefined ? loadRules(paths) : loadRules(paths, { precompiled: { path: cache.rulesDir, result: precompiled } });
}

function readRuleCache(cache: RuleCacheLocation): LoadRulesResult | undefined {
  let text: string;
  try {
    text = fs.readFileSync(cache.file, 'utf8');
  } catch {
    return undefined;
  }
  const stamp = cache.stamp ?? bundleStamp(cache.bundle);
  const digest = ruleFilesDigest(cache.rulesDir);
  if (stamp === undefined || digest === undefined) return undefined;
  const result = deserializeRuleCache(text, cache.rulesDir, digest, stamp);
  if (result !== undefined) cache.stamp = stamp;
  return result;
}

/** Compiles the rules folder and writes its cache for `bundle`; returns what to report. */
export function writeRuleCache(bundle: string, rulesDir: string): { ok: boolean; message: string } {
  const file = ruleCacheFileFor(bundle);
  const stamp = bundleStamp(bundle);
  const digest = ruleFilesDigest(rulesDir);
  if (stamp === undefined || digest === undefined) return { ok: false, message: `could not read ${stamp === undefined ? bundle : rulesDir}` };
  const result = loadRules([rulesDir]);
  try {
    fs.writeFileSync(file, serializeRuleCache(result, rulesDir, digest, stamp));
  } catch (error) {
    return { ok: false, message: `could not write ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, message: `wrote ${file} (${result.rules.length} compiled rules)` };
}
