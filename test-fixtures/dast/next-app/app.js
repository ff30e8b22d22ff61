// A tiny adapter that serves Next.js app-router route handlers (app/**/route.js) on 127.0.0.1, for the DAST tests.
const fs = require('fs');
const http = require('http');
const path = require('path');

/** Every app/**\/route.js as { pattern, params, module }. */
function loadRoutes() {
  const routes = [];
  const walk = (dir, segments) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, [...segments, entry.name]);
      else if (entry.name === 'route.js') {
        const names = [];
        const source = segments
          .map((s) => {
            const m = /^\[(\w+)\]$/.exec(s);
            if (!m) return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(m[1]);
            return '([^/]+)';
          })
          .join('/');
        routes.push({ pattern: new RegExp(`^/${source}$`), names, module: require(full) });
      }
    }
  };
  walk(path.join(__dirname, 'app'), []);
  return routes;
}

let server;

/** Starts listening on 127.0.0.1:`port` (0: any free port); resolves to the port. */
function start(port = 0) {
  const routes = loadRoutes();
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    const route = routes.find((r) => r.pattern.test(url.pathname));
    const handler = route?.module[req.method];
    if (!route || !handler) {
      res.writeHead(404).end('not found');
      return;
    }
    const match = route.pattern.exec(url.pathname);
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(url, { method: req.method, headers: req.headers, body });
    const response = await handler(request, { params });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server.address().port)));
}

/** Closes the server and its connections. */
function stop() {
  const s = server;
  server = undefined;
  if (!s) return Promise.resolve();
  return new Promise((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });
}

module.exports = { start, stop };
