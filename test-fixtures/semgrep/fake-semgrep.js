#!/usr/bin/env node
// A stand-in for the semgrep executable in tests: replays a recorded `semgrep --json` output chosen by
// FAKE_SEMGREP_SCENARIO (results, errors, timeout, crash), writing its argv and config to FAKE_SEMGREP_LOG.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const configs = [];
const targets = [];
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--config') {
    configs.push(args[i + 1]);
    i += 1;
  } else if (!arg.startsWith('-')) {
    targets.push(arg);
  }
}
if (process.env.FAKE_SEMGREP_LOG) {
  const record = { pid: process.pid, args, targets, configs: configs.map((file) => fs.readFileSync(file, "utf8")) };
  fs.appendFileSync(process.env.FAKE_SEMGREP_LOG, `${JSON.stringify(record)}\n`);
}

const scenario = process.env.FAKE_SEMGREP_SCENARIO || 'results';
if (scenario === 'timeout') {
  // Hangs like a semgrep stuck on a huge file; the caller must kill it.
  setTimeout(() => process.exit(0), 60000);
} else if (scenario === 'crash') {
  process.stdout.write('Traceback (most recent call last):\n  File "semgrep", line 1\nMemoryError\n');
  process.stderr.write('semgrep: fatal: out of memory\n');
  process.exit(2);
} else {
  // Recorded outputs name targets as {{basename}}: replace them with the paths this run was given.
  const recorded = fs.readFileSync(path.join(__dirname, 'outputs', `${scenario}.json`), 'utf8');
  const output = recorded.replace(/\{\{([^}]+)\}\}/g, (whole, name) => {
    const target = targets.find((candidate) => path.basename(candidate) === name);
    return target === undefined ? whole : JSON.stringify(target).slice(1, -1);
  });
  process.stdout.write(output);
  process.exit(scenario === 'errors' ? 2 : 0);
}
