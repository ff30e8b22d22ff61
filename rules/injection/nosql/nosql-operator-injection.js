// Test code for nosql-operator-injection: an app that strips `$` keys from every request.
const express = require('express');
const mongoSanitize = require('express-mongo-sanitize');
const User = require('./models/user');

const app = express();
app.use(express.json());
app.use(mongoSanitize());

// express-mongo-sanitize removed operator keys from req.body and req.query already.
app.post('/login', async (req, res) => {
  // ok: nosql-operator-injection
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  res.json({ ok: Boolean(user) });
});

// ok: nosql-operator-injection
User.find({ active: true });

module.exports = app;
