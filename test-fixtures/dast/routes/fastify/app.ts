// Fastify route extraction fixture: shorthand routes, route({...}) with a method list, and a prefixed plugin.
import Fastify from 'fastify';

const fastify = Fastify();

fastify.get('/logs', async (request) => request.query);
fastify.route({ method: ['GET', 'POST'], url: '/git/:branch', handler: async (request) => request.params });
fastify.register(
  async (instance) => {
    instance.post('/upload', { schema: {} }, async (request) => request.body);
  },
  { prefix: '/v2' },
);
