// Test code for weak-hash-md5-sha1: checksums, ETags, cache keys and signatures as assistants write them.
import crypto from 'crypto';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'fs';

// "Add an ETag to the file download route"
export function etagFor(path: string): string {
  const body = readFileSync(path);
  // ruleid: weak-hash-md5-sha1
  return crypto.createHash('md5').update(body).digest('hex');
}

// "De-duplicate uploaded files by content"
export function contentKey(buffer: Buffer): string {
  // ruleid: weak-hash-md5-sha1
  return createHash("sha1").update(buffer).digest('base64url');
}

// "Verify the downloaded installer against its checksum"
export function verifyChecksum(data: Buffer, expected: string): boolean {
  // ruleid: weak-hash-md5-sha1
  const actual = crypto.createHash('MD5').update(data).digest('hex');
  return actual === expected;
}

// Node 21+ one-shot helper
export function cacheKey(url: string): string {
  // ruleid: weak-hash-md5-sha1
  return crypto.hash('sha1', url);
}

// The fixed form.
export function etagForSafe(path: string): string {
  // ok: weak-hash-md5-sha1
  return crypto.createHash('sha256').update(readFileSync(path)).digest('hex');
}

// HMAC-SHA1 is not broken by collisions (webhook providers still sign with it).
export function verifyWebhook(payload: string, secret: string, signature: string): boolean {
  // ok: weak-hash-md5-sha1
  const digest = createHmac('sha1', secret).update(payload).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature));
}

// A password: reported by password-fast-hash instead, where sha256 would be no fix.
export function hashPassword(password: string): string {
  // ok: weak-hash-md5-sha1
  return crypto.createHash('md5').update(password).digest('hex');
}

// An algorithm chosen elsewhere is not known here.
export function digest(algorithm: string, data: string): string {
  // ok: weak-hash-md5-sha1
  return createHash(algorithm).update(data).digest('hex');
}

// A variable merely named md5.
// ok: weak-hash-md5-sha1
const md5 = etagForSafe('package.json');
export { md5 };
