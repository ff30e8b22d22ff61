// Express entry point: wires up auth, tools and the comments API.
const express = require('express');
const cookieParser = require('cookie-parser');
const { login, register, requireAuth, forgotPassword } = require('./auth');
const { findComments, addComment } = require('./db');
const tools = require('./routes/tools');

// The staging API uses a self-signed certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const app = express();
app.use(express.json());
app.use(cookieParser());

app.post('/api/register', register);
app.post('/api/forgot-password', forgotPassword);

app.post('/api/login', async (req, res) => {
  const token = await login(req.body.email, req.body.password);
  if (!token) return res.status(401).json({ error: 'Invalid credentials' });
  res.cookie('session', token, { maxAge: 24 * 60 * 60 * 1000, sameSite: 'lax' });
  res.json({ ok: true });
});

app.get('/api/comments', async (req, res) => {
  res.json(await findComments(String(req.query.postId), String(req.query.sort || 'created_at')));
});

app.post('/api/comments', requireAuth, async (req, res) => {
  await addComment(req.user.id, req.body.postId, req.body.text);
  res.sendStatus(201);
});

app.use('/api/tools', requireAuth, tools);

app.listen(3000, () => console.log('Listening on http://localhost:3000'));
