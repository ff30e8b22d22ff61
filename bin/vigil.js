#!/usr/bin/env node
// The `vigil` command: runs the bundled CLI (dist/) or, in a dev checkout, the tsc output (out/).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const candidates = [
  path.join(root, 'dist', 'cli.js'),
  path.join(root, 'out', 'server', 'src', 'cli', 'main.js'),
];
const entry = candidates.find((file) => fs.existsSync(file));
if (entry === undefined) {
  process.stderr.write('vigil: run `npm run build` first\n');
  process.exit(2);
}
require(entry);
