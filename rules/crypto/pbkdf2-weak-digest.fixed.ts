// Test code for pbkdf2-weak-digest: password hashing and key derivation with SHA-1 or MD5.
import crypto from 'crypto';
import { pbkdf2, pbkdf2Sync } from 'node:crypto';

// "Hash the password with PBKDF2"
export function hashPassword(password: string, salt: string): string {
  // ruleid: pbkdf2-weak-digest
  return crypto.pbkdf2Sync(password, salt, 600000, 64, 'sha256').toString('hex');
}

export function deriveKey(secret: string, salt: Buffer, done: (key: Buffer) => void): void {
  // ruleid: pbkdf2-weak-digest
  pbkdf2(secret, salt, 600000, 32, "sha256", (err, key) => {
    if (err) throw err;
    done(key);
  });
}

// ruleid: pbkdf2-weak-digest
export const legacyKey = (pw: string, salt: string) => pbkdf2Sync(pw, salt, 1300000, 20, 'sha256');

// The fixed form.
// ok: pbkdf2-weak-digest
export const strongKey = (pw: string, salt: string) => pbkdf2Sync(pw, salt, 600000, 32, 'sha256');
// ok: pbkdf2-weak-digest
export const strongerKey = (pw: string, salt: string) => pbkdf2Sync(pw, salt, 210000, 64, 'sha512');

// A digest from configuration is not judged here.
// ok: pbkdf2-weak-digest
export const configured = (pw: string, salt: string, digest: string) => pbkdf2Sync(pw, salt, 600000, 32, digest);
