// Test code for cookie-secret-hardcoded: signed cookies as assistants set them up.
const express = require('express');
const cookieParser = require('cookie-parser');
const cookieSession = require('cookie-session');
const Koa = require('koa');

const app = express();

// "Use signed cookies to remember the user"
// ruleid: cookie-secret-hardcoded
app.use(cookieParser('my-cookie-secret'));

// ruleid: cookie-secret-hardcoded
app.use(cookieSession({ name: 'session', keys: ['key1', 'key2'], maxAge: 24 * 60 * 60 * 1000 }));

// ruleid: cookie-secret-hardcoded
app.use(cookieParser(process.env.COOKIE_SECRET || 'fallback'));

const koa = new Koa();
// ruleid: cookie-secret-hardcoded
koa.keys = ['im a newer secret', 'i like turtle'];

// The fixed forms.
// ok: cookie-secret-hardcoded
app.use(cookieParser(process.env.COOKIE_SECRET));
// ok: cookie-secret-hardcoded
app.use(cookieSession({ name: 'session', keys: [process.env.SESSION_KEY_1, process.env.SESSION_KEY_2] }));
// ok: cookie-secret-hardcoded
koa.keys = process.env.KOA_KEYS.split(',');

// cookie-parser without signing.
// ok: cookie-secret-hardcoded
app.use(cookieParser());

module.exports = { app, koa };
