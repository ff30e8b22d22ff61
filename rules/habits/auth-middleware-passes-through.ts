// Test code for auth-middleware-passes-through: placeholder auth middleware.
import express, { type Request, type Response, type NextFunction } from 'express';
import jwt from 'jsonwebtoken';

const app = express();

// "Add an auth middleware (we'll implement it later)"
// ruleid: auth-middleware-passes-through
export function authenticate(req: Request, res: Response, next: NextFunction) {
  // TODO: verify JWT
  next();
}

// ruleid: auth-middleware-passes-through
export const requireAdmin = (req: Request, res: Response, next: NextFunction) => next();

// ruleid: auth-middleware-passes-through
export const isAuthenticated = (req: Request, res: Response, next: NextFunction) => {
  return next();
};

app.delete('/api/users/:id', authenticate, requireAdmin, (req, res) => res.sendStatus(204));

// The fixed form.
// ok: auth-middleware-passes-through
export function authenticateSafe(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1];
  if (!token) return res.sendStatus(401);
  try {
    (req as any).user = jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

// Pass-through middleware that is not an auth check.
// ok: auth-middleware-passes-through
export const noCache = (req: Request, res: Response, next: NextFunction) => next();
// ok: auth-middleware-passes-through
export function requestLogger(req: Request, res: Response, next: NextFunction) { next(); }
