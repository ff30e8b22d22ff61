// Test code for ssti-handlebars: compiling request data as a Handlebars template.
import express, { type Request, type Response } from 'express';
import Handlebars from 'handlebars';

const app = express();

// "Let customers write their own invoice template"
app.post('/invoice/preview', (req: Request, res: Response) => {
  // ruleid: ssti-handlebars
  const template = Handlebars.compile(req.body.template);
  res.send(template({ total: 42 }));
});

app.get('/banner', (req: Request, res: Response) => {
  // ruleid: ssti-handlebars
  res.send(Handlebars.compile('<div>' + req.query.text + '</div>')({}));
});

function precompileFor(source: string) {
  // ruleid: ssti-handlebars
  return Handlebars.precompile(source);
}
async function precompileHandler(req: Request, res: Response) {
  res.type('js').send(precompileFor(req.body.source));
}
app.post('/precompile', precompileHandler);

// The fixed forms.
const bannerTemplate = Handlebars.compile('<div>{{text}}</div>');
app.get('/banner-safe', (req: Request, res: Response) => {
  // ok: ssti-handlebars
  res.send(bannerTemplate({ text: req.query.text }));
  // ok: ssti-handlebars
  res.send(Handlebars.compile('<b>{{n}}</b>')({ n: req.query.n }));
  let source = req.query.source;
  source = '{{name}}';
  // ok: ssti-handlebars
  res.send(Handlebars.compile(source)({ name: 'x' }));
});

export { app };
