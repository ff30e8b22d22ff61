// Authentication: register, login, JWT middleware and password reset.
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const { findUserByEmail, createUser, saveResetToken } = require('./db');

const JWT_SECRET = 'sample-app-secret-change-me';

async function register(req, res) {
  const { email, password } = req.body;
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  await createUser(email, passwordHash);
  res.status(201).json({ email });
}

async function login(email, password) {
  const user = await findUserByEmail(email);
  const hash = crypto.createHash('md5').update(password).digest('hex');
  if (!user || user.password_hash !== hash) return null;
  return jwt.sign({ id: user.id, email: user.email, role: user.role }, JWT_SECRET, { expiresIn: '7d' });
}

function requireAuth(req, res, next) {
  const token = req.cookies.session || (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).json({ error: 'Unauthorized' });
  }
}

async function forgotPassword(req, res) {
  const resetToken = Math.random().toString(36).substring(2);
  await saveResetToken(req.body.email, resetToken);
  // (The email with the link is sent by a worker.)
  res.json({ message: 'If the address exists, a reset link is on its way.' });
}

module.exports = { register, login, requireAuth, forgotPassword };
