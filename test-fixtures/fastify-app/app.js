// A small deliberately vulnerable Fastify app (route(), register() with a prefix, a path parameter), with fixed twins.
// It listens on 127.0.0.1 only, on an ephemeral port.
const Fastify = require('fastify');
const { exec, execFile } = require('child_process');
const { openDatabase } = require('../vulnerable-app/db');

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function createApp() {
  const fastify = Fastify();

  fastify.route({
    method: 'GET',
    url: '/search',
    handler: async (request, reply) => {
      const term = request.query.term;
      const db = await openDatabase();
      try {
        return db.all(`SELECT id, name FROM products WHERE (hidden = 0 AND (name LIKE '%${term}%'))`);
      } catch {
        return reply.code(500).send({ error: 'internal error' });
      }
    },
  });

  fastify.route({
    method: 'GET',
    url: '/search-fixed',
    handler: async (request, reply) => {
      const term = request.query.term;
      const db = await openDatabase();
      try {
        return db.all("SELECT id, name FROM products WHERE (hidden = 0 AND (name LIKE '%' || ? || '%'))", [String(term)]);
      } catch {
        return reply.code(500).send({ error: 'internal error' });
      }
    },
  });

  fastify.register(
    async (v1) => {
      v1.get('/hello/:name', async (request, reply) => {
        reply.type('text/html').send('<h1>Hello ' + request.params.name + '</h1>');
      });
      v1.get('/hello-fixed/:name', async (request, reply) => {
        reply.type('text/html').send('<h1>Hello ' + escapeHtml(request.params.name) + '</h1>');
      });
    },
    { prefix: '/v1' },
  );

  fastify.get('/echo', (request, reply) => {
    const msg = request.query.msg;
    exec('echo ' + msg, { timeout: 2000 }, (err, stdout) => reply.send({ out: stdout }));
  });

  fastify.get('/echo-fixed', (request, reply) => {
    const msg = request.query.msg;
    execFile('echo', [String(msg)], { timeout: 2000 }, (err, stdout) => reply.send({ out: stdout }));
  });

  return fastify;
}

let app;

/** Starts listening on 127.0.0.1:`port` (0: any free port); resolves to the port. */
async function start(port = 0) {
  app = createApp();
  await app.listen({ port, host: '127.0.0.1' });
  return app.server.address().port;
}

/** Closes the server. */
async function stop() {
  const a = app;
  app = undefined;
  if (a) await a.close();
}

module.exports = { createApp, start, stop };
