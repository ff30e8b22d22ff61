// Test code for path-traversal-send-file: res.sendFile / res.download without a root.
const express = require('express');
const path = require('path');

const app = express();

// "Serve the PDF the user asks for"
app.get('/docs/:name', (req, res) => {
  // ruleid: path-traversal-send-file
  res.sendFile(path.join(__dirname, 'docs', req.params.name));
});

// "Let users download their export"
app.get('/download', (req, res) => {
  // ruleid: path-traversal-send-file
  res.download(`./exports/${req.query.file}`, 'export.csv');
});

function sendAsset(res, file) {
  // ruleid: path-traversal-send-file
  res.sendFile(path.resolve('assets', file));
}
function assetHandler(req, res) {
  sendAsset(res, req.query.file);
}
app.get('/asset', assetHandler);

// The fixed forms and look-alikes.
app.get('/docs-safe/:name', (req, res) => {
  // ok: path-traversal-send-file
  res.sendFile(req.params.name, { root: path.join(__dirname, 'docs') });
  // ok: path-traversal-send-file
  res.download(req.query.file, 'export.csv', { root: path.join(__dirname, 'exports') });
  // ok: path-traversal-send-file
  res.sendFile(path.join(__dirname, 'docs', path.basename(req.params.name)));
  let name = req.query.name;
  name = 'index.html';
  // ok: path-traversal-send-file
  res.sendFile(path.join(__dirname, 'public', name));
  // ok: path-traversal-send-file
  res.sendFile(path.join(__dirname, 'invoices', `${Number(req.query.id)}.pdf`));
});

module.exports = app;
