// Test code for cors-reflected-origin-with-credentials: hand-written CORS middleware.
import express, { type Request, type Response, type NextFunction } from 'express';

const app = express();

// "Write CORS middleware without the cors package, cookies must work"
app.use((req: Request, res: Response, next: NextFunction) => {
  // ruleid: cors-reflected-origin-with-credentials
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE');
  next();
});

app.use((req: Request, res: Response, next: NextFunction) => {
  const origin = req.get('origin');
  res.header('Access-Control-Allow-Credentials', 'true');
  // ruleid: cors-reflected-origin-with-credentials
  res.header('Access-Control-Allow-Origin', origin);
  next();
});

export function withCors(req: Request, res: Response) {
  // ruleid: cors-reflected-origin-with-credentials
  res.set('access-control-allow-origin', req.header('origin') as string);
  res.set('access-control-allow-credentials', 'true');
}

// The fixed form: an allow-list.
const ALLOWED = ['https://app.example.com', 'https://admin.example.com'];
app.use((req: Request, res: Response, next: NextFunction) => {
  const origin = req.headers.origin;
  if (origin && ALLOWED.includes(origin)) {
    // ok: cors-reflected-origin-with-credentials
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  next();
});

// Reflecting without credentials is a public API.
app.use('/public', (req: Request, res: Response, next: NextFunction) => {
  // ok: cors-reflected-origin-with-credentials
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  next();
});

// A fixed origin with credentials.
app.use('/app', (_req: Request, res: Response, next: NextFunction) => {
  // ok: cors-reflected-origin-with-credentials
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});
