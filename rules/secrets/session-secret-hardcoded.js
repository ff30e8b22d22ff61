// Test code for session-secret-hardcoded: session set-ups from "add login sessions to Express".
const express = require('express');
const session = require('express-session');

const app = express();

// "Add sessions to my Express app"
app.use(
  // ruleid: session-secret-hardcoded
  session({
    secret: 'keyboard cat',
    resave: false,
    saveUninitialized: true,
    cookie: { secure: true },
  }),
);

// A fallback for when the variable is missing.
// ruleid: session-secret-hardcoded
app.use(session({ secret: process.env.SESSION_SECRET || 'dev-secret-change-me', resave: false, saveUninitialized: false }));

// Options built first, then passed in.
const sessionConfig = {
  secret: ['s3cr3t-rotation-1', process.env.OLD_SECRET],
  resave: false,
  saveUninitialized: false,
};
// ruleid: session-secret-hardcoded
app.use(session(sessionConfig));

// The fixed forms.
// ok: session-secret-hardcoded
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ok: session-secret-hardcoded
app.use(session({ secret: [process.env.SESSION_SECRET, process.env.SESSION_SECRET_PREVIOUS], resave: false }));

// Another function called session, unrelated to express-session.
function startSession(opts) { return opts; }
// ok: session-secret-hardcoded
startSession({ secret: 'not-a-session-middleware' });

module.exports = app;

// A secret read from a file, passed through prepared options.
const fileConfig = { secret: require('fs').readFileSync('/run/secrets/session', 'utf8'), resave: false };
// ok: session-secret-hardcoded
app.use(session(fileConfig));
