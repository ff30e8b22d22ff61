// Test code for xpath-injection: XML lookups with the xpath package.
import express, { type Request, type Response } from 'express';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import fs from 'fs';

const app = express();
const doc = new DOMParser().parseFromString(fs.readFileSync('users.xml', 'utf8'), 'text/xml');

// "Check the username and password against users.xml"
app.post('/login', (req: Request, res: Response) => {
  const { username, password } = req.body;
  // ruleid: xpath-injection
  const nodes = xpath.select(`//user[name='${username}' and password='${password}']`, doc as any);
  res.json({ ok: Array.isArray(nodes) && nodes.length > 0 });
});

function findProduct(sku: string) {
  // ruleid: xpath-injection
  return xpath.select1("//product[@sku='" + sku + "']", doc as any);
}
function productHandler(req: Request, res: Response) {
  res.json({ found: Boolean(findProduct(String(req.params.sku))) });
}
app.get('/products/:sku', productHandler);

app.get('/count', (req: Request, res: Response) => {
  // ruleid: xpath-injection
  res.json({ n: xpath.select(`count(//order[status='${req.query.status}'])`, doc as any) });
});

// The fixed forms and look-alikes.
app.get('/products-safe/:sku', (req: Request, res: Response) => {
  // ok: xpath-injection
  const node = xpath.parse("//product[@sku=$sku]").select1({ node: doc as any, variables: { sku: req.params.sku } });
  // ok: xpath-injection
  const all = xpath.select('//product', doc as any);
  // ok: xpath-injection
  const nth = xpath.select('//product[' + Number(req.query.n) + ']', doc as any);
  let status = req.query.status;
  status = 'open';
  // ok: xpath-injection
  const open = xpath.select(`//order[status='${status}']`, doc as any);
  res.json({ node: Boolean(node), all, nth, open });
});
