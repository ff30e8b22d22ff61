// A deliberately vulnerable Express app for Vigil's DAST tests: one vulnerable route per class and a fixed twin of each.
// It listens on 127.0.0.1 only, on an ephemeral port, and closes itself after a while if nobody stops it.
const express = require('express');
const sqlRoutes = require('./routes/sql');
const miscRoutes = require('./routes/misc');

function createApp() {
  const app = express();
  app.use(express.json());
  // A minimal cookie parser (req.cookies), as cookie-parser would provide.
  app.use((req, res, next) => {
    req.cookies = {};
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const at = part.indexOf('=');
      if (at > 0) req.cookies[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
    }
    next();
  });
  app.use('/api/sql', sqlRoutes);
  app.use('/api', miscRoutes);

  // Open redirect.
  app.get('/go', (req, res) => {
    const to = req.query.to;
    res.redirect(to);
  });

  app.get('/go-fixed', (req, res) => {
    let to = String(req.query.to);
    if (!/^\/(?![/\\])/.test(to)) to = '/';
    res.redirect(to);
  });

  app.get('/', (req, res) => res.send('<p>vulnerable-app</p>'));
  return app;
}

let server;
let ttlTimer;

/** Starts listening on 127.0.0.1:`port` (0: any free port); resolves to the port. Stops by itself after `ttlMs`. */
function start(port = 0, ttlMs = 10 * 60 * 1000) {
  return new Promise((resolve, reject) => {
    server = createApp().listen(port, '127.0.0.1', () => {
      ttlTimer = setTimeout(() => void stop(), ttlMs);
      ttlTimer.unref();
      resolve(server.address().port);
    });
    server.once('error', reject);
  });
}

/** Closes the server and every open connection. */
function stop() {
  clearTimeout(ttlTimer);
  const s = server;
  server = undefined;
  if (!s) return Promise.resolve();
  return new Promise((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });
}

module.exports = { createApp, start, stop };

if (require.main === module) {
  start(Number(process.env.PORT ?? 0), Number(process.env.VIGIL_APP_TTL_MS ?? 10 * 60 * 1000)).then((port) => {
    console.log(`vulnerable-app listening on http://127.0.0.1:${port}`);
  });
}
