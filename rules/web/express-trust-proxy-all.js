// Test code for express-trust-proxy-all: "ERR_ERL_UNEXPECTED_X_FORWARDED_FOR" fixes.
const express = require('express');
const rateLimit = require('express-rate-limit');

const app = express();
// "express-rate-limit complains about X-Forwarded-For on Heroku"
// ruleid: express-trust-proxy-all
app.set('trust proxy', true);
app.use('/login', rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 }));

const admin = express();
// ruleid: express-trust-proxy-all
admin.set("trust proxy", true);

function configure(server) {
  // ruleid: express-trust-proxy-all
  server.set('trust proxy', true);
}

// The fixed forms.
// ok: express-trust-proxy-all
app.set('trust proxy', 1);
// ok: express-trust-proxy-all
admin.set('trust proxy', 'loopback, 10.0.0.0/8');
// Another setting.
// ok: express-trust-proxy-all
app.set('etag', true);

module.exports = { app, admin, configure };
