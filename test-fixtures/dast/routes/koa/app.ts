// Koa route extraction fixture: @koa/router with a prefix, and a router mounted on another.
import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const api = new Router({ prefix: '/api' });
const nested = new Router();

api.get('/search', async (ctx) => {
  ctx.body = ctx.query.q;
});
api.post('/convert/:format', async (ctx) => {
  ctx.body = ctx.params.format;
});
nested.get('/deep', async (ctx) => {
  ctx.body = 'deep';
});
api.use('/nested', nested.routes());

app.use(api.routes());
