// Routes of a small API; the search handler is the kind of code a chat "apply" produces.
const express = require('express');
const db = require('./db');

const router = express.Router();

router.get('/health', (req, res) => {
  res.json({ ok: true });
});

// suggest: search route

module.exports = router;
