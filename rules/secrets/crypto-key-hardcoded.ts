// Test code for crypto-key-hardcoded: encryption helpers with the key pasted in.
import crypto from 'crypto';
import CryptoJS from 'crypto-js';

const ALGORITHM = 'aes-256-cbc';
const KEY = '12345678901234567890123456789012';

// "Encrypt and decrypt strings in Node"
export function encrypt(text: string): string {
  const iv = crypto.randomBytes(16);
  // ruleid: crypto-key-hardcoded
  const cipher = crypto.createCipheriv(ALGORITHM, Buffer.from('0123456789abcdef0123456789abcdef'), iv);
  return iv.toString('hex') + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function decrypt(data: string): string {
  // ruleid: crypto-key-hardcoded
  const decipher = crypto.createDecipheriv(ALGORITHM, KEY, Buffer.from(data.slice(0, 32), 'hex'));
  return decipher.update(data.slice(32), 'hex', 'utf8') + decipher.final('utf8');
}

// ruleid: crypto-key-hardcoded
export const signPayload = (body: string) => crypto.createHmac('sha256', 'webhook-signing-secret').update(body).digest('hex');

// Browser-side "encryption" with crypto-js
// ruleid: crypto-key-hardcoded
export const encryptLocal = (value: string) => CryptoJS.AES.encrypt(value, 'my-secret-passphrase').toString();

// The fixed forms.
const key = Buffer.from(process.env.ENCRYPTION_KEY as string, 'base64');
export function encryptSafe(text: string): Buffer {
  const iv = crypto.randomBytes(12);
  // ok: crypto-key-hardcoded
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}
// ok: crypto-key-hardcoded
export const mac = (body: string) => crypto.createHmac('sha256', process.env.WEBHOOK_SECRET as string).update(body).digest('hex');

// A key derived from a secret with a literal salt is not the literal key.
// ok: crypto-key-hardcoded
export const derived = () => crypto.createCipheriv('aes-256-gcm', crypto.scryptSync(process.env.PASSPHRASE as string, 'salt', 32), crypto.randomBytes(12));
// A key decoded from the environment inline.
// ok: crypto-key-hardcoded
export const inlineEnvKey = (iv: Buffer) => crypto.createCipheriv('aes-256-gcm', Buffer.from(process.env.ENCRYPTION_KEY as string, 'base64'), iv);
