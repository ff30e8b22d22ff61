// Test code for ssrf-fetch: link previews and proxies with fetch.
import express, { type Request, type Response } from 'express';

const app = express();

// "Add a link preview endpoint"
app.get('/preview', async (req: Request, res: Response) => {
  // ruleid: ssrf-fetch
  const page = await fetch(req.query.url as string);
  res.send(await page.text());
});

// Next.js app router proxy (app/api/proxy/route.ts)
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const target = searchParams.get('target')!;
  // ruleid: ssrf-fetch
  const upstream = await fetch(target, { headers: { accept: 'application/json' } });
  return new Response(upstream.body);
}

// A helper that fetches, reached from a webhook handler.
async function ping(url: string) {
  // ruleid: ssrf-fetch
  return fetch(`${url}/health`);
}
async function webhookHandler(req: Request, res: Response) {
  const r = await ping(req.body.callbackUrl);
  res.json({ ok: r.ok });
}
app.post('/webhooks', webhookHandler);

// The fixed forms: an allow-list lookup, a host check, a fixed origin.
const SITES: Record<string, string> = { docs: 'https://docs.example.com', status: 'https://status.example.com' };
const API_BASE = 'https://api.example.com';
const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);
app.get('/preview-safe', async (req: Request, res: Response) => {
  const site = SITES[String(req.query.site)];
  if (!site) return res.status(400).end();
  // ok: ssrf-fetch
  const a = await fetch(site);
  const url = new URL(String(req.query.image));
  if (!ALLOWED_HOSTS.has(url.hostname) || url.protocol !== 'https:') return res.status(400).end();
  // ok: ssrf-fetch
  const b = await fetch(url);
  // ok: ssrf-fetch
  const c = await fetch(`https://api.github.com/users/${encodeURIComponent(String(req.query.user))}`);
  // ok: ssrf-fetch
  const d = await fetch('https://api.example.com/items/' + req.params.id);
  let endpoint = req.query.endpoint as string;
  endpoint = 'https://api.example.com/ping';
  // ok: ssrf-fetch
  const e = await fetch(endpoint);
  // ok: ssrf-fetch
  const f = await fetch('https://api.example.com/page?n=' + Number(req.query.n));
  // ok: ssrf-fetch
  const g = await fetch(`${process.env.API_URL}/users/${req.params.id}`);
  // ok: ssrf-fetch
  const h = await fetch(API_BASE + '/orders/' + req.params.id);
  // The host itself is the request's: still reported.
  // ruleid: ssrf-fetch
  const i = await fetch(`${req.query.origin}/api/status`);
  res.json([a.ok, b.ok, c.ok, d.ok, e.ok, f.ok, g.ok, h.ok, i.ok]);
});
