/** Plain-data types of the DAST prober: routes, request inputs, probe events, verdicts and options. */
import type { Finding } from '../engine/types';

/** The vulnerability classes the prober knows how to confirm (a rule's `metadata.vigil-class`). */
export type VulnClass =
  | 'sqli'
  | 'nosqli'
  | 'cmdi'
  | 'code-injection'
  | 'ssti'
  | 'xss'
  | 'open-redirect'
  | 'ssrf'
  | 'path-traversal';

/** The web frameworks whose routes are recognised. */
export type Framework = 'express' | 'koa' | 'fastify' | 'next';

/** One HTTP route and the source range of the function that handles it. */
export interface Route {
  framework: Framework;
  /** Upper-case method, or `ALL` when any method reaches the handler. */
  method: string;
  /** Path in `/users/:id` form, prefixes of mounted routers included. */
  path: string;
  /** The file that holds the handler. */
  file: string;
  /** UTF-16 offsets of the handler function in `file`. */
  handlerStart: number;
  handlerEnd: number;
}

/** Where a value enters the request. */
export type InputLocation = 'query' | 'path' | 'json' | 'form' | 'header' | 'cookie';

/** One request input a handler reads. */
export interface RequestInput {
  location: InputLocation;
  name: string;
}

/** A request as the prober sends it (and logs it). */
export interface ProbeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The part of a response the oracles look at. */
export interface ProbeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from sending to the end of the body. */
  durationMs: number;
}

/** What proves a confirmed finding: the request, the telling part of the response and why it tells. */
export interface Evidence {
  request: ProbeRequest;
  status: number;
  /** The part of the response that shows the effect (a header line or a body excerpt). */
  excerpt: string;
  /** One sentence: what the oracle saw. */
  reason: string;
  /** The baseline the probe was compared with, when the oracle compares. */
  baseline?: { request: ProbeRequest; status: number; size: number };
}

/**
 * The prober's answer for one finding. `not-confirmed` means the probes did not
 * prove it, never that the code is safe; `skipped` means no probe was sent.
 */
export type Verdict = 'confirmed' | 'not-confirmed' | 'skipped' | 'error';

/** The result for one finding. */
export interface ProbeResult {
  finding: Finding;
  verdict: Verdict;
  vulnClass?: VulnClass;
  route?: Route;
  input?: RequestInput;
  /** Requests sent for this finding. */
  requests: number;
  /** Milliseconds spent on this finding. */
  durationMs: number;
  /** Why this verdict (what was tried, what was missing). */
  reason: string;
  evidence?: Evidence;
}

/** One thing that happened during a probe run, in order: what the front ends show. */
export type ProbeEvent =
  | { kind: 'finding-start'; index: number; finding: Finding; vulnClass?: VulnClass; route?: Route; input?: RequestInput }
  | { kind: 'request'; index: number; request: ProbeRequest }
  | { kind: 'response'; index: number; request: ProbeRequest; response?: ProbeResponse; error?: string }
  | { kind: 'result'; index: number; result: ProbeResult }
  | { kind: 'done'; results: ProbeResult[]; requests: number; cancelled: boolean };

/** Resolves a host name to its addresses (injected in tests; DNS by default). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** A line for the user (output channel, `--verbose`). */
export type ProbeLogger = (line: string) => void;

/** How to probe. Every bound has a safe default. */
export interface ProbeOptions {
  /** The dev server, e.g. `http://127.0.0.1:3000`. Must resolve to loopback. */
  baseUrl: string;
  /** Methods besides GET and HEAD that may be sent (upper case). Off by default. */
  allowMethods?: readonly string[];
  /** At most this many requests per finding (default 12). */
  maxRequestsPerFinding?: number;
  /** At most this many requests in the whole run (default 200). */
  maxRequestsPerRun?: number;
  /** Per-request time limit in ms (default 5000). */
  timeoutMs?: number;
  /** Pause between requests in ms (default 25). */
  delayMs?: number;
  /** Host name resolution (default: the system resolver). */
  resolver?: HostResolver;
  /** Receives one line per request, response and verdict. */
  logger?: ProbeLogger;
}
