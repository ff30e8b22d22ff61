// Test code for command-injection-spawn-shell: spawn / execFile through a shell.
const express = require('express');
const { spawn, spawnSync, execFile } = require('child_process');

const app = express();
app.use(express.json());

// "Stream the output of a git command" — shell: true to get pipes working
app.get('/log', (req, res) => {
  // ruleid: command-injection-spawn-shell
  const child = spawn(`git log --author=${req.query.author} | head -50`, { shell: true });
  child.stdout.pipe(res);
});

app.post('/resize', (req, res) => {
  // ruleid: command-injection-spawn-shell
  const result = spawnSync('convert', [req.body.input, '-resize', '50%', 'out.png'], { shell: true });
  res.send(result.status === 0 ? 'ok' : 'failed');
});

// "Run the user's build script" through sh -c
function runScript(script, cb) {
  // ruleid: command-injection-spawn-shell
  execFile('/bin/sh', ['-c', script], cb);
}
function scriptHandler(req, res) {
  runScript(req.body.script, (err, stdout) => res.send(stdout));
}
app.post('/script', scriptHandler);

app.get('/dns', (req, res) => {
  // ruleid: command-injection-spawn-shell
  spawn('bash', ['-c', 'dig +short ' + req.query.name]).stdout.pipe(res);
});

// The fixed forms: no shell, the value is one argument.
app.get('/log-safe', (req, res) => {
  // ok: command-injection-spawn-shell
  const child = spawn('git', ['log', `--author=${req.query.author}`, '-n', '50']);
  child.stdout.pipe(res);
  // ok: command-injection-spawn-shell
  execFile('convert', [req.query.input, '-resize', '50%', 'out.png'], { shell: false });
  const n = Number(req.query.n);
  // ok: command-injection-spawn-shell
  spawn('sh', ['-c', 'sleep ' + n]);
  let cmd = req.query.cmd;
  cmd = 'date';
  // ok: command-injection-spawn-shell
  spawn(cmd, { shell: true });
});

// ok: command-injection-spawn-shell
spawn('npm run build', { shell: true });

module.exports = app;
