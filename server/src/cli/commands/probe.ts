/** `vigil probe`: SAST with the engine, then targeted probes of the probeable findings against a loopback dev server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRules } from '../../engine/rules/load-rules';
import { scanFile } from '../../engine/scan-file';
import type { Finding } from '../../engine/types';
import { classifyFinding } from '../../dast/classify-finding';
import type { SourceFile } from '../../dast/extract-routes';
import { NonLoopbackTargetError } from '../../dast/loopback-client';
import { PROBE_DEFAULTS, probeFindings } from '../../dast/probe-findings';
import type { HostResolver, ProbeResult } from '../../dast/types';
import { bundledRulesDir } from '../../shared/package-paths';
import { collectFiles } from '../collect-files';

/** Help text of `vigil probe`. */
export const PROBE_HELP = `Usage: vigil probe --base-url http://127.0.0.1:PORT [options] [paths...]

Scans the paths (default .) with the rules, then confirms the injection findings on
HTTP handlers by sending a few harmless, targeted requests to your running dev server.
Only loopback targets (127.0.0.0/8, ::1, localhost) are ever contacted.

Options:
  --base-url <url>            the dev server (required; loopback only)
  --rules, -r <path>          a rule file or folder (repeatable), added to the bundled rules
  --no-default-rules          use only the --rules paths
  --routes-from <dir>         also read routes from this folder (repeatable), e.g. the app's root when
                              the paths are single route files (prefixes from app.use live there)
  --allow-methods <list>      also send these methods (e.g. POST,PUT); only GET and HEAD otherwise
  --max-requests <n>          requests per finding (default ${PROBE_DEFAULTS.maxRequestsPerFinding})
  --max-requests-per-run <n>  requests in the whole run (default ${PROBE_DEFAULTS.maxRequestsPerRun})
  --timeout <ms>              time limit per request (default ${PROBE_DEFAULTS.timeoutMs})
  --delay <ms>                pause between requests (default ${PROBE_DEFAULTS.delayMs})
  --format, -f text|json      output format (default text)
  --verbose, -v               log every request and response summary on stderr

Exit codes: 0 nothing confirmed, 1 a finding was confirmed, 2 usage or configuration error.
`;

/** Where `vigil probe` writes and what it may be handed (tests inject a resolver). */
export interface ProbeCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  resolver?: HostResolver;
  /** Cancels the run (Ctrl-C). */
  signal?: AbortSignal;
}

const defaultIo = (): ProbeCommandIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
});

interface ProbeArgs {
  baseUrl: string;
  rules: string[];
  defaultRules: boolean;
  allowMethods: string[];
  maxRequests?: number;
  maxRequestsPerRun?: number;
  timeoutMs?: number;
  delayMs?: number;
  format: 'text' | 'json';
  verbose: boolean;
  paths: string[];
  routesFrom: string[];
}

function parseArgs(argv: readonly string[]): ProbeArgs | { help: true } | { error: string } {
  const out: ProbeArgs = { baseUrl: '', rules: [], defaultRules: true, allowMethods: [], format: 'text', verbose: false, paths: [], routesFrom: [] };
  const numberOf = (flag: string, value: string | undefined): number | string => {
    const n = Number(value);
    return value !== undefined && Number.isInteger(n) && n >= 0 ? n : `${flag} needs a whole number, got '${value ?? ''}'`;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--base-url':
        out.baseUrl = value() ?? '';
        break;
      case '--rules':
      case '-r': {
        const v = value();
        if (v === undefined) return { error: '--rules needs a path' };
        out.rules.push(v);
        break;
      }
      case '--no-default-rules':
        out.defaultRules = false;
        break;
      case '--routes-from': {
        const v = value();
        if (v === undefined) return { error: '--routes-from needs a folder' };
        out.routesFrom.push(v);
        break;
      }
      case '--allow-methods':
        out.allowMethods.push(...(value() ?? '').split(',').map((m) => m.trim().toUpperCase()).filter((m) => m.length > 0));
        break;
      case '--max-requests':
      case '--max-requests-per-run':
      case '--timeout':
      case '--delay': {
        const n = numberOf(flag, value());
        if (typeof n === 'string') return { error: n };
        if (flag === '--max-requests') out.maxRequests = n;
        else if (flag === '--max-requests-per-run') out.maxRequestsPerRun = n;
        else if (flag === '--timeout') out.timeoutMs = n;
        else out.delayMs = n;
        break;
      }
      case '--format':
      case '-f': {
        const v = value();
        if (v !== 'text' && v !== 'json') return { error: `--format must be text or json, got '${v ?? ''}'` };
        out.format = v;
        break;
      }
      case '--verbose':
      case '-v':
        out.verbose = true;
        break;
      default:
        if (arg.startsWith('-')) return { error: `unknown option ${arg} (see vigil probe --help)` };
        out.paths.push(arg);
    }
  }
  if (out.baseUrl === '') return { error: '--base-url is required, e.g. --base-url http://127.0.0.1:3000' };
  if (out.paths.length === 0) out.paths.push('.');
  return out;
}

/**
 * Runs `vigil probe` with `argv` (after the command name) and returns the exit code.
 *
 * Why its own command: probing sends requests, so it only ever runs when the
 * user asks for it, against the base URL they give, and reports "confirmed"
 * with the evidence or "not confirmed" (never "safe").
 */
export async function runProbeCommand(argv: string[], io?: ProbeCommandIo): Promise<number> {
  if (io) return probeCommand(argv, io);
  // From the terminal: Ctrl-C cancels the run at once (the request in flight is dropped).
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await probeCommand(argv, { ...defaultIo(), signal: controller.signal });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

async function probeCommand(argv: string[], io: ProbeCommandIo): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout(PROBE_HELP);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`vigil probe: ${args.error}\n`);
    return 2;
  }
  const missingRules = args.rules.filter((r) => !fs.existsSync(path.resolve(io.cwd, r)));
  if (missingRules.length > 0) {
    io.stderr(`vigil probe: rules path not found: ${missingRules.join(', ')}\n`);
    return 2;
  }
  const loaded = loadRules([...(args.defaultRules ? [bundledRulesDir()] : []), ...args.rules.map((r) => path.resolve(io.cwd, r))]);
  for (const e of loaded.errors.filter((x) => x.level === 'error')) io.stderr(`vigil probe: ${e.path ?? ''}${e.line !== undefined ? `:${e.line}` : ''} ${e.message}\n`);
  const collected = collectFiles(args.paths, io.cwd);
  if (collected.missing.length > 0) {
    io.stderr(`vigil probe: path not found: ${collected.missing.join(', ')}\n`);
    return 2;
  }
  const files: SourceFile[] = [];
  const findings: Finding[] = [];
  for (const file of collected.files) {
    if (file.language !== 'engine') continue;
    const text = fs.readFileSync(file.absolutePath, 'utf8');
    files.push({ path: file.absolutePath, text });
    findings.push(...scanFile(text, file.absolutePath, loaded.rules).findings);
  }
  if (args.routesFrom.length > 0) {
    const extra = collectFiles(args.routesFrom, io.cwd);
    if (extra.missing.length > 0) {
      io.stderr(`vigil probe: path not found: ${extra.missing.join(', ')}\n`);
      return 2;
    }
    const have = new Set(files.map((f) => f.path));
    for (const file of extra.files) {
      if (file.language === 'engine' && !have.has(file.absolutePath)) files.push({ path: file.absolutePath, text: fs.readFileSync(file.absolutePath, 'utf8') });
    }
  }
  const probeable = findings.filter((f) => classifyFinding(f) !== undefined);
  const display = (p: string): string => path.relative(io.cwd, p).split(path.sep).join('/') || p;
  const results: ProbeResult[] = [];
  try {
    const events = probeFindings(probeable, files, {
      baseUrl: args.baseUrl,
      allowMethods: args.allowMethods,
      maxRequestsPerFinding: args.maxRequests,
      maxRequestsPerRun: args.maxRequestsPerRun,
      timeoutMs: args.timeoutMs,
      delayMs: args.delayMs,
      resolver: io.resolver,
      logger: args.verbose ? (line) => io.stderr(`${line}\n`) : undefined,
    }, io.signal);
    for await (const e of events) if (e.kind === 'result') results.push(e.result);
  } catch (error) {
    if (error instanceof NonLoopbackTargetError) {
      io.stderr(`vigil probe: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const confirmed = results.filter((r) => r.verdict === 'confirmed');
  if (args.format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          baseUrl: args.baseUrl,
          findings: findings.length,
          results: results.map((r) => ({
            ruleId: r.finding.ruleId,
            path: display(r.finding.path),
            start: { line: r.finding.range.start.line + 1, column: r.finding.range.start.character + 1 },
            class: r.vulnClass,
            verdict: r.verdict,
            route: r.route ? { method: r.route.method, path: r.route.path } : undefined,
            input: r.input,
            requests: r.requests,
            durationMs: r.durationMs,
            reason: r.reason,
            evidence: r.evidence,
          })),
          summary: { probed: results.filter((r) => r.requests > 0).length, confirmed: confirmed.length, requests: results.reduce((n, r) => n + r.requests, 0) },
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const lines: string[] = [];
    for (const r of results) {
      const where = `${display(r.finding.path)}:${r.finding.range.start.line + 1}:${r.finding.range.start.character + 1}`;
      const route = r.route ? ` ${r.route.method} ${r.route.path}` : '';
      const label = r.verdict === 'confirmed' ? 'CONFIRMED' : r.verdict === 'not-confirmed' ? 'not confirmed' : r.verdict;
      lines.push(`${where}  ${label}  ${r.finding.ruleId} [${r.vulnClass ?? '?'}]${route}  (${r.requests} request${r.requests === 1 ? '' : 's'})`);
      lines.push(`    ${r.reason}`);
      if (r.evidence) {
        const req = r.evidence.request;
        lines.push(`    request:  ${req.method} ${req.url}${req.body !== undefined ? ` ${req.body}` : ''}`);
        lines.push(`    response: ${r.evidence.status} … ${r.evidence.excerpt}`);
      }
    }
    lines.push('');
    lines.push(`${confirmed.length} confirmed of ${results.filter((r) => r.requests > 0).length} probed (${probeable.length} probeable of ${findings.length} findings); "not confirmed" does not mean safe.`);
    io.stdout(lines.join('\n') + '\n');
  }
  return confirmed.length > 0 ? 1 : 0;
}
