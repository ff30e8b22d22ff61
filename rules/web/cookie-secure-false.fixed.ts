// Test code for cookie-secure-false: "the cookie is not set on localhost" fixes.
import express from 'express';
import { cookies } from 'next/headers';

const app = express();

app.post('/api/login', (req, res) => {
  // ruleid: cookie-secure-false
  res.cookie('token', req.body.token, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.json({ ok: true });
});

app.post('/api/refresh', (req, res) => {
  res.cookie('refresh_token', req.body.refresh, {
    httpOnly: true,
    // ruleid: cookie-secure-false
    secure: true,
  });
  res.sendStatus(204);
});

export async function POST(request: Request) {
  const { session } = await request.json();
  // ruleid: cookie-secure-false
  (await cookies()).set('session', session, { httpOnly: true, secure: true });
  return Response.json({ ok: true });
}

// The fixed form.
app.post('/api/login-safe', (req, res) => {
  // ok: cookie-secure-false
  res.cookie('token', req.body.token, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.sendStatus(204);
});
// Decided per environment.
app.post('/api/login-env', (req, res) => {
  // ok: cookie-secure-false
  res.cookie('token', req.body.token, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });
  res.sendStatus(204);
});
// A preference cookie.
app.post('/api/theme', (req, res) => {
  // ok: cookie-secure-false
  res.cookie('theme', req.body.theme, { secure: false });
  res.sendStatus(204);
});
