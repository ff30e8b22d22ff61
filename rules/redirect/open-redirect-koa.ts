// Test code for open-redirect-koa: Koa redirects to request-supplied locations.
import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router();

// "Redirect back after the OAuth callback"
router.get('/auth/callback', async (ctx) => {
  // ruleid: open-redirect-koa
  ctx.redirect(ctx.query.state as string);
});

router.get('/r', (ctx) => {
  // ruleid: open-redirect-koa
  ctx.set('Location', String(ctx.request.query.to));
  ctx.status = 302;
});

async function bounce(ctx: Koa.Context) {
  const { target } = ctx.request.body as { target: string };
  // ruleid: open-redirect-koa
  ctx.redirect(target);
}
router.post('/bounce', bounce);

// The fixed forms and look-alikes.
const ALLOWED = new Set(['/home', '/settings']);
router.get('/r-safe', (ctx) => {
  const to = String(ctx.query.to);
  if (!ALLOWED.has(to)) return ctx.redirect('/');
  // ok: open-redirect-koa
  ctx.redirect(to);
});
router.get('/r2', (ctx) => {
  let to = ctx.query.to as string;
  to = '/home';
  // ok: open-redirect-koa
  ctx.redirect(to);
  // ok: open-redirect-koa
  ctx.redirect('/items/' + Number(ctx.params.id));
  // ok: open-redirect-koa
  ctx.redirect('back');
});

app.use(router.routes());
export default app;
