// Test code for create-cipher-without-iv: "encrypt this field before saving it" as assistants answer it.
import crypto from 'crypto';
import { createDecipher, createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const SECRET = process.env.ENCRYPTION_KEY as string;

// "Encrypt the user's API key before storing it"
export function encrypt(text: string): string {
  // ruleid: create-cipher-without-iv
  const cipher = crypto.createCipher('aes-256-cbc', SECRET);
  let encrypted = cipher.update(text, 'utf8', 'hex');
  encrypted += cipher.final('hex');
  return encrypted;
}

export function decrypt(encrypted: string): string {
  // ruleid: create-cipher-without-iv
  const decipher = createDecipher('aes-256-cbc', SECRET);
  return decipher.update(encrypted, 'hex', 'utf8') + decipher.final('utf8');
}

export function encryptToken(token: string): string {
  const c = require('crypto');
  // ruleid: create-cipher-without-iv
  const cipher = c.createCipher('aes192', SECRET);
  return cipher.update(token, 'utf8', 'base64') + cipher.final('base64');
}

// The fixed form: a derived key, a fresh IV for every message, authenticated encryption.
const key = scryptSync(SECRET, 'per-app-salt', 32);
export function encryptSafe(text: string): string {
  const iv = randomBytes(12);
  // ok: create-cipher-without-iv
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

export function decryptSafe(payload: string): string {
  const [iv, tag, data] = payload.split('.').map((p) => Buffer.from(p, 'base64'));
  // ok: create-cipher-without-iv
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

// A method of another object with the same name.
const vault = { createCipher: (name: string) => ({ name }) };
// ok: create-cipher-without-iv
export const handle = vault.createCipher('aes');
