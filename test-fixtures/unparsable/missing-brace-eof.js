const cp = require('child_process');

function handler(req, res) {
  const name = req.query.name;
  if (name) {
    cp.exec('echo ' + name);
