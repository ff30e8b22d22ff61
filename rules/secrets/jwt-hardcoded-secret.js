// Test code for jwt-hardcoded-secret: login routes and auth middleware as assistants write them.
const express = require('express');
const jwt = require('jsonwebtoken');
const fs = require('fs');

const router = express.Router();
const JWT_SECRET = 'my-super-secret-key-123';
const REFRESH_SECRET = process.env.REFRESH_SECRET ?? "change-me";

// "Return a JWT after login"
router.post('/login', (req, res) => {
  // ruleid: jwt-hardcoded-secret
  const token = jwt.sign({ id: req.body.userId }, 'supersecretkey', { expiresIn: '1h' });
  res.json({ token });
});

router.post('/token', (req, res) => {
  // ruleid: jwt-hardcoded-secret
  res.json({ token: jwt.sign({ sub: req.body.userId }, JWT_SECRET) });
});

// "Protect the routes with a middleware"
function auth(req, res, next) {
  try {
    // ruleid: jwt-hardcoded-secret
    req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET || 'dev-secret', { algorithms: ['HS256'] });
    next();
  } catch (err) {
    res.sendStatus(401);
  }
}

// The fallback sits in a const defined above: following it takes symbolic
// propagation through `??`/`||`, which the engine does not do yet.
router.post('/refresh', (req, res) => {
  // todoruleid: jwt-hardcoded-secret
  const claims = jwt.verify(req.body.refreshToken, REFRESH_SECRET, { algorithms: ['HS256'] });
  res.json({ claims });
});

// The safe forms: the key comes from outside the code.
router.post('/login-safe', (req, res) => {
  // ok: jwt-hardcoded-secret
  const token = jwt.sign({ id: req.body.userId }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

const privateKey = fs.readFileSync(process.env.JWT_PRIVATE_KEY_PATH);
// ok: jwt-hardcoded-secret
const serviceToken = jwt.sign({ iss: 'billing' }, privateKey, { algorithm: 'RS256' });

// A string elsewhere in the call, not as the key.
function authSafe(req, res, next) {
  // ok: jwt-hardcoded-secret
  jwt.verify(req.headers.authorization, process.env.JWT_SECRET, { algorithms: ['HS256'] }, (err, user) => {
    if (err) return res.status(401).send(req.headers.authorization, 'is not valid');
    req.user = user;
    next();
  });
}

module.exports = { router, auth, authSafe, serviceToken };
