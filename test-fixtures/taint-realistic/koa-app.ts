// A Koa app with @koa/router.
import Koa from 'koa';
import Router from '@koa/router';
import { execSync } from 'node:child_process';
import { pool } from './db';

const app = new Koa();
const router = new Router();

router.get('/search', async (ctx) => {
  const term = ctx.query.q as string;
  // ruleid: t-sql
  const { rows } = await pool.query("SELECT * FROM items WHERE title = '" + term + "'");
  ctx.body = rows;
});

router.get('/search-fixed', async (ctx) => {
  // ok: t-sql
  const { rows } = await pool.query('SELECT * FROM items WHERE title = $1', [ctx.query.q]);
  ctx.body = rows;
});

router.get('/greet', async (ctx) => {
  // ruleid: t-html
  ctx.body = `<p>Hi ${ctx.query.name}</p>`;
});

router.post('/convert', async (ctx) => {
  const { format } = ctx.request.body as { format: string };
  // ruleid: t-exec
  const out = execSync(`convert input.png output.${format}`);
  ctx.body = out.toString();
});

router.post('/convert-fixed', async (ctx) => {
  const { format } = ctx.request.body as { format: string };
  if (!['png', 'jpg'].includes(format)) ctx.throw(400);
  // ok: t-exec
  const out = execSync(format === 'png' ? 'convert input.png output.png' : 'convert input.png output.jpg');
  ctx.body = { size: out.length };
});

app.use(router.routes());
