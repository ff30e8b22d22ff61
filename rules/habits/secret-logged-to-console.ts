// Test code for secret-logged-to-console: "add some logging to debug the login" answers.
import express from 'express';
import jwt from 'jsonwebtoken';

const app = express();

app.post('/login', (req, res) => {
  const { email, password } = req.body;
  // ruleid: secret-logged-to-console
  console.log('Login attempt:', email, password);
  const token = jwt.sign({ email }, process.env.JWT_SECRET as string, { expiresIn: '1h' });
  // ruleid: secret-logged-to-console
  console.log(`Generated token: ${token}`);
  res.json({ token });
});

export function connect(config: { host: string; apiKey: string }) {
  // ruleid: secret-logged-to-console
  console.debug('Connecting with key ' + config.apiKey);
}

export function onRefresh(session: { refreshToken: string; userId: string }) {
  // ruleid: secret-logged-to-console
  console.info('refreshing', session.refreshToken);
}

// The fixed forms.
app.post('/login-safe', (req, res) => {
  // ok: secret-logged-to-console
  console.info('Login attempt', { email: req.body.email });
  res.sendStatus(204);
});

// Lengths, counts and page tokens are not secrets.
export function debugStats(password: string, maxTokens: number, nextPageToken: string) {
  // ok: secret-logged-to-console
  console.log('password length', password.length);
  // ok: secret-logged-to-console
  console.log('tokens', maxTokens, nextPageToken);
}

// A message that merely mentions the word.
// ok: secret-logged-to-console
console.warn('Password reset e-mail sent');
