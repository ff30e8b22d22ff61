// Entry point of the sample API.
const express = require('express');
const routes = require('./routes');

const app = express();
app.use('/api', routes);
app.listen(3000, '127.0.0.1');
