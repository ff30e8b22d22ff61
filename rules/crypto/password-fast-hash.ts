// Test code for password-fast-hash: sign-up and login code as assistants write it.
import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import express, { type Request, type Response } from 'express';

const app = express();
app.use(express.json());
const users = new Map<string, { email: string; passwordHash: string; salt?: string }>();

// "Create a register endpoint that stores the password hashed"
app.post('/register', (req: Request, res: Response) => {
  const { email, password } = req.body;
  // ruleid: password-fast-hash
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  users.set(email, { email, passwordHash });
  res.status(201).json({ email });
});

// "Add a salt to make it more secure"
export function hashWithSalt(password: string): { salt: string; hash: string } {
  const salt = crypto.randomBytes(16).toString('hex');
  // ruleid: password-fast-hash
  const hash = crypto.createHash('sha256').update(salt + password).digest('hex');
  return { salt, hash };
}

// "Check the login"
app.post('/login', (req: Request, res: Response) => {
  const user = users.get(req.body.email);
  // ruleid: password-fast-hash
  const hash = crypto
    .createHash('sha512')
    .update(req.body.password)
    .digest('hex');
  res.json({ ok: user?.passwordHash === hash });
});

export function quickHash(newPassword: string): string {
  // ruleid: password-fast-hash
  return crypto.hash('sha256', newPassword);
}

// The safe forms.
export async function hashPasswordScrypt(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    // ok: password-fast-hash
    crypto.scrypt(password, salt, 64, (err, derived) => (err ? reject(err) : resolve(derived))),
  );
  return `${salt.toString('hex')}:${key.toString('hex')}`;
}

export async function hashPasswordBcrypt(password: string): Promise<string> {
  // ok: password-fast-hash
  return bcrypt.hash(password, 12);
}

// Hashing a random API token for lookup is fine: the token has full entropy.
export function tokenLookupKey(apiToken: string): string {
  // ok: password-fast-hash
  return crypto.createHash('sha256').update(apiToken).digest('hex');
}
