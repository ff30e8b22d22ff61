// Test code for ssrf-undici: undici clients with request-controlled URLs.
import express, { type Request, type Response } from 'express';
import { request, fetch as undiciFetch, Client } from 'undici';

const app = express();

// "Forward the request to the service the client names"
app.get('/forward', async (req: Request, res: Response) => {
  // ruleid: ssrf-undici
  const { body } = await request(String(req.query.url));
  res.send(await body.text());
});

app.get('/pool', async (req: Request, res: Response) => {
  // ruleid: ssrf-undici
  const client = new Client(`http://${req.query.host}:8080`);
  const { body } = await client.request({ path: '/', method: 'GET' });
  res.send(await body.text());
});

async function grab(url: string) {
  // ruleid: ssrf-undici
  return undiciFetch(url);
}
async function grabHandler(req: Request, res: Response) {
  res.json({ ok: (await grab(req.body.url)).ok });
}
app.post('/grab', grabHandler);

// The fixed forms.
const UPSTREAMS: Record<string, string> = { billing: 'http://billing.internal:8080' };
app.get('/forward-safe', async (req: Request, res: Response) => {
  const base = UPSTREAMS[String(req.query.service)];
  if (!base) return res.status(400).end();
  // ok: ssrf-undici
  const { body } = await request(base);
  // ok: ssrf-undici
  const item = await request(`https://api.example.com/items/${req.query.id}`);
  let url = String(req.query.url);
  url = 'https://example.com';
  // ok: ssrf-undici
  await undiciFetch(url);
  res.send({ text: await body.text(), status: item.statusCode });
});
