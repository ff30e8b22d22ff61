// Test code for jwt-verify-without-algorithms: Express middleware and Next.js handlers as assistants write them.
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { verify } from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'fs';

const PUBLIC_KEY = readFileSync('keys/public.pem', 'utf8');

// "Write an auth middleware that checks the Bearer token"
export function requireAuth(req: Request & { user?: unknown }, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1];
  if (!token) return res.status(401).json({ error: 'No token provided' });
  try {
    // ruleid: jwt-verify-without-algorithms
    req.user = jwt.verify(token, process.env.JWT_SECRET as string);
    next();
  } catch {
    res.status(401).json({ error: 'Invalid token' });
  }
}

// Callback style
export function authenticate(req: Request & { user?: unknown }, res: Response, next: NextFunction) {
  const token = String(req.cookies?.token);
  // ruleid: jwt-verify-without-algorithms
  jwt.verify(token, PUBLIC_KEY, (err, decoded) => {
    if (err) return res.sendStatus(403);
    req.user = decoded;
    next();
  });
}

// Options given, but no algorithms among them
export function readClaims(token: string): JwtPayload {
  // ruleid: jwt-verify-without-algorithms
  return verify(token, PUBLIC_KEY, { complete: false, issuer: 'https://auth.example.com' }) as JwtPayload;
}

// The fixed forms: the algorithm is pinned.
export function requireAuthSafe(token: string) {
  // ok: jwt-verify-without-algorithms
  return jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
}

export function authenticateSafe(token: string, done: (user: unknown) => void) {
  // ok: jwt-verify-without-algorithms
  jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], issuer: 'https://auth.example.com' }, (err, decoded) => done(decoded));
}

// Options built elsewhere cannot be judged here.
const verifyOptions = { algorithms: ['RS256' as const] };
export function readClaimsShared(token: string) {
  // ok: jwt-verify-without-algorithms
  return jwt.verify(token, PUBLIC_KEY, verifyOptions);
}
export function readClaimsForAudience(token: string, audience: string) {
  // ok: jwt-verify-without-algorithms
  return jwt.verify(token, PUBLIC_KEY, { ...verifyOptions, audience });
}

// Signing is not verifying.
// ok: jwt-verify-without-algorithms
export const sessionToken = jwt.sign({ sub: 'user-1' }, process.env.JWT_SECRET as string, { expiresIn: '1h' });
