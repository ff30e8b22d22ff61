/** One probe strategy per vulnerability class: baseline first, then a few context-aware probes, judged by the oracles. */
import * as path from 'node:path';
import type { CanaryFile } from './canary-file';
import type { CanaryListener } from './canary-listener';
import { arithmeticPair, randomToken } from './canary-token';
import type { InputValue } from './build-request';
import { codeContext, htmlContext, shellContext, sqlContext, templateEngine, type SinkTemplate, type SqlContext } from './payload-context';
import { codePayload, htmlPayload, shellPayloads, sqlPayloads, templatePayloads } from './payloads';
import {
  booleanPairDiffers,
  computedEcho,
  excerpt,
  fileContentShown,
  productShown,
  redirectsTo,
  reflectedUnescaped,
  responseShape,
  sameShape,
  sqlErrorIn,
} from './oracles';
import type { Evidence, ProbeRequest, ProbeResponse, RequestInput, VulnClass } from './types';

/** A request sent and its answer. */
export interface Exchange {
  request: ProbeRequest;
  response: ProbeResponse;
}

/** What a strategy may use: a bounded sender and what static analysis knew about the sink. */
export interface ProbeKit {
  /** Sends the route's request with `value` in the tainted input (benign values elsewhere). */
  send(value: InputValue, others?: ReadonlyMap<string, InputValue>): Promise<Exchange>;
  input: RequestInput;
  /** All inputs the handler reads, for operator injection into several body fields at once. */
  inputs: readonly RequestInput[];
  template?: SinkTemplate;
  /** The text of the handler's file. */
  fileText: string;
  /** Folder the handler reads files from, when known (`path.join(__dirname, 'public', x)`). */
  pathBase?: string;
  /** The input names the sink's expression mentions. */
  sinkInputs: readonly RequestInput[];
  canaryListener?: () => Promise<CanaryListener>;
  canaryFile?: () => CanaryFile;
}

/** A strategy's verdict. */
export interface ClassOutcome {
  confirmed: boolean;
  /** True when the strategy chose to send nothing (e.g. the SQL statement writes). */
  skipped?: boolean;
  reason: string;
  evidence?: Evidence;
}

type Strategy = (kit: ProbeKit) => Promise<ClassOutcome>;

function evidence(ex: Exchange, excerptText: string, reason: string, baseline?: Exchange): Evidence {
  return {
    request: ex.request,
    status: ex.response.status,
    excerpt: excerptText,
    reason,
    baseline: baseline ? { request: baseline.request, status: baseline.response.status, size: baseline.response.body.length } : undefined,
  };
}

const notConfirmed = (reason: string): ClassOutcome => ({ confirmed: false, reason });

/** SQL injection: database error on a quote, else an AND pair or (reads only) an OR pair against the baseline. */
const probeSqli: Strategy = async (kit) => {
  const contexts: SqlContext[] = kit.template
    ? [sqlContext(kit.template)]
    : [
        { quote: "'", stringSuffix: '', parenDepth: 0, isRead: true, inLike: false },
        { quote: null, stringSuffix: '', parenDepth: 0, isRead: true, inLike: false },
      ];
  const write = contexts.find((c) => !c.isRead);
  if (write && kit.template) {
    const verb = kit.template.prefix.trimStart().split(/\s+/)[0]?.toUpperCase() ?? 'a write';
    return { confirmed: false, skipped: true, reason: `the statement is ${verb}, not a read; Vigil does not send probes that could change data` };
  }
  const tried: string[] = [];
  for (const ctx of contexts) {
    const benign = ctx.quote ? (ctx.inLike ? 'a' : 'vigil') : '1';
    const base = await kit.send(benign);
    const baseShape = responseShape(base.response, [benign]);
    const n = 100 + Math.floor(Math.random() * 800);
    const payloads = sqlPayloads(ctx, benign, n);
    const err = await kit.send(payloads.error);
    const errText = sqlErrorIn(err.response.body);
    if (errText && !sqlErrorIn(base.response.body)) {
      return { confirmed: true, reason: 'a lone quote in the value made the database report a syntax error', evidence: evidence(err, errText, 'database syntax error for a quote, none in the baseline', base) };
    }
    tried.push(`quote → ${err.response.status}`);
    for (const pair of payloads.pairs) {
      const t = await kit.send(pair.truthy);
      const f = await kit.send(pair.falsy);
      const tShape = responseShape(t.response, [pair.truthy]);
      const fShape = responseShape(f.response, [pair.falsy]);
      const [neutral, changed, changedEx] = pair.neutral === 'truthy' ? [tShape, fShape, f] : [fShape, tShape, t];
      const why = booleanPairDiffers(baseShape, neutral, changed);
      tried.push(`${pair.name} pair → ${t.response.status}/${f.response.status}`);
      if (!why) continue;
      // The baseline must be stable, or the difference could be noise.
      const again = await kit.send(benign);
      if (!sameShape(baseShape, responseShape(again.response, [benign]))) return notConfirmed('the baseline itself changed between requests; no verdict');
      return {
        confirmed: true,
        reason: `boolean ${pair.name} pair: ${why}`,
        evidence: evidence(changedEx, excerpt(changedEx.response.body, 0, 0, 80), `true and false forms (${JSON.stringify(pair.truthy)} / ${JSON.stringify(pair.falsy)}) answer differently; ${why}`, base),
      };
    }
  }
  return notConfirmed(`no database error and no boolean difference (${tried.join(', ')})`);
};

/** Reflected XSS: a canary tag, preceded by the break-out its HTML context needs, reflected unescaped. */
const probeXss: Strategy = async (kit) => {
  const base = await kit.send('vigil');
  const contexts = kit.template ? [htmlContext(kit.template.prefix)] : [{ kind: 'text' as const }, { kind: 'attribute' as const, quote: '"' as const }];
  for (const ctx of contexts) {
    const tag = `vigil${randomToken(8)}`;
    const payload = htmlPayload(ctx, tag);
    const ex = await kit.send(`vigil${payload}`);
    const hit = reflectedUnescaped(ex.response, payload);
    if (hit) return { confirmed: true, reason: `the canary tag <${tag}> came back unescaped in HTML (${ctx.kind} context)`, evidence: evidence(ex, hit, 'canary tag reflected unescaped in an HTML response', base) };
  }
  return notConfirmed('the canary tag was not reflected unescaped in an HTML response');
};

/** Command injection: a separator and an arithmetic echo whose computed result comes back. */
const probeCmdi: Strategy = async (kit) => {
  const base = await kit.send('vigil');
  const ctx = kit.template ? shellContext(kit.template.prefix) : 'none';
  const contexts = kit.template ? [ctx] : (['none', 'double', 'single'] as const);
  for (const c of contexts) {
    for (let i = 0; i < 2; i++) {
      const marker = `vg${randomToken(6)}`;
      const { a, b, product } = arithmeticPair();
      const payload = shellPayloads(c, 'vigil', marker, a, b)[i];
      if (payload === undefined) continue;
      const ex = await kit.send(payload);
      const hit = computedEcho(ex.response, marker, String(product));
      if (hit) return { confirmed: true, reason: `the shell computed ${a}*${b} = ${product} and the result came back (${c}-quoted context)`, evidence: evidence(ex, hit, 'computed arithmetic echoed: a shell ran the injected command', base) };
    }
  }
  return notConfirmed('no computed echo came back');
};

/** Code injection: a JavaScript expression whose computed value comes back. */
const probeCode: Strategy = async (kit) => {
  const base = await kit.send('1');
  const quotes = kit.template ? [codeContext(kit.template.prefix)] : [null, "'" as const, '"' as const];
  for (const q of quotes) {
    const marker = `vg${randomToken(6)}`;
    const { a, b, product } = arithmeticPair();
    const ex = await kit.send(codePayload(q, marker, a, b));
    const hit = computedEcho(ex.response, marker, String(product));
    if (hit) return { confirmed: true, reason: `the server evaluated ${a}*${b} = ${product} inside a string expression`, evidence: evidence(ex, hit, 'computed canary echoed: the server evaluated the injected code', base) };
  }
  return notConfirmed('no evaluated canary came back');
};

/** Server-side template injection: an arithmetic canary in the engine's own syntax, rendered. */
const probeSsti: Strategy = async (kit) => {
  const base = await kit.send('vigil');
  const engine = templateEngine(kit.fileText);
  const { a, b, product } = arithmeticPair();
  const forms = templatePayloads(engine, a, b);
  if (forms.length === 0) return notConfirmed(`${engine} templates cannot compute; no arithmetic canary exists for it`);
  for (const form of forms) {
    const ex = await kit.send(`vigil${form}`);
    const hit = productShown(ex.response, base.response, product);
    if (hit) return { confirmed: true, reason: `the template engine (${engine}) computed ${a}*${b} = ${product}`, evidence: evidence(ex, hit, 'arithmetic canary rendered by the template engine', base) };
  }
  return notConfirmed('no rendered arithmetic canary');
};

/** Path traversal: `../` steps from the handler's folder to a canary file the prober wrote. */
const probePath: Strategy = async (kit) => {
  const base = await kit.send('vigil.txt');
  if (!kit.canaryFile) return notConfirmed('no canary file');
  const canary = kit.canaryFile();
  const candidates: string[] = [];
  if (kit.pathBase) candidates.push(path.relative(kit.pathBase, canary.path).split(path.sep).join('/'));
  candidates.push('../'.repeat(16) + canary.path.split(path.sep).join('/').replace(/^\/+/, ''));
  candidates.push(canary.path);
  for (const c of [...new Set(candidates)]) {
    const ex = await kit.send(c);
    const hit = fileContentShown(ex.response, canary.content);
    if (hit) return { confirmed: true, reason: `the response holds the content of the canary file ${canary.path}, reached as ${c}`, evidence: evidence(ex, hit, 'canary file content read through the path', base) };
  }
  return notConfirmed('the canary file could not be read through the path');
};

/** Open redirect: a Location header pointing at a canary host (under `.invalid`, which never resolves). */
const probeRedirect: Strategy = async (kit) => {
  const base = await kit.send('/');
  for (const form of ['https://', '//']) {
    const host = `vigil-${randomToken(8)}.invalid`;
    const ex = await kit.send(`${form}${host}/`);
    const hit = redirectsTo(ex.response, host);
    if (hit) return { confirmed: true, reason: `the server redirected to the canary host ${host}`, evidence: evidence(ex, hit, 'Location header points at the canary host', base) };
  }
  return notConfirmed('no redirect to the canary host');
};

/** SSRF: a URL of the prober's own loopback listener; its hit is the proof. */
const probeSsrf: Strategy = async (kit) => {
  if (!kit.canaryListener) return notConfirmed('no canary listener');
  const listener = await kit.canaryListener();
  const baseToken = randomToken();
  const fixedScheme = kit.template !== undefined && /:\/\/$/.test(kit.template.prefix);
  const shape = (url: string): string => (fixedScheme ? url.replace(/^http:\/\//, '') + '?' : url);
  const base = await kit.send(shape(listener.urlFor(baseToken)));
  const token = randomToken();
  const ex = await kit.send(shape(listener.urlFor(token)));
  if (await listener.waitForHit(token, 1500)) {
    return { confirmed: true, reason: `the server requested the prober's listener (${listener.urlFor(token)})`, evidence: evidence(ex, `listener hit: GET /vigil-${token}`, 'out-of-band request arrived at the loopback listener', base) };
  }
  return notConfirmed('the listener received no request');
};

/** NoSQL operator injection: `{ $ne: canary }` against a control `{ $eq: canary }` and the baseline. */
const probeNosqli: Strategy = async (kit) => {
  const targets = kit.sinkInputs.filter((i) => i.location === 'json' || i.location === 'form' || i.location === 'query');
  const fields = targets.length > 0 ? targets : [kit.input];
  const base = await kit.send('vigil');
  const baseShape = responseShape(base.response, ['vigil']);
  const ops: [string, (c: string) => Record<string, unknown>][] = [
    ['$ne', (c) => ({ $ne: c })],
    ['$gt', () => ({ $gt: '' })],
  ];
  for (const [name, op] of ops) {
    const canary = `vigil-${randomToken(8)}`;
    const withOp = new Map<string, InputValue>(fields.map((f) => [`${f.location}:${f.name}`, op(canary)]));
    const control = new Map<string, InputValue>(fields.map((f) => [`${f.location}:${f.name}`, { $eq: canary }]));
    const probe = await kit.send(op(canary), withOp);
    const ctl = await kit.send({ $eq: canary }, control);
    const why = booleanPairDiffers(baseShape, responseShape(ctl.response), responseShape(probe.response));
    if (why) return { confirmed: true, reason: `operator ${name} in ${fields.map((f) => f.name).join(', ')} changed the answer: ${why}`, evidence: evidence(probe, excerpt(probe.response.body, 0, 0, 80), `query operator accepted from the request (${name} vs a non-matching $eq control)`, base) };
  }
  return notConfirmed('operators in the input did not change the answer');
};

/** The strategy for each class. */
export const STRATEGIES: Record<VulnClass, Strategy> = {
  sqli: probeSqli,
  nosqli: probeNosqli,
  cmdi: probeCmdi,
  'code-injection': probeCode,
  ssti: probeSsti,
  xss: probeXss,
  'open-redirect': probeRedirect,
  ssrf: probeSsrf,
  'path-traversal': probePath,
};
