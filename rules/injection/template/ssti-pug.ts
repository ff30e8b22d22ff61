// Test code for ssti-pug: compiling request data as Pug.
import express, { type Request, type Response } from 'express';
import pug from 'pug';

const app = express();

// "Render a quick preview of the email template the admin typed"
app.post('/email/preview', (req: Request, res: Response) => {
  // ruleid: ssti-pug
  const fn = pug.compile(req.body.source);
  res.send(fn({ name: 'Ada' }));
});

app.get('/hello', (req: Request, res: Response) => {
  // ruleid: ssti-pug
  res.send(pug.render(`p Hello #{'${req.query.name}'}`));
});

class Mailer {
  private build(markup: string) {
    // ruleid: ssti-pug
    return pug.compileClient(markup);
  }
  handle(req: Request) {
    return this.build(req.body.markup);
  }
}

// The fixed forms.
const welcome = pug.compileFile('views/welcome.pug');
app.get('/hello-safe', (req: Request, res: Response) => {
  // ok: ssti-pug
  res.send(pug.render('p Hello #{name}', { name: req.query.name }));
  // ok: ssti-pug
  res.send(welcome({ name: req.query.name }));
  let src = req.query.src;
  src = 'p fixed';
  // ok: ssti-pug
  res.send(pug.render(src as string));
});

export { app, Mailer };
