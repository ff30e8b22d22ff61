// Test code for child-process-exec-concat: CommonJS require forms.
const cp = require('child_process');
const { execSync: run } = require('child_process');
const exec = require('child_process').exec;
const express = require('express');

const router = express.Router();

router.post('/convert', (req, res) => {
  const { input, format } = req.body;
  // ruleid: child-process-exec-concat
  cp.exec(`ffmpeg -i uploads/${input} out.${format}`, (err) => {
    if (err) return res.status(500).send('conversion failed');
    res.send('done');
  });
});

router.get('/whois', (req, res) => {
  // ruleid: child-process-exec-concat
  const out = run('whois ' + req.query.domain).toString();
  res.type('text').send(out);
});

router.delete('/files/:name', (req, res) => {
  // ruleid: child-process-exec-concat
  exec('rm -f ./uploads/' + req.params.name);
  res.sendStatus(204);
});

router.get('/disk', (req, res) => {
  // ruleid: child-process-exec-concat
  require('child_process').exec('du -sh ' + req.query.path, (err, stdout) => res.send(stdout));
});

// ok: child-process-exec-concat
cp.exec('uptime', (err, stdout) => console.log(stdout));

router.get('/lookup', (req, res) => {
  // ok: child-process-exec-concat
  const out = cp.execFileSync('whois', [String(req.query.domain)]);
  res.type('text').send(out);
});

// A local function that happens to be called exec is not child_process.
function execQuery(db, sql) {
  return db.exec(sql);
}
// ok: child-process-exec-concat
execQuery(null, 'SELECT ' + 1);

module.exports = router;
