// Test code for cipher-ecb-mode: "encrypt with AES, no IV needed" answers.
import crypto from 'crypto';
import { createDecipheriv, randomBytes } from 'node:crypto';

const key = Buffer.from(process.env.AES_KEY as string, 'hex');

// "AES encrypt a string in Node without an IV"
export function encrypt(text: string): string {
  // ruleid: cipher-ecb-mode
  const cipher = crypto.createCipheriv('aes-256-ecb', key, null);
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}

export function decrypt(data: string): string {
  // ruleid: cipher-ecb-mode
  const decipher = createDecipheriv("AES-128-ECB", key.subarray(0, 16), Buffer.alloc(0));
  return decipher.update(data, 'base64', 'utf8') + decipher.final('utf8');
}

const MODE = 'des-ede3-ecb';
export function legacyEncrypt(text: string): Buffer {
  // ruleid: cipher-ecb-mode
  const cipher = crypto.createCipheriv(MODE, key.subarray(0, 24), null);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

// The fixed form.
export function encryptSafe(text: string): string {
  const iv = randomBytes(12);
  // ok: cipher-ecb-mode
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

// CBC and CTR are not ECB (their IVs are another rule's business).
export function cbc(text: string, iv: Buffer): Buffer {
  // ok: cipher-ecb-mode
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

// An algorithm chosen at run time is not known here.
export function withAlgorithm(alg: string, iv: Buffer): crypto.Cipher {
  // ok: cipher-ecb-mode
  return crypto.createCipheriv(alg, key, iv);
}
