// Test code for jwt-verify-without-algorithms: CommonJS require forms.
const jwt = require('jsonwebtoken');
const { verify: verifyJwt } = require('jsonwebtoken');

const SECRET = process.env.JWT_SECRET || 'dev-secret';

module.exports.socketAuth = function socketAuth(socket, next) {
  try {
    // ruleid: jwt-verify-without-algorithms
    socket.user = jwt.verify(socket.handshake.auth.token, SECRET);
    next();
  } catch (err) {
    next(new Error('unauthorized'));
  }
};

module.exports.decodeSession = function decodeSession(token) {
  // ruleid: jwt-verify-without-algorithms
  return verifyJwt(token, SECRET, function (err, payload) {
    return err ? null : payload;
  });
};

module.exports.decodeSessionSafe = function decodeSessionSafe(token) {
  // ok: jwt-verify-without-algorithms
  return verifyJwt(token, SECRET, { algorithms: ['HS256'] });
};

// A different library's verify with the same shape.
const signature = { verify: (data, key) => data === key };
// ok: jwt-verify-without-algorithms
signature.verify('payload', SECRET);
