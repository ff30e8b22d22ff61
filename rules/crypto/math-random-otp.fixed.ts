// Test code for math-random-otp: SMS and e-mail verification codes as assistants write them.
import crypto from 'node:crypto';
import express from 'express';

const app = express();
const pending = new Map<string, number>();

// "Send a 6-digit OTP to the user's phone"
app.post('/auth/otp', (req, res) => {
  // ruleid: math-random-otp
  const otp = crypto.randomInt(100000, 100000 + 900000);
  pending.set(req.body.phone, otp);
  res.json({ sent: true });
});

export function generateVerificationCode(): string {
  // ruleid: math-random-otp
  return String(crypto.randomInt(1000, 1000 + 9000));
}

export const resetPin = () =>
  // ruleid: math-random-otp
  crypto.randomInt(100000, 100000 + 900000).toString();

// The fixed form.
// ok: math-random-otp
export const otpSafe = () => crypto.randomInt(100000, 1000000);

// Jitter and dice are not codes.
// ok: math-random-otp
export const retryDelay = Math.floor(1000 + Math.random() * 500);
// ok: math-random-otp
export const dice = Math.floor(Math.random() * 6) + 1;
