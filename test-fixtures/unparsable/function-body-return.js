const id = req.params.id;
const rows = db.query('SELECT * FROM users WHERE id = ' + id);
return rows;
