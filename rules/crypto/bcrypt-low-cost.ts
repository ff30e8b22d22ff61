// Test code for bcrypt-low-cost: sign-up handlers as assistants write them.
import bcrypt from 'bcrypt';
import bcryptjs from 'bcryptjs';
import express from 'express';

const app = express();
const SALT_ROUNDS = 8;

// "Hash the password before saving the user"
app.post('/register', async (req, res) => {
  // ruleid: bcrypt-low-cost
  const salt = await bcrypt.genSalt(5);
  const hash = await bcrypt.hash(req.body.password, salt);
  res.json({ hash });
});

export async function hashPassword(password: string): Promise<string> {
  // ruleid: bcrypt-low-cost
  return bcrypt.hash(password, SALT_ROUNDS);
}

export function hashPasswordSync(password: string): string {
  // ruleid: bcrypt-low-cost
  return bcryptjs.hashSync(password, 4);
}

// ruleid: bcrypt-low-cost
export const seedSalt = bcryptjs.genSaltSync(6);

// The fixed forms.
export async function hashPasswordSafe(password: string): Promise<string> {
  // ok: bcrypt-low-cost
  return bcrypt.hash(password, 12);
}
// ok: bcrypt-low-cost
export const salt = bcrypt.genSaltSync(10);

// A salt string instead of a cost.
export async function hashWithSalt(password: string, existingSalt: string): Promise<string> {
  // ok: bcrypt-low-cost
  return bcrypt.hash(password, existingSalt);
}

// A cost read from configuration is not judged here.
// ok: bcrypt-low-cost
export const configured = (password: string) => bcrypt.hash(password, Number(process.env.BCRYPT_ROUNDS));
