// Test code for cookie-session-insecure-cookie: cookie-based sessions as assistants configure them.
import express from 'express';
import cookieSession from 'cookie-session';

const app = express();

app.use(
  cookieSession({
    name: 'session',
    keys: [process.env.SESSION_KEY as string],
    maxAge: 24 * 60 * 60 * 1000,
    // ruleid: cookie-session-insecure-cookie
    secure: false,
  }),
);

// ruleid: cookie-session-insecure-cookie
app.use('/spa', cookieSession({ name: 'spa', keys: [process.env.SESSION_KEY as string], httpOnly: false }));

// ruleid: cookie-session-insecure-cookie
app.use('/legacy', cookieSession({ keys: [process.env.SESSION_KEY as string], secure: false, httpOnly: false, sameSite: 'lax' }));

// The fixed form.
// ok: cookie-session-insecure-cookie
app.use(cookieSession({ name: 'session', keys: [process.env.SESSION_KEY as string], secure: true, httpOnly: true, sameSite: 'lax' }));

// Defaults are httpOnly; other options set to false are not cookie flags.
// ok: cookie-session-insecure-cookie
app.use(cookieSession({ name: 'session', keys: [process.env.SESSION_KEY as string], signed: true, overwrite: false }));
// ok: cookie-session-insecure-cookie
app.use(cookieSession({ keys: [process.env.SESSION_KEY as string] }));
