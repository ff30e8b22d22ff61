// A router in its own file, mounted at /api/users, with a nested router from another file.
const { Router } = require('express');
const admin = require('./admin');

const router = Router();

router.get('/:id', (req, res) => res.json({ id: req.params.id }));
router.put('/:id/name', (req, res) => res.json({ name: req.body.name }));
router.use('/admin', admin);

module.exports = router;
