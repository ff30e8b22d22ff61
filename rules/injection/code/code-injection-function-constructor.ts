// Test code for code-injection-function-constructor: formulas compiled with new Function.
import express, { type Request, type Response } from 'express';

const app = express();
app.use(express.json());

// "Let users define a custom scoring formula"
app.post('/api/formula', (req: Request, res: Response) => {
  // ruleid: code-injection-function-constructor
  const score = new Function('price', 'qty', `return ${req.body.formula};`);
  res.json({ value: score(10, 2) });
});

// Next.js route handler
export async function POST(request: Request) {
  const { body } = await request.json();
  // ruleid: code-injection-function-constructor
  const fn = Function('data', body);
  return Response.json({ out: fn({}) });
}

// A helper compiling the predicate, reached from a named handler.
function compilePredicate(expr: string) {
  // ruleid: code-injection-function-constructor
  return new Function('item', 'return ' + expr);
}
function filterHandler(req: Request, res: Response) {
  const keep = compilePredicate(String(req.query.where));
  res.json([1, 2, 3].filter((x) => keep(x)));
}
app.get('/api/filter', filterHandler);

// The fixed forms and look-alikes.
const FORMULAS: Record<string, (p: number, q: number) => number> = { total: (p, q) => p * q };
app.post('/api/formula-safe', (req: Request, res: Response) => {
  const formula = FORMULAS[String(req.body.name)];
  // ok: code-injection-function-constructor
  const add = new Function('a', 'b', 'return a + b');
  const factor = Number(req.body.factor);
  // ok: code-injection-function-constructor
  const scale = new Function('x', 'return x * ' + factor);
  let body = req.body.code;
  body = 'return 42';
  // ok: code-injection-function-constructor
  const answer = new Function(body);
  res.json({ total: formula ? formula(1, 2) : 0, add, scale, answer });
});
