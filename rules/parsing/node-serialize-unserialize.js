// Test code for node-serialize-unserialize: "store the user's preferences in a cookie" answers.
const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());

// "Remember the user's profile in a cookie and restore it on the next visit"
app.get('/', (req, res) => {
  if (req.cookies.profile) {
    // ruleid: node-serialize-unserialize
    const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString());
    return res.send(`Welcome back, ${profile.username}`);
  }
  res.cookie('profile', Buffer.from(serialize.serialize({ username: 'guest' })).toString('base64'));
  res.send('Hello');
});

app.post('/import', express.text(), (req, res) => {
  // ruleid: node-serialize-unserialize
  const settings = require('node-serialize').unserialize(req.body);
  res.json(settings);
});

function restoreJob(message) {
  const ns = require('node-serialize');
  // ruleid: node-serialize-unserialize
  return ns.unserialize(message.payload);
}

// The fixed form: plain JSON never runs code, even on untrusted input.
app.get('/v2', (req, res) => {
  // ok: node-serialize-unserialize
  const profile = JSON.parse(Buffer.from(req.cookies.profile || 'e30=', 'base64').toString());
  res.send(`Welcome back, ${String(profile.username)}`);
});

// Serialising is not the dangerous half.
// ok: node-serialize-unserialize
const cookieValue = serialize.serialize({ theme: 'dark' });

// Another library's unserialize (PHP format, no functions).
const php = { unserialize: (s) => s };
// ok: node-serialize-unserialize
const fromPhp = php.unserialize('a:0:{}');

module.exports = { app, restoreJob, cookieValue, fromPhp };
