// Test code for regex-injection-redos: search features that build a RegExp from input.
import express, { type Request, type Response } from 'express';
import _ from 'lodash';
import escapeStringRegexp from 'escape-string-regexp';

const app = express();
const products = [{ name: 'Desk lamp' }, { name: 'Chair' }];

// "Add case-insensitive search to the products endpoint"
app.get('/products', (req: Request, res: Response) => {
  // ruleid: regex-injection-redos
  const re = new RegExp(req.query.q as string, 'i');
  res.json(products.filter((p) => re.test(p.name)));
});

// Mongo-style "starts with" search
app.get('/users', (req: Request, res: Response) => {
  // ruleid: regex-injection-redos
  const pattern = RegExp('^' + req.query.prefix);
  res.json({ pattern: String(pattern) });
});

// A helper that builds the pattern, called from a named handler.
function highlighter(word: string) {
  // ruleid: regex-injection-redos
  return new RegExp(`(${word})`, 'gi');
}
function highlightHandler(req: Request, res: Response) {
  res.send(String(req.body.text).replace(highlighter(req.body.word), '<mark>$1</mark>'));
}
app.post('/highlight', highlightHandler);

// The fixed forms: escaped input, or no regex at all.
app.get('/products-safe', (req: Request, res: Response) => {
  // ok: regex-injection-redos
  const re = new RegExp(_.escapeRegExp(String(req.query.q)), 'i');
  // ok: regex-injection-redos
  const re2 = new RegExp('^' + escapeStringRegexp(String(req.query.prefix)));
  const term = String(req.query.term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // ok: regex-injection-redos
  const re3 = new RegExp(term, 'i');
  // ok: regex-injection-redos
  const re4 = new RegExp('^item-' + Number(req.query.id) + '$');
  let flags = req.query.pattern;
  flags = 'abc';
  // ok: regex-injection-redos
  const re5 = new RegExp(flags as string);
  const q = String(req.query.q).toLowerCase();
  res.json({ re: String(re), re2: String(re2), re3: String(re3), re4: String(re4), re5: String(re5), hits: products.filter((p) => p.name.toLowerCase().includes(q)) });
});
