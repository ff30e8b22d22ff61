// Test code for cors-default-on-authenticated-app: the usual Express API scaffold.
const express = require('express');
const cors = require('cors');
const jwt = require('jsonwebtoken');

const app = express();
// "Set up an Express API with JWT auth"
// ruleid: cors-default-on-authenticated-app
app.use(cors());
app.use(express.json());

const api = express.Router();
// ruleid: cors-default-on-authenticated-app
api.use('/v1', cors());

app.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
});

// The fixed form.
// ok: cors-default-on-authenticated-app
app.use(cors({ origin: ['https://app.example.com'] }));
// ok: cors-default-on-authenticated-app
app.use('/auth', cors({ origin: 'https://app.example.com', credentials: true }));

module.exports = { app, api };
