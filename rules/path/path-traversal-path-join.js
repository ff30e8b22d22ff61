// Test code for path-traversal-path-join: paths built from request data and used elsewhere.
const express = require('express');
const path = require('path');
const multer = require('multer');
const archiver = require('archiver');

const app = express();
const BASE = path.join(__dirname, 'workspace');

// "Zip the folder the user selects"
app.get('/zip', (req, res) => {
  // ruleid: path-traversal-path-join
  const dir = path.join(BASE, req.query.folder);
  const archive = archiver('zip');
  archive.directory(dir, false);
  archive.pipe(res);
  archive.finalize();
});

// "Upload into the folder named in the form"
const storage = multer.diskStorage({
  destination: (req, file, cb) => {
    // ruleid: path-traversal-path-join
    cb(null, path.resolve('uploads', req.body.folder));
  },
});
app.post('/upload', multer({ storage }).single('file'), (req, res) => res.sendStatus(201));

function projectDir(name) {
  // ruleid: path-traversal-path-join
  return path.join(BASE, 'projects', name);
}
function projectHandler(req, res) {
  res.json({ dir: projectDir(req.params.project) });
}
app.get('/projects/:project', projectHandler);

// The fixed forms and look-alikes.
app.get('/zip-safe', (req, res) => {
  const dir = path.resolve(BASE, String(req.query.folder));
  if (!dir.startsWith(BASE + path.sep)) return res.status(403).end();
  // ok: path-traversal-path-join
  const name = path.join(BASE, path.basename(String(req.query.file)));
  // ok: path-traversal-path-join
  const numbered = path.join(BASE, `report-${Number(req.query.n)}.txt`);
  let sub = req.query.sub;
  sub = 'public';
  // ok: path-traversal-path-join
  const fixed = path.join(BASE, sub);
  res.json({ dir, name, numbered, fixed });
});

module.exports = app;
