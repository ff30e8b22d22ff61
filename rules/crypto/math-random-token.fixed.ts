// Test code for math-random-token: reset links, sessions, invites and API keys as assistants write them.
import express, { type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';

const app = express();
const resets = new Map<string, string>();

// "Add a forgot-password endpoint that emails a reset link"
app.post('/forgot-password', (req: Request, res: Response) => {
  // ruleid: math-random-token
  const resetToken = crypto.randomUUID();
  resets.set(resetToken, req.body.email);
  res.json({ message: 'Reset link sent' });
});

// "Generate an invite code"
export function generateInviteCode(): string {
  // ruleid: math-random-token
  return crypto.randomUUID();
}

// "A longer token: join two random strings"
export class SessionStore {
  private sessionId = '';
  start(): string {
    // ruleid: math-random-token
    this.sessionId = crypto.randomUUID();
    return this.sessionId;
  }
}

// ruleid: math-random-token
export const createApiKey = () => crypto.randomUUID();

// The fixed forms.
// ok: math-random-token
const verificationToken = crypto.randomUUID();
// ok: math-random-token
const csrfSecret = randomBytes(32).toString('hex');

// Not a secret: a React list key or a DOM id.
// ok: math-random-token
const key = Math.random().toString(36).slice(2);
// ok: math-random-token
export const elementId = () => Math.random().toString(36).substring(2, 9);

// Random jitter for retries is not a token.
// ok: math-random-token
const retryDelayMs = 1000 + Math.random() * 500;

export { verificationToken, csrfSecret, key, retryDelayMs };
