// Test code for jwt-decode-without-verify: auth middleware that reads claims without checking them.
import jwt from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';

// "Write middleware that puts the logged-in user on req.user"
export function authMiddleware(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.sendStatus(401);
  // ruleid: jwt-decode-without-verify
  (req as any).user = jwt.decode(token);
  next();
}

// "Only admins may delete users"
export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies.token;
  // ruleid: jwt-decode-without-verify
  const payload = jwt.decode(token) as { role?: string } | null;
  if (payload?.role !== 'admin') {
    return res.status(403).json({ error: 'Forbidden' });
  }
  next();
}

export function attachUserId(req: Request, _res: Response, next: NextFunction) {
  // ruleid: jwt-decode-without-verify
  const decoded = jwt.decode(req.headers['x-access-token'] as string) as any;
  (req as any).userId = decoded.sub;
  next();
}

export function attachAccount(req: Request, _res: Response, next: NextFunction) {
  // ruleid: jwt-decode-without-verify
  const claims: any = jwt.decode(req.headers['x-access-token'] as string);
  (req as any).account = claims.accountId;
  next();
}

// The fixed form.
export function authMiddlewareSafe(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
  try {
    // ok: jwt-decode-without-verify
    (req as any).user = jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

// Reading the header (kid) before verification is what decode is for.
export function verifyWithKid(token: string, keys: Record<string, string>) {
  // ok: jwt-decode-without-verify
  const header = jwt.decode(token, { complete: true })?.header;
  return jwt.verify(token, keys[header?.kid ?? ''], { algorithms: ['RS256'] });
}

// Showing the expiry in a log line decides nothing.
export function logExpiry(token: string) {
  // ok: jwt-decode-without-verify
  const claims = jwt.decode(token) as { exp?: number } | null;
  console.info('token expires at', claims?.exp);
}
