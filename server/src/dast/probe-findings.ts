/** Runs the probes for a list of findings against a loopback dev server and streams what happens as events. */
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Finding } from '../engine/types';
import { parseSource, type ParsedSource } from '../engine/parse/parse-source';
import { isFunction, nodeAt, parentMap, walk, type Node } from './ast-utils';
import { benignValue, buildRequest, inputKey, methodFor, type InputValue } from './build-request';
import { createCanaryFile, type CanaryFile } from './canary-file';
import { startCanaryListener, type CanaryListener } from './canary-listener';
import { STRATEGIES, type Exchange, type ProbeKit } from './class-probes';
import { classifyFinding } from './classify-finding';
import { extractRoutes, pathParams, routeContaining, type SourceFile } from './extract-routes';
import { functionName, locateInputs } from './locate-input';
import { checkLoopbackTarget, LoopbackClient, ProbeCancelledError } from './loopback-client';
import { pathBase, sinkTemplate, taintNames } from './payload-context';
import type { ProbeEvent, ProbeOptions, ProbeRequest, ProbeResponse, ProbeResult, RequestInput, Route } from './types';

/** Defaults for {@link ProbeOptions}. */
export const PROBE_DEFAULTS = { maxRequestsPerFinding: 12, maxRequestsPerRun: 200, timeoutMs: 5000, delayMs: 25 } as const;

/** Thrown inside a finding's probes when its request budget is spent. */
class BudgetSpent extends Error {}

/**
 * Probes each finding and yields events: `finding-start`, `request`,
 * `response`, `result` per finding, then `done`.
 *
 * Why an async iterable: the language server shows each request as it goes
 * and can stop at once (break out of the loop or abort `signal`); the CLI just
 * collects the results. Throws {@link NonLoopbackTargetError} before any
 * request when `options.baseUrl` is not loopback.
 */
export async function* probeFindings(findings: readonly Finding[], files: readonly SourceFile[], options: ProbeOptions, signal?: AbortSignal): AsyncGenerator<ProbeEvent, void, undefined> {
  const log = options.logger ?? ((): void => undefined);
  const resolver = options.resolver;
  // Refuse a non-loopback target before anything else happens.
  await checkLoopbackTarget(options.baseUrl, resolver);
  // One controller for this run: the caller's signal, or the caller leaving the loop, stops every request at once.
  const run = new AbortController();
  const onOuterAbort = (): void => run.abort();
  if (signal?.aborted) run.abort();
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  const outer = signal;
  signal = run.signal;
  const perFinding = options.maxRequestsPerFinding ?? PROBE_DEFAULTS.maxRequestsPerFinding;
  const perRun = options.maxRequestsPerRun ?? PROBE_DEFAULTS.maxRequestsPerRun;
  const delayMs = options.delayMs ?? PROBE_DEFAULTS.delayMs;
  const allowed = new Set(['GET', 'HEAD', ...(options.allowMethods ?? []).map((m) => m.toUpperCase())]);
  const client = new LoopbackClient({
    resolver,
    timeoutMs: options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs,
    onRedirectRefused: (from, to, reason) => log(`  redirect from ${from} to ${to} not followed: ${reason}`),
  });
  const routes = extractRoutes(files);
  const appParsers = {
    json: files.some((f) => /\b(express|bodyParser|body_parser)\.json\s*\(/.test(f.text)),
    form: files.some((f) => /\burlencoded\s*\(/.test(f.text)),
  };
  const parsedFiles = new Map<string, ParsedSource>();
  const parsed = (file: string): ParsedSource | undefined => {
    const abs = path.resolve(file);
    let p = parsedFiles.get(abs);
    if (!p) {
      const source = files.find((f) => path.resolve(f.path) === abs);
      if (!source) return undefined;
      p = parseSource(source.text, source.path);
      parsedFiles.set(abs, p);
    }
    return p;
  };
  log(`probing ${findings.length} finding(s) at ${options.baseUrl}; ${routes.length} route(s) found; methods ${[...allowed].join(', ')}`);

  let listener: CanaryListener | undefined;
  let canaryFile: CanaryFile | undefined;
  let runRequests = 0;
  let lastSent = 0;
  const results: ProbeResult[] = [];
  let cancelled = false;
  try {
    for (let index = 0; index < findings.length; index++) {
      const finding = findings[index];
      if (!finding) continue;
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      const started = performance.now();
      const finish = (result: Omit<ProbeResult, 'finding' | 'durationMs'>): ProbeEvent => {
        const full: ProbeResult = { finding, durationMs: Math.round(performance.now() - started), ...result };
        results.push(full);
        log(`  ⇒ ${full.verdict}: ${full.reason}`);
        return { kind: 'result', index, result: full };
      };
      const vulnClass = classifyFinding(finding);
      const where = `${finding.path}:${finding.range.start.line + 1} ${finding.ruleId}`;
      if (!vulnClass) {
        yield finish({ verdict: 'skipped', requests: 0, reason: 'no probe for this rule (no vigil-class or known CWE)' });
        continue;
      }
      const file = parsed(finding.path);
      const program = file?.program;
      if (!file || !program) {
        yield finish({ verdict: 'skipped', vulnClass, requests: 0, reason: `${finding.path} was not given or does not parse` });
        continue;
      }
      const source = finding.trace?.find((s) => s.kind === 'source');
      const route =
        (source ? routeContaining(routes, finding.path, source.start, source.end) : undefined) ??
        routeContaining(routes, finding.path, finding.start, finding.end) ??
        routeCallingHelper(routes, finding, program);
      if (!route) {
        yield finish({ verdict: 'skipped', vulnClass, requests: 0, reason: 'no HTTP route handler contains this finding or its taint source' });
        continue;
      }
      const located = locateInputs(finding, program, file.text, { start: route.handlerStart, end: route.handlerEnd });
      // Express parses bodies with app-wide middleware, often in another file: send a form only when no JSON parser exists.
      if (route.framework === 'express' && located.bodyKind === 'json' && appParsers.form && !appParsers.json) located.bodyKind = 'form';
      const input = located.primary;
      yield { kind: 'finding-start', index, finding, vulnClass, route, input };
      log(`${where} [${vulnClass}] ${route.method} ${route.path}${input ? ` input ${input.location}:${input.name}` : ''}`);
      if (!input) {
        yield finish({ verdict: 'skipped', vulnClass, route, requests: 0, reason: 'could not tell which request input carries the tainted data' });
        continue;
      }
      const inputs = [...located.all];
      for (const name of pathParams(route.path)) if (!inputs.some((i) => i.location === 'path' && i.name === name)) inputs.push({ location: 'path', name });
      const method = methodFor(route, inputs);
      if (!allowed.has(method)) {
        yield finish({ verdict: 'skipped', vulnClass, route, input, requests: 0, reason: `${method} requests are off; allow them with --allow-methods ${method} (or the setting) to probe this route` });
        continue;
      }
      // Events from inside the strategy are queued and yielded as the strategy runs.
      const queue: ProbeEvent[] = [];
      let wake: (() => void) | undefined;
      const push = (e: ProbeEvent): void => {
        queue.push(e);
        wake?.();
      };
      let requests = 0;
      const send = async (value: InputValue, others?: ReadonlyMap<string, InputValue>): Promise<Exchange> => {
        if (requests >= perFinding || runRequests >= perRun) throw new BudgetSpent();
        if (signal?.aborted) throw new ProbeCancelledError();
        const values = new Map<string, InputValue>();
        for (const i of inputs) values.set(inputKey(i), benignValue(i.name, i.location));
        values.set(inputKey(input), value);
        for (const [k, v] of others ?? []) values.set(k, v);
        const request = buildRequest({ baseUrl: options.baseUrl, route, method, inputs, values, bodyKind: located.bodyKind });
        const wait = lastSent + delayMs - Date.now();
        if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
        if (signal?.aborted) throw new ProbeCancelledError();
        requests++;
        runRequests++;
        lastSent = Date.now();
        push({ kind: 'request', index, request });
        log(`  ${summarizeRequest(request)}`);
        try {
          const response = await client.send(request, signal);
          push({ kind: 'response', index, request, response });
          log(`    ← ${summarizeResponse(response)}`);
          lastSent = Date.now();
          return { request, response };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          push({ kind: 'response', index, request, error: message });
          log(`    ← error: ${message}`);
          throw error;
        }
      };
      const sinkInputs = inputsInSink(finding, program, file.text, inputs);
      const kit: ProbeKit = {
        send,
        input,
        inputs,
        sinkInputs,
        template: sinkTemplate(finding, program, taintNames(finding, input.name)),
        fileText: file.text,
        pathBase: pathBase(finding, program, finding.path),
        canaryListener: async () => (listener ??= await startCanaryListener()),
        canaryFile: () => (canaryFile ??= createCanaryFile()),
      };
      const strategy = STRATEGIES[vulnClass];
      let settled = false;
      const work = strategy(kit).then(
        (outcome) => ({ outcome, error: undefined as unknown }),
        (error: unknown) => ({ outcome: undefined, error }),
      );
      void work.finally(() => {
        settled = true;
        wake?.();
      });
      while (!settled || queue.length > 0) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (settled || queue.length > 0) resolve();
        });
        wake = undefined;
      }
      const { outcome, error } = await work;
      const base = { vulnClass, route, input, requests };
      if (error instanceof ProbeCancelledError || signal?.aborted) {
        cancelled = true;
        yield finish({ ...base, verdict: 'not-confirmed', reason: 'cancelled' });
        break;
      }
      if (error instanceof BudgetSpent) {
        yield finish({ ...base, verdict: 'not-confirmed', reason: `request budget reached (${perFinding} per finding, ${perRun} per run) before a verdict` });
        continue;
      }
      if (error !== undefined || !outcome) {
        yield finish({ ...base, verdict: 'error', reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      yield finish({ ...base, verdict: outcome.confirmed ? 'confirmed' : outcome.skipped ? 'skipped' : 'not-confirmed', reason: outcome.reason, evidence: outcome.evidence });
    }
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    run.abort();
    await listener?.close();
    canaryFile?.remove();
  }
  yield { kind: 'done', results, requests: runRequests, cancelled };
}

/**
 * Without a trace into a handler: the sink is in a helper function of the
 * file, and the route is the one whose handler calls that helper by name.
 */
function routeCallingHelper(routes: readonly Route[], finding: Finding, program: NonNullable<ParsedSource['program']>): Route | undefined {
  const parents = parentMap(program);
  const sink = nodeAt(program, finding.start, finding.end);
  let fn: Node | undefined;
  for (let p = sink ? parents.get(sink) : undefined; p; p = parents.get(p)) {
    if (isFunction(p)) {
      fn = p;
      break;
    }
  }
  const name = fn ? functionName(fn, parents) : undefined;
  if (name === undefined) return undefined;
  const abs = path.resolve(finding.path);
  for (const route of routes) {
    if (route.file !== abs) continue;
    const handler = nodeAt(program, route.handlerStart, route.handlerEnd);
    let calls = false;
    if (handler) {
      walk(handler, (n) => {
        if (n.type === 'CallExpression' && ((n.callee.type === 'Identifier' && n.callee.name === name) || (n.callee.type === 'MemberExpression' && n.callee.property.type === 'Identifier' && n.callee.property.name === name))) calls = true;
      });
    }
    if (calls) return route;
  }
  return undefined;
}

/** The handler's inputs whose names occur in the sink expression (for operator injection into every field of a query object). */
function inputsInSink(finding: Finding, program: NonNullable<ParsedSource['program']>, text: string, inputs: readonly RequestInput[]): RequestInput[] {
  const sink = nodeAt(program, finding.start, finding.end);
  if (!sink) return [];
  const names = new Set<string>();
  walk(sink, (n) => {
    if (n.type === 'Identifier') names.add(n.name);
  });
  const sinkText = text.slice(sink.range[0], sink.range[1]);
  return inputs.filter((i) => names.has(i.name) || sinkText.includes(`.${i.name}`));
}

/** `POST http://127.0.0.1:3000/api/login {"username":"…"}` in one line, body cut at 200 characters. */
export function summarizeRequest(request: ProbeRequest): string {
  const body = request.body !== undefined ? ` ${request.body.length > 200 ? request.body.slice(0, 200) + '…' : request.body}` : '';
  const headers = Object.entries(request.headers)
    .filter(([k]) => k !== 'content-type')
    .map(([k, v]) => ` [${k}: ${v.length > 80 ? v.slice(0, 80) + '…' : v}]`)
    .join('');
  return `→ ${request.method} ${request.url}${headers}${body}`;
}

/** `200 text/html 1234 B 12 ms (Location: …)` in one line. */
export function summarizeResponse(response: ProbeResponse): string {
  const type = (response.headers['content-type'] ?? '').split(';')[0] ?? '';
  const location = response.headers['location'] !== undefined ? ` Location: ${response.headers['location']}` : '';
  return `${response.status} ${type} ${response.body.length} B ${response.durationMs} ms${location}`;
}
