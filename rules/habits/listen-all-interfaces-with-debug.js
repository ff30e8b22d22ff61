// Test code for listen-all-interfaces-with-debug: "make it reachable from my phone" dev servers.
const express = require('express');

const app = express();
const DEBUG = true;
const SKIP_AUTH = true;

app.use((req, res, next) => {
  if (SKIP_AUTH) return next();
  if (!req.headers.authorization) return res.sendStatus(401);
  next();
});

app.get('/debug/state', (req, res) => res.json({ debug: DEBUG, memory: process.memoryUsage() }));

// "Access the dev server from another device on the network"
// ruleid: listen-all-interfaces-with-debug
app.listen(3000, '0.0.0.0', () => console.log('listening on all interfaces'));

module.exports = app;

// A second dev server in the same file, written by a chat answer: debug on, all interfaces.
const http = require('http');
const devServer = http.createServer(app);
// ruleid: listen-all-interfaces-with-debug
devServer.listen(4000, '0.0.0.0');

// Loopback only, with the same flags: the fixed form.
// ok: listen-all-interfaces-with-debug
devServer.listen(4001, '127.0.0.1');
