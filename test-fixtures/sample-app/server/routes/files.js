// File, preview and integration routes: paths, templates, commands and outgoing requests.
const express = require('express');
const fs = require('fs');
const path = require('path');
const { exec, spawn } = require('child_process');
const shell = require('shelljs');
const vm = require('vm');
const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
const _ = require('lodash');
const axios = require('axios');
const got = require('got');
const https = require('https');
const undici = require('undici');
const superagent = require('superagent');
const unzipper = require('unzipper');
const db = require('../db');
const ldap = require('ldapjs');
const xpath = require('xpath');

const files = express.Router();

files.get('/download', (req, res) => {
  fs.readFile(path.join(__dirname, 'uploads', req.query.name), (err, data) => res.send(data));
});
files.get('/docs/:name', (req, res) => res.sendFile(path.join(__dirname, 'docs', req.params.name)));
files.get('/workspace', (req, res) => {
  const dir = path.join(__dirname, 'workspace', req.query.folder);
  res.json({ dir });
});
files.get('/page/:name', (req, res) => res.render(req.params.name));

files.post('/import', (req, res) => {
  fs.createReadStream(req.body.archive)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      const target = path.join(__dirname, 'imports', entry.path);
      entry.pipe(fs.createWriteStream(target));
    });
  res.sendStatus(202);
});

files.post('/thumbnail', (req, res) => {
  exec(`convert ${req.body.file} -resize 200x200 thumb.png`, () => res.sendStatus(201));
  spawn(`optipng ${req.body.file}`, { shell: true });
  shell.exec('zip -r /tmp/out.zip ' + req.body.file);
});

files.post('/formula', (req, res) => {
  const total = eval(req.body.formula);
  const fn = new Function('x', 'return ' + req.body.expr);
  const keep = vm.runInNewContext(req.body.filter, {});
  setTimeout('notify("' + req.body.user + '")', 1000);
  res.json({ total, fn: fn(1), keep });
});

files.post('/templates/preview', (req, res) => {
  res.send(ejs.render(req.body.ejs) + pug.render(req.body.pug) + Handlebars.compile(req.body.hbs)({})
    + nunjucks.renderString(req.body.njk, {}) + _.template(req.body.lodash)({}));
});

files.get('/preview', async (req, res) => {
  const page = await fetch(req.query.url);
  const image = await axios.get(req.query.image);
  const feed = await got(req.query.feed).text();
  https.get(req.query.mirror, (up) => up.resume());
  await undici.request(req.query.upstream);
  await superagent.get(req.query.hook);
  res.json({ ok: page.ok, image: image.status, feed });
});

files.get('/stock', async (req, res) => {
  res.json(await db.query("SELECT * FROM stock WHERE sku = '" + req.query.sku + "'"));
});

files.post('/directory/login', (req, res) => {
  const client = ldap.createClient({ url: 'ldap://directory.internal' });
  client.search('ou=people,dc=example,dc=com', { filter: `(uid=${req.body.username})` }, () => res.end());
});

files.get('/catalog/:sku', (req, res) => {
  res.json(xpath.select(`//product[@sku='${req.params.sku}']`, req.app.locals.catalogXml));
});

files.get('/hello', (req, res) => res.send('<h1>Hello ' + req.query.name + '</h1>'));
files.get('/continue', (req, res) => res.redirect(req.query.next));

module.exports = files;
