// Test code for xss-koa-body-html: Koa handlers that build HTML bodies from request data.
import Koa from 'koa';
import Router from '@koa/router';
import escapeHtml from 'escape-html';

const app = new Koa();
const router = new Router();

// "Render a simple welcome page"
router.get('/welcome', (ctx) => {
  // ruleid: xss-koa-body-html
  ctx.body = `<h1>Welcome, ${ctx.query.name}!</h1>`;
});

router.get('/item/:id', (ctx) => {
  // ruleid: xss-koa-body-html
  ctx.body = '<div class="item">' + ctx.params.id + '</div>';
});

async function searchPage(ctx: Koa.Context) {
  const term = ctx.request.query.term;
  // ruleid: xss-koa-body-html
  ctx.response.body = `<p>You searched for ${term}</p>`;
}
router.get('/search', searchPage);

// The fixed forms and look-alikes.
router.get('/welcome-safe', (ctx) => {
  // ok: xss-koa-body-html
  ctx.body = `<h1>Welcome, ${escapeHtml(String(ctx.query.name))}!</h1>`;
  // ok: xss-koa-body-html
  ctx.body = { welcome: ctx.query.name };
  // ok: xss-koa-body-html
  ctx.body = 'Hello ' + ctx.query.name;
  let name = ctx.query.name;
  name = 'guest';
  // ok: xss-koa-body-html
  ctx.body = `<h1>${name}</h1>`;
  // ok: xss-koa-body-html
  ctx.body = `<p>${Number(ctx.query.n)}</p>`;
});

app.use(router.routes());
export default app;
