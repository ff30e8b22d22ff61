// Express route extraction fixture: app routes, a local Router, and routers mounted from other files.
const express = require('express');
const users = require('./routes/users');
const { listOrders } = require('./controllers');

const app = express();
const local = express.Router();

app.get('/health', (req, res) => res.send('ok'));
app.post('/items', function create(req, res) { res.json(req.body); });
app.route('/things/:id').get((req, res) => res.json({ id: req.params.id })).delete((req, res) => res.end());
app.get('/orders', listOrders);

local.get('/ping', (req, res) => res.send('pong'));
app.use('/local', local);
app.use('/api/users', users);

module.exports = app;
