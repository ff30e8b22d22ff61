// Test code for open-redirect-express: login flows that redirect to ?next= / ?returnTo=.
const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));

// "After login, send the user back to where they were"
app.post('/login', (req, res) => {
  // ... check credentials ...
  // ruleid: open-redirect-express
  res.redirect(req.query.next || '/dashboard');
});

app.get('/out', (req, res) => {
  const { url } = req.query;
  // ruleid: open-redirect-express
  res.redirect(302, url);
});

// A helper that sets the header, called from a named handler.
function sendTo(res, location) {
  // ruleid: open-redirect-express
  res.writeHead(302, { Location: location });
  res.end();
}
function logoutHandler(req, res) {
  sendTo(res, req.body.returnTo);
}
app.post('/logout', logoutHandler);

// The fixed forms and look-alikes.
app.post('/login-safe', (req, res) => {
  const next = String(req.query.next || '/');
  if (next.startsWith('/') && !next.startsWith('//')) {
    // ok: open-redirect-express
    return res.redirect(next);
  }
  // ok: open-redirect-express
  res.redirect('/dashboard');
});

const DESTINATIONS = { docs: 'https://docs.example.com', blog: 'https://blog.example.com' };
app.get('/go', (req, res) => {
  const target = DESTINATIONS[req.query.to];
  // ok: open-redirect-express
  res.redirect(target || '/');
  // ok: open-redirect-express
  res.redirect('/orders/' + Number(req.query.id));
  let back = req.query.back;
  back = '/';
  // ok: open-redirect-express
  res.redirect(back);
  // ok: open-redirect-express
  res.redirect(req.get('Referer') || '/');
  // ok: open-redirect-express
  res.redirect(`/search?q=${encodeURIComponent(req.query.q)}`);
});

module.exports = app;
