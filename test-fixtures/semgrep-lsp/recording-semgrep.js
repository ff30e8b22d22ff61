#!/usr/bin/env node
// The semgrep stand-in for the language server tests: appends one JSON line per run to $FAKE_SEMGREP_CALLS
// ({pid, targets, texts}: the text of every target as semgrep saw it), then replays like ../semgrep/fake-semgrep.js.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const targets = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--config') i += 1;
  else if (!args[i].startsWith('-')) targets.push(args[i]);
}
if (process.env.FAKE_SEMGREP_CALLS) {
  const texts = targets.map((target) => fs.readFileSync(target, 'utf8'));
  fs.appendFileSync(process.env.FAKE_SEMGREP_CALLS, `${JSON.stringify({ pid: process.pid, targets, texts })}\n`);
}
require(path.join(__dirname, '..', 'semgrep', 'fake-semgrep.js'));
