// Test code for ssrf-got: got with request-controlled URLs.
import express, { type Request, type Response } from 'express';
import got from 'got';

const app = express();

// "Proxy the RSS feed the user subscribes to"
app.get('/feed', async (req: Request, res: Response) => {
  // ruleid: ssrf-got
  const body = await got(req.query.url as string).text();
  res.type('xml').send(body);
});

app.get('/stream', (req: Request, res: Response) => {
  // ruleid: ssrf-got
  got.stream('http://' + req.query.host + '/export.csv').pipe(res);
});

async function check(url: string) {
  // ruleid: ssrf-got
  return got.head(url);
}
async function checkHandler(req: Request, res: Response) {
  res.json({ status: (await check(req.body.url)).statusCode });
}
app.post('/check', checkHandler);

// The fixed forms.
const FEEDS: Record<string, string> = { news: 'https://news.example.com/rss' };
app.get('/feed-safe', async (req: Request, res: Response) => {
  const url = FEEDS[String(req.query.feed)];
  if (!url) return res.status(404).end();
  // ok: ssrf-got
  const body = await got(url).text();
  // ok: ssrf-got
  const user = await got(`https://api.example.com/users/${req.query.id}`).json();
  let target = req.query.target as string;
  target = 'https://example.com';
  // ok: ssrf-got
  await got.head(target);
  // ok: ssrf-got
  await got('https://api.example.com/page/' + Number(req.query.page));
  res.json({ body, user });
});
