// A nested router: its routes end up under /api/users/admin.
const express = require('express');

const admin = express.Router();

admin.get('/audit', (req, res) => res.json([]));

module.exports = admin;
