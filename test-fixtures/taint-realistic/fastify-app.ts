// A Fastify app.
import Fastify from 'fastify';
import * as cp from 'child_process';
import { readFileSync } from 'fs';

const fastify = Fastify();

fastify.get('/logs', async (request, reply) => {
  const { file } = request.query as { file: string };
  // ruleid: t-path
  return readFileSync('/var/log/app/' + file, 'utf8');
});

fastify.get('/logs-fixed', async (request) => {
  const { file } = request.query as { file: string };
  // ok: t-path
  return readFileSync('/var/log/app/app.log', 'utf8').split('\n').filter((l) => l.includes(file));
});

fastify.post('/git', async (request) => {
  const body = request.body as { branch: string };
  // ruleid: t-exec
  cp.exec('git checkout ' + body.branch);
  // ok: t-exec
  cp.exec('git status');
  return { ok: true };
});

fastify.listen({ port: 3001 });
