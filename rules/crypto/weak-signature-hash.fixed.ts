// Test code for weak-signature-hash: signing licences, webhooks and documents with RSA.
import crypto from 'crypto';
import { createVerify, sign, verify } from 'node:crypto';

const privateKey = process.env.SIGNING_KEY as string;
const publicKey = process.env.VERIFY_KEY as string;

// "Sign a license file with our private key"
export function signLicense(license: string): string {
  // ruleid: weak-signature-hash
  const signer = crypto.createSign('RSA-sha256');
  signer.update(license);
  return signer.sign(privateKey, 'base64');
}

export function verifyLicense(license: string, signature: string): boolean {
  // ruleid: weak-signature-hash
  const verifier = createVerify('sha256');
  verifier.update(license);
  return verifier.verify(publicKey, signature, 'base64');
}

// ruleid: weak-signature-hash
export const signDocument = (doc: Buffer) => sign('sha256', doc, privateKey);

// ruleid: weak-signature-hash
export const verifyDocument = (doc: Buffer, sig: Buffer) => verify("sha256", doc, publicKey, sig);

// The fixed forms.
export function signLicenseSafe(license: string): string {
  // ok: weak-signature-hash
  const signer = crypto.createSign('SHA256');
  signer.update(license);
  return signer.sign(privateKey, 'base64');
}
// ok: weak-signature-hash
export const signEd25519 = (doc: Buffer, key: crypto.KeyObject) => sign(null, doc, key);

// An HMAC is not a public-key signature (and HMAC-SHA1 is not broken by collisions).
// ok: weak-signature-hash
export const webhookMac = (body: string) => crypto.createHmac('sha1', process.env.WEBHOOK_SECRET as string).update(body).digest('hex');
