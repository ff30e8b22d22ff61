// Test code for express-session-insecure-cookie: session set-ups with "it works locally" cookie flags.
const express = require('express');
const session = require('express-session');

const app = express();

// "Sessions don't persist, the cookie is never set"
app.use(
  // ruleid: express-session-insecure-cookie
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, maxAge: 24 * 60 * 60 * 1000 },
  }),
);

// "Read the session cookie from the React front end"
// ruleid: express-session-insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: false } }));

const sessionOptions = {
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: true,
  cookie: { httpOnly: false, sameSite: 'lax' },
};
// ruleid: express-session-insecure-cookie
app.use(session(sessionOptions));

// The fixed form.
app.set('trust proxy', 1);
// ok: express-session-insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));

// The README's form: secure turned on in production.
const sess = { secret: process.env.SESSION_SECRET, cookie: { secure: false } };
if (app.get('env') === 'production') {
  sess.cookie.secure = true;
}
// ok: express-session-insecure-cookie
app.use(session(sess));

// Defaults (httpOnly on) without further options.
// ok: express-session-insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

module.exports = app;
