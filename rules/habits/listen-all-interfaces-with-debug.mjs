// Test code for listen-all-interfaces-with-debug: a container server with auth on and no debug flag.
import express from 'express';

const app = express();
const requireAuth = true;
const debugMode = false;

app.get('/health', (req, res) => res.json({ ok: true, requireAuth, debugMode }));

// Binding to all interfaces inside a container is normal when nothing is switched off.
// ok: listen-all-interfaces-with-debug
app.listen(8080, '0.0.0.0');
