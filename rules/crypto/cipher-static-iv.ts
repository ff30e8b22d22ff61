// Test code for cipher-static-iv: "AES encryption helper" answers with a zero or hard-coded IV.
import crypto from 'crypto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import CryptoJS from 'crypto-js';

const key = Buffer.from(process.env.ENCRYPTION_KEY as string, 'hex');

// "Encrypt a string with AES-256-CBC"
export function encrypt(text: string): string {
  // ruleid: cipher-static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0));
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

// "Deterministic encryption so we can search by email"
export function encryptEmail(email: string): string {
  // ruleid: cipher-static-iv
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from('1234567890ab'));
  return cipher.update(email, 'utf8', 'base64') + cipher.final('base64');
}

const IV = Buffer.from('a1b2c3d4e5f6g7h8', 'utf8');
export function encryptCard(pan: string): string {
  // ruleid: cipher-static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', key, IV);
  return cipher.update(pan, 'utf8', 'hex') + cipher.final('hex');
}

// crypto-js in the browser
const jsIv = CryptoJS.enc.Utf8.parse('0000000000000000');
export function encryptInBrowser(message: string, secret: string): string {
  // ruleid: cipher-static-iv
  return CryptoJS.AES.encrypt(message, CryptoJS.enc.Utf8.parse(secret), { iv: jsIv }).toString();
}

// The fixed form: a fresh IV stored with the ciphertext.
export function encryptSafe(text: string): string {
  const iv = randomBytes(16);
  // ok: cipher-static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  return iv.toString('hex') + ':' + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

// Decrypting with the IV read from the message.
export function decryptSafe(payload: string): string {
  const [ivHex, data] = payload.split(':');
  // ok: cipher-static-iv
  const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from(ivHex, 'hex'));
  return decipher.update(data, 'hex', 'utf8') + decipher.final('utf8');
}

// crypto-js with a random IV.
export function encryptInBrowserSafe(message: string, secret: string): string {
  const iv = CryptoJS.lib.WordArray.random(16);
  // ok: cipher-static-iv
  return CryptoJS.AES.encrypt(message, CryptoJS.enc.Utf8.parse(secret), { iv }).toString();
}
