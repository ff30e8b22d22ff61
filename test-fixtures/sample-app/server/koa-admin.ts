// A small Koa admin service.
import Koa from 'koa';
import Router from '@koa/router';

const admin = new Koa();
const router = new Router();

router.get('/welcome', (ctx) => {
  ctx.body = `<h1>Welcome, ${ctx.query.name}</h1>`;
});
router.get('/auth/callback', (ctx) => {
  ctx.redirect(String(ctx.query.state));
});

admin.use(router.routes());
export default admin;
