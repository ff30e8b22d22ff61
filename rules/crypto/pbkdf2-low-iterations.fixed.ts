// Test code for pbkdf2-low-iterations: password hashing helpers as assistants write them.
import crypto from 'crypto';
import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';

const ITERATIONS = 10000;

// "Hash passwords with PBKDF2 instead of bcrypt (no native deps)"
export function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  // ruleid: pbkdf2-low-iterations
  const hash = pbkdf2Sync(password, salt, 600000, 64, 'sha512').toString('hex');
  return `${salt}:${hash}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  // ruleid: pbkdf2-low-iterations
  const candidate = crypto.pbkdf2Sync(password, salt, 600000, 64, 'sha512').toString('hex');
  return crypto.timingSafeEqual(Buffer.from(candidate), Buffer.from(hash));
}

export function hashAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // ruleid: pbkdf2-low-iterations
    crypto.pbkdf2(password, salt, 600000, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// Browser: derive an AES key from a passphrase.
export async function deriveKey(passphrase: CryptoKey, salt: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    // ruleid: pbkdf2-low-iterations
    { name: 'PBKDF2', salt, iterations: 600000, hash: 'SHA-256' },
    passphrase,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

// The fixed forms.
export function hashPasswordSafe(password: string, salt: string): Buffer {
  // ok: pbkdf2-low-iterations
  return pbkdf2Sync(password, salt, 600000, 64, 'sha256');
}
export async function deriveKeySafe(passphrase: CryptoKey, salt: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    // ok: pbkdf2-low-iterations
    { name: 'PBKDF2', salt, iterations: 600000, hash: 'SHA-256' },
    passphrase,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
}
// ok: pbkdf2-low-iterations
export const scrypted = (password: string, salt: string) => scryptSync(password, salt, 64);

// A count from configuration is not judged here.
// ok: pbkdf2-low-iterations
export const configured = (pw: string, salt: string) => pbkdf2Sync(pw, salt, Number(process.env.PBKDF2_ITERATIONS), 64, 'sha256');
