// Test code for private-key-block: RS256 signing keys pasted into code.
import jwt from 'jsonwebtoken';
import fs from 'node:fs';

// "Sign tokens with RS256"
// ruleid: private-key-block
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
-----END PRIVATE KEY-----`;

export const sign = (sub: string) => jwt.sign({ sub }, PRIVATE_KEY, { algorithm: 'RS256' });

// ruleid: private-key-block
const rsaKey = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA75UQ1mmUJqYFQ+aP\n-----END RSA PRIVATE KEY-----';

export const config = {
  // ruleid: private-key-block
  sshKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----",
};

// The fixed forms.
// ok: private-key-block
const keyFromFile = fs.readFileSync(process.env.JWT_PRIVATE_KEY_PATH as string, 'utf8');
// ok: private-key-block
const keyFromEnv = (process.env.JWT_PRIVATE_KEY ?? '').replace(/\\n/g, '\n');

// Public keys, and code that looks for the header, are fine.
// ok: private-key-block
const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----';
// ok: private-key-block
export const isPem = (s: string) => s.includes('-----BEGIN PRIVATE KEY-----');
export { rsaKey, keyFromFile, keyFromEnv, PUBLIC_KEY };
