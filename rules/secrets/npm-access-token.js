// Test code for npm-access-token: release scripts with a token pasted in.
const { execSync } = require('child_process');
const fs = require('fs');

// "Write a script that publishes the package from CI"
// ruleid: npm-access-token
fs.writeFileSync('.npmrc', '//registry.npmjs.org/:_authToken=npm_muxV5EbOApZOXzcycDeZ6dqmVe5Mvxrv99Nc\n');

function publish() {
  execSync('npm publish', {
    // ruleid: npm-access-token
    env: { ...process.env, NODE_AUTH_TOKEN: 'npm_muxV5EbOApZOXzcycDeZ6dqmVe5Mvxrv99Nd' },
  });
}

// ruleid: npm-access-token
const NPM_TOKEN = "npm_muxV5EbOApZOXzcycDeZ6dqmVe5Mvxrv99Ne";

// The fixed form: the token comes from CI's secret store.
// ok: npm-access-token
fs.writeFileSync('.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');

// Package names and placeholders.
// ok: npm-access-token
const pkg = 'npm_config_registry';
// ok: npm-access-token
const placeholder = 'npm_XXXXXXXX';

module.exports = { publish, NPM_TOKEN, pkg, placeholder };
