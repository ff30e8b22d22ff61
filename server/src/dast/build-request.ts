/** Turns a route and values for its inputs into the HTTP request the prober sends. */
import type { InputLocation, ProbeRequest, RequestInput, Route } from './types';

/** A value for an input: text, or an object for operator injection (`{ $ne: … }`). */
export type InputValue = string | Record<string, unknown>;

/** The key of an input in a value map. */
export function inputKey(input: RequestInput): string {
  return `${input.location}:${input.name}`;
}

/**
 * A harmless value for an input, from its name.
 *
 * Why: a handler that reads `page` or `id` may answer 400 to a word; the
 * baseline has to reach the sink the way a normal request does.
 */
export function benignValue(name: string, location: InputLocation): string {
  const n = name.toLowerCase();
  if (/(^id$|id$|_id$|page|limit|count|num|size|offset|qty|amount|age|year)/.test(n)) return '1';
  if (/mail/.test(n)) return 'vigil@example.com';
  if (/(url|link|href|redirect|return|next|target|callback|to$)/.test(n)) return '/';
  if (/(file|path|name$|doc)/.test(n) && location !== 'header') return 'vigil.txt';
  return 'vigil';
}

/** Options for {@link buildRequest}. */
export interface BuildRequestOptions {
  baseUrl: string;
  route: Route;
  method: string;
  inputs: readonly RequestInput[];
  values: ReadonlyMap<string, InputValue>;
  bodyKind: 'json' | 'form';
}

/** Builds method, URL (path parameters and query), headers and body. */
export function buildRequest(options: BuildRequestOptions): ProbeRequest {
  const { route, inputs, values } = options;
  const valueOf = (input: RequestInput): InputValue => values.get(inputKey(input)) ?? benignValue(input.name, input.location);
  // Path parameters: `:id`, `:id(\\d+)`, `:id?`, and `*` wildcards.
  let routePath = route.path.replace(/:(\w+)(\([^)]*\))?\??/g, (_m, name: string) => {
    const input = inputs.find((i) => i.location === 'path' && i.name === name) ?? { location: 'path' as const, name };
    const v = valueOf(input);
    return encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
  });
  routePath = routePath.replace(/\*+/g, 'vigil');
  const url = new URL(routePath, options.baseUrl.endsWith('/') ? options.baseUrl : options.baseUrl + '/');
  // Keep a base URL's own path prefix (`http://127.0.0.1:3000/app`).
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');
  url.pathname = basePath + routePath;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  const body: Record<string, unknown> = {};
  const form = new URLSearchParams();
  let hasBody = false;
  for (const input of inputs) {
    const v = valueOf(input);
    switch (input.location) {
      case 'query':
        if (typeof v === 'string') url.searchParams.append(input.name, v);
        else for (const [op, arg] of Object.entries(v)) url.searchParams.append(`${input.name}[${op}]`, String(arg));
        break;
      case 'json':
      case 'form':
        hasBody = true;
        body[input.name] = v;
        if (typeof v === 'string') form.append(input.name, v);
        else for (const [op, arg] of Object.entries(v)) form.append(`${input.name}[${op}]`, String(arg));
        break;
      case 'header':
        headers[input.name] = typeof v === 'string' ? v : JSON.stringify(v);
        break;
      case 'cookie':
        cookies.push(`${input.name}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`);
        break;
      case 'path':
        break;
    }
  }
  if (cookies.length > 0) headers['cookie'] = cookies.join('; ');
  const request: ProbeRequest = { method: options.method, url: url.href, headers };
  if (hasBody && options.method !== 'GET' && options.method !== 'HEAD') {
    if (options.bodyKind === 'json') {
      headers['content-type'] = 'application/json';
      request.body = JSON.stringify(body);
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      request.body = form.toString();
    }
  }
  return request;
}

/** The method to send for a route: its own, or for `ALL`, POST when it reads a body and GET otherwise. */
export function methodFor(route: Route, inputs: readonly RequestInput[]): string {
  if (route.method !== 'ALL') return route.method;
  return inputs.some((i) => i.location === 'json' || i.location === 'form') ? 'POST' : 'GET';
}
