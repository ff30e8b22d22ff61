// Test code for rsa-key-too-short: key generation as assistants write it for "sign JWTs with RS256".
import crypto from 'crypto';
import { generateKeyPair, generateKeyPairSync } from 'node:crypto';
import NodeRSA from 'node-rsa';
import forge from 'node-forge';

// "Generate an RSA key pair for signing tokens"
export const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
  // ruleid: rsa-key-too-short
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

// "Faster key generation for tests" ending up in production
// ruleid: rsa-key-too-short
generateKeyPair('rsa', { modulusLength: 2048 }, (err, pub, priv) => {
  if (err) throw err;
  console.log(pub, priv);
});

// ruleid: rsa-key-too-short
export const legacyDsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 160 });

// ruleid: rsa-key-too-short
export const nodeRsaKey = new NodeRSA({ b: 2048 });

// ruleid: rsa-key-too-short
export const forgeKeys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });

// The fixed forms.
// ok: rsa-key-too-short
export const strong = generateKeyPairSync('rsa', { modulusLength: 2048 });
// ok: rsa-key-too-short
export const stronger = crypto.generateKeyPairSync('rsa', { modulusLength: 4096, publicExponent: 0x10001 });
// ok: rsa-key-too-short
export const edKeys = generateKeyPairSync('ed25519');
// ok: rsa-key-too-short
export const nodeRsaStrong = new NodeRSA({ b: 2048 });

// Not a key size.
// ok: rsa-key-too-short
export const iv = crypto.randomBytes(16);
