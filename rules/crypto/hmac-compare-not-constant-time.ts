// Test code for hmac-compare-not-constant-time: webhook signature checks as assistants write them.
import crypto from 'crypto';
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';

const app = express();
const SECRET = process.env.WEBHOOK_SECRET as string;

// "Verify the GitHub webhook signature"
app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('x-hub-signature-256');
  const expected = 'sha256=' + crypto.createHmac('sha256', SECRET).update(req.body).digest('hex');
  // ruleid: hmac-compare-not-constant-time
  if (signature !== expected) {
    return res.status(401).send('Invalid signature');
  }
  res.sendStatus(200);
});

export function verifyShopify(body: string, hmacHeader: string): boolean {
  const digest = createHmac('sha256', SECRET).update(body, 'utf8').digest('base64');
  // ruleid: hmac-compare-not-constant-time
  return digest === hmacHeader;
}

export function verifyInline(payload: string, sig: string): boolean {
  // ruleid: hmac-compare-not-constant-time
  return sig == crypto.createHmac('sha1', SECRET).update(payload).digest('hex');
}

export function verifyStepwise(payload: string, sig: string): boolean {
  const hmac = crypto.createHmac('sha256', SECRET);
  hmac.update(payload);
  const computed = hmac.digest('hex');
  // ruleid: hmac-compare-not-constant-time
  return computed === sig;
}

// The fixed form.
export function verifySafe(body: string, header: string): boolean {
  const digest = Buffer.from(createHmac('sha256', SECRET).update(body).digest('hex'));
  const received = Buffer.from(header);
  // ok: hmac-compare-not-constant-time
  return digest.length === received.length && timingSafeEqual(digest, received);
}

// Checking the digest's length or emptiness is not a comparison with the secret value.
export function sanity(body: string): boolean {
  const digest = createHmac('sha256', SECRET).update(body).digest('hex');
  // ok: hmac-compare-not-constant-time
  return digest.length === 64;
}

// A plain hash compared for caching is not a MAC.
export function sameContent(a: string, etag: string): boolean {
  // ok: hmac-compare-not-constant-time
  return crypto.createHash('sha256').update(a).digest('hex') === etag;
}
