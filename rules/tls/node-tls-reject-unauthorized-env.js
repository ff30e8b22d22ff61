// Test code for node-tls-reject-unauthorized-env: the one-line "fixes" for UNABLE_TO_VERIFY_LEAF_SIGNATURE.
const { spawn } = require('child_process');
const https = require('https');

// "How do I fix 'unable to verify the first certificate'?"
// ruleid: node-tls-reject-unauthorized-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

function fetchReport(url) {
  // ruleid: node-tls-reject-unauthorized-env
  process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
  return new Promise((resolve) => https.get(url, resolve));
}

function runSeed() {
  return spawn('node', ['scripts/seed.js'], {
    // ruleid: node-tls-reject-unauthorized-env
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: "0" },
    stdio: 'inherit',
  });
}

// Turning the checks back on.
// ok: node-tls-reject-unauthorized-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

// Removing the override.
// ok: node-tls-reject-unauthorized-env
delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;

// Reading it to warn is fine.
// ok: node-tls-reject-unauthorized-env
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.warn('TLS certificate checks are off');

// The right way to trust a private CA.
function runWithCompanyCa() {
  return spawn('node', ['scripts/sync.js'], {
    // ok: node-tls-reject-unauthorized-env
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '/etc/ssl/company-ca.pem' },
  });
}

module.exports = { fetchReport, runSeed, runWithCompanyCa };
