// Test code for hardcoded-login-credentials: "add a simple admin login" answers.
import express from 'express';
import bcrypt from 'bcrypt';

const app = express();
const ADMIN_PASSWORD = 'admin123';

// "Protect the admin page with a username and password"
app.post('/admin/login', (req, res) => {
  const { username, password } = req.body;
  // ruleid: hardcoded-login-credentials
  if (username === 'admin' && password === 'S3cretAdmin!') {
    return res.json({ ok: true });
  }
  res.sendStatus(401);
});

export function checkAdmin(user: string, pass: string): boolean {
  // ruleid: hardcoded-login-credentials
  return user === 'root' && pass === ADMIN_PASSWORD;
}

// Client-side "login" in a React form handler
export function onSubmit(form: { email: string; password: string }) {
  // ruleid: hardcoded-login-credentials
  if (form.email === 'demo@example.com' && form.password === 'demo1234') {
    localStorage.setItem('loggedIn', 'true');
  }
}

// The fixed form.
app.post('/admin/login-safe', async (req, res) => {
  // ok: hardcoded-login-credentials
  const ok = await bcrypt.compare(req.body.password, process.env.ADMIN_PASSWORD_HASH as string);
  res.sendStatus(ok ? 204 : 401);
});

// Checking that a password was typed, or a constant that is not a password.
export function validate(form: { password: string; role: string }) {
  // ok: hardcoded-login-credentials
  if (form.password === '') return 'Password is required';
  // ok: hardcoded-login-credentials
  if (form.role === 'admin') return 'Admins sign in elsewhere';
  return null;
}
