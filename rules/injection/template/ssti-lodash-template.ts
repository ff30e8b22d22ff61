// Test code for ssti-lodash-template: _.template compiled from request data.
import express, { type Request, type Response } from 'express';
import _ from 'lodash';

const app = express();

// "Support simple placeholders in the welcome message"
app.post('/message/preview', (req: Request, res: Response) => {
  // ruleid: ssti-lodash-template
  const compiled = _.template(req.body.message);
  res.send(compiled({ name: 'Ada' }));
});

app.get('/title', (req: Request, res: Response) => {
  // ruleid: ssti-lodash-template
  res.send(_.template(`<title>${req.query.title}</title>`)({}));
});

function render(source: string, data: object) {
  // ruleid: ssti-lodash-template
  return _.template(source)(data);
}
function renderHandler(req: Request, res: Response) {
  res.send(render(req.body.source, {}));
}
app.post('/render', renderHandler);

// The fixed forms.
const titleTemplate = _.template('<title><%- title %></title>');
app.get('/title-safe', (req: Request, res: Response) => {
  // ok: ssti-lodash-template
  res.send(titleTemplate({ title: req.query.title }));
  // ok: ssti-lodash-template
  res.send(_.template('<p><%- n %></p>')({ n: req.query.n }));
  let source = req.query.source;
  source = '<p><%- name %></p>';
  // ok: ssti-lodash-template
  res.send(_.template(source as string)({ name: req.query.name }));
});

export { app };
