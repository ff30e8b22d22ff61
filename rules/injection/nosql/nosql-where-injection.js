// Test code for nosql-where-injection: $where and server-side JavaScript in MongoDB queries.
const express = require('express');
const mongoose = require('mongoose');

const app = express();
const Product = mongoose.model('Product', new mongoose.Schema({ name: String, price: Number }));

// "Let the client filter products by a price expression"
app.get('/products', async (req, res) => {
  // ruleid: nosql-where-injection
  const items = await Product.find({ $where: 'this.price < ' + req.query.max });
  res.json(items);
});

app.get('/products/by-name', async (req, res) => {
  // ruleid: nosql-where-injection
  const items = await Product.find().$where(`this.name.startsWith('${req.query.prefix}')`);
  res.json(items);
});

// A helper that builds the $where clause.
function whereClause(field, value) {
  // ruleid: nosql-where-injection
  return { "$where": `this.${field} == '${value}'` };
}
async function filterHandler(req, res) {
  res.json(await Product.find(whereClause(req.params.field, req.query.value)));
}
app.get('/products/filter/:field', filterHandler);

// The fixed forms: query operators with the value as data.
app.get('/products-safe', async (req, res) => {
  // ok: nosql-where-injection
  const items = await Product.find({ price: { $lt: Number(req.query.max) } });
  const max = Number(req.query.max);
  // ok: nosql-where-injection
  const legacy = await Product.find({ $where: 'this.price < ' + max });
  let expr = req.query.expr;
  expr = 'this.price > 0';
  // ok: nosql-where-injection
  const positive = await Product.find({ $where: expr });
  // ok: nosql-where-injection
  const constant = await Product.find({ $where: 'this.stock > this.reserved' });
  res.json({ items, legacy, positive, constant });
});

module.exports = app;
