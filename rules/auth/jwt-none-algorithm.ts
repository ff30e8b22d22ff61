// Test code for jwt-none-algorithm: "make the token check work" answers that accept unsigned tokens.
import jwt from 'jsonwebtoken';
import * as jose from 'jose';
import type { Request, Response, NextFunction } from 'express';

const SECRET = process.env.JWT_SECRET as string;

// "jwt.verify fails with 'invalid algorithm', accept all algorithms"
export function authenticate(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  try {
    // ruleid: jwt-none-algorithm
    (req as any).user = jwt.verify(token, SECRET, { algorithms: ['HS256', 'RS256', 'none'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

// "Create a token for local testing without a key"
// ruleid: jwt-none-algorithm
export const devToken = jwt.sign({ sub: 'admin', role: 'admin' }, '', { algorithm: 'none' });

// jose: reading an unsecured token as if it were verified
export function readClaims(token: string) {
  // ruleid: jwt-none-algorithm
  return jose.UnsecuredJWT.decode(token).payload;
}

// The fixed forms.
export function authenticateSafe(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  // ok: jwt-none-algorithm
  (req as any).user = jwt.verify(token, SECRET, { algorithms: ['HS256'] });
  next();
}
// ok: jwt-none-algorithm
export const token = jwt.sign({ sub: 'u1' }, SECRET, { algorithm: 'HS256', expiresIn: '15m' });
export async function verifyWithJose(t: string, key: Uint8Array) {
  // ok: jwt-none-algorithm
  return jose.jwtVerify(t, key, { algorithms: ['HS256'] });
}
