// Test code for tls-check-server-identity-disabled: "ERR_TLS_CERT_ALTNAME_INVALID" workarounds.
import https from 'node:https';
import tls from 'node:tls';
import { Pool } from 'pg';

// "Hostname/IP does not match certificate's altnames: how to ignore?"
export const agent = new https.Agent({
  // ruleid: tls-check-server-identity-disabled
  checkServerIdentity: () => undefined,
});

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: {
    ca: process.env.DB_CA_CERT,
    // ruleid: tls-check-server-identity-disabled
    checkServerIdentity: function () {},
  },
});

export function connect(host: string) {
  const options: tls.ConnectionOptions = { host, port: 8443 };
  // ruleid: tls-check-server-identity-disabled
  options.checkServerIdentity = (hostname, cert) => { return undefined; };
  return tls.connect(options);
}

// The fixed forms.
// ok: tls-check-server-identity-disabled
export const defaultAgent = new https.Agent({ keepAlive: true });

// Certificate pinning on top of the normal check.
export const pinnedAgent = new https.Agent({
  // ok: tls-check-server-identity-disabled
  checkServerIdentity: (host, cert) => {
    const err = tls.checkServerIdentity(host, cert);
    if (err) return err;
    if (cert.fingerprint256 !== process.env.PINNED_FINGERPRINT) return new Error('Certificate fingerprint mismatch');
    return undefined;
  },
});

// Checking against a fixed service name (for example an IP-addressed internal service).
// ok: tls-check-server-identity-disabled
export const internalAgent = new https.Agent({ checkServerIdentity: (_host, cert) => tls.checkServerIdentity('internal.example.com', cert) });
