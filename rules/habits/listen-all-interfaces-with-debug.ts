// Test code for listen-all-interfaces-with-debug: Fastify with auth switched off by a config flag.
import Fastify from 'fastify';

const config = { authEnabled: true, port: 8080 };
config.authEnabled = false;

const fastify = Fastify({ logger: true });
// ruleid: listen-all-interfaces-with-debug
fastify.listen({ port: config.port, host: '0.0.0.0' });

// Localhost only is the fixed form.
// ok: listen-all-interfaces-with-debug
fastify.listen({ port: 8081, host: '127.0.0.1' });
