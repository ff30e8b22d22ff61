// Test code for cookie-without-httponly: Express logins and Next.js route handlers as assistants write them.
import express, { type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

const app = express();
const SESSION_COOKIE = 'sid';

// "After login, store the JWT in a cookie"
app.post('/api/login', (req: Request, res: Response) => {
  const token = jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET as string, { expiresIn: '7d' });
  // ruleid: cookie-without-httponly
  res.cookie('token', token, { maxAge: 7 * 24 * 60 * 60 * 1000, secure: true });
  res.json({ ok: true });
});

app.post('/api/remember-me', (req: Request, res: Response) => {
  // ruleid: cookie-without-httponly
  res.cookie('remember_me', req.body.deviceId);
  res.sendStatus(204);
});

app.post('/api/session', (req: Request, res: Response) => {
  // ruleid: cookie-without-httponly
  res.cookie(SESSION_COOKIE, req.body.sessionId, {
    httpOnly: false,
    sameSite: 'lax',
  });
  res.sendStatus(204);
});

// Next.js App Router (app/api/login/route.ts)
export async function POST(request: Request) {
  const { token } = await request.json();
  // ruleid: cookie-without-httponly
  (await cookies()).set('auth-token', token, { path: '/', maxAge: 60 * 60 });
  const response = NextResponse.json({ ok: true });
  // ruleid: cookie-without-httponly
  response.cookies.set('refreshToken', token, { secure: true });
  return response;
}

// The fixed forms.
app.post('/api/login-safe', (req: Request, res: Response) => {
  const token = jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET as string, { expiresIn: '7d' });
  // ok: cookie-without-httponly
  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 7 * 24 * 60 * 60 * 1000 });
  res.json({ ok: true });
});

export async function PUT(request: Request) {
  const { token } = await request.json();
  // ok: cookie-without-httponly
  (await cookies()).set('auth-token', token, { httpOnly: true, secure: true, path: '/' });
  return NextResponse.json({ ok: true });
}

// Cookies that scripts are meant to read.
app.post('/api/preferences', (req: Request, res: Response) => {
  // ok: cookie-without-httponly
  res.cookie('theme', req.body.theme, { maxAge: 365 * 24 * 60 * 60 * 1000 });
  // ok: cookie-without-httponly
  res.cookie('locale', req.body.locale);
  res.sendStatus(204);
});

// Options built elsewhere, or spread in from shared defaults, are not judged here.
const cookieOptions = { httpOnly: true, secure: true };
app.post('/api/login-shared', (req: Request, res: Response) => {
  // ok: cookie-without-httponly
  res.cookie('session', req.body.sessionId, cookieOptions);
  // ok: cookie-without-httponly
  res.cookie('refresh_token', req.body.refreshToken, { ...cookieOptions, path: '/api/refresh' });
  res.sendStatus(204);
});
