/** Route extraction: Express (in-file, Router, cross-file mounts), Koa, Fastify and Next.js file routes. */
import * as assert from 'node:assert/strict';
import { extractRoutes, joinPaths, routeContaining } from '../../src/dast/extract-routes';
import { fixture, readSources } from './helpers';

function summary(dir: string): string[] {
  return extractRoutes(readSources(fixture('dast', 'routes', dir)))
    .map((r) => `${r.framework} ${r.method} ${r.path}`)
    .sort();
}

describe('dast: extractRoutes', () => {
  it('finds Express routes, app.route chains, local and imported routers with their prefixes', () => {
    assert.deepEqual(summary('express'), [
      'express DELETE /things/:id',
      'express GET /api/users/:id',
      'express GET /api/users/admin/audit',
      'express GET /health',
      'express GET /local/ping',
      'express GET /orders',
      'express GET /things/:id',
      'express POST /items',
      'express PUT /api/users/:id/name',
    ]);
  });

  it('maps a handler defined in another file to that file', () => {
    const files = readSources(fixture('dast', 'routes', 'express'));
    const orders = extractRoutes(files).find((r) => r.path === '/orders');
    assert.ok(orders?.file.endsWith('controllers.js'));
    const controllers = files.find((f) => f.path.endsWith('controllers.js'));
    assert.ok(controllers);
    const at = controllers.text.indexOf('req.query.page');
    assert.equal(routeContaining(extractRoutes(files), controllers.path, at, at + 5)?.path, '/orders');
  });

  it('finds Koa routes with a Router prefix and a nested router', () => {
    assert.deepEqual(summary('koa'), ['koa GET /api/nested/deep', 'koa GET /api/search', 'koa POST /api/convert/:format']);
  });

  it('finds Fastify shorthand routes, route() with a method list and register() prefixes', () => {
    assert.deepEqual(summary('fastify'), ['fastify GET /git/:branch', 'fastify GET /logs', 'fastify POST /git/:branch', 'fastify POST /v2/upload']);
  });

  it('finds Next.js pages/api and app route handlers, with dynamic segments and route groups', () => {
    assert.deepEqual(summary('next'), ['next ALL /api/users/:id', 'next GET /api/items/:itemId', 'next POST /api/items/:itemId']);
  });

  it('picks the innermost handler that contains a range', () => {
    const files = readSources(fixture('dast', 'routes', 'express'));
    const app = files.find((f) => f.path.endsWith('app.js'));
    assert.ok(app);
    const at = app.text.indexOf("res.send('pong')");
    assert.equal(routeContaining(extractRoutes(files), app.path, at, at + 4)?.path, '/local/ping');
    assert.equal(routeContaining(extractRoutes(files), app.path, 0, 1), undefined);
  });

  it('joins prefixes with single slashes', () => {
    assert.equal(joinPaths('/api/', '/', 'users/', ':id'), '/api/users/:id');
    assert.equal(joinPaths('', '/'), '/');
  });
});
