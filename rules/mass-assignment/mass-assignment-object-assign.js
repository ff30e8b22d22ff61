// Test code for mass-assignment-object-assign: copying the body onto an existing record.
const express = require('express');
const _ = require('lodash');
const User = require('./models/user');

const app = express();
app.use(express.json());

// "Update the current user's profile"
app.put('/me', async (req, res) => {
  const user = await User.findById(req.user.id);
  // ruleid: mass-assignment-object-assign
  Object.assign(user, req.body);
  await user.save();
  res.json(user);
});

app.patch('/orders/:id', async (req, res) => {
  const order = await Order.findByPk(req.params.id);
  // ruleid: mass-assignment-object-assign
  order.set(req.body);
  await order.save();
  res.json(order);
});

function applyChanges(record, changes) {
  // ruleid: mass-assignment-object-assign
  _.extend(record, changes);
  return record.save();
}
async function accountHandler(req, res) {
  res.json(await applyChanges(await User.findById(req.params.id), req.body));
}
app.put('/accounts/:id', accountHandler);

// The fixed forms and look-alikes.
app.put('/me-safe', async (req, res) => {
  const user = await User.findById(req.user.id);
  // ok: mass-assignment-object-assign
  Object.assign(user, _.pick(req.body, ['name', 'bio']));
  // ok: mass-assignment-object-assign
  Object.assign(user, { name: req.body.name, bio: req.body.bio });
  // ok: mass-assignment-object-assign
  const copy = Object.assign({}, req.body);
  let changes = req.body;
  changes = { lastSeen: Date.now() };
  // ok: mass-assignment-object-assign
  Object.assign(user, changes);
  // ok: mass-assignment-object-assign
  Object.assign(user, { age: Number(req.body.age) });
  await user.save();
  res.json({ user, copy });
});

module.exports = app;
