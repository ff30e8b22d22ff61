// Test code for superagent-disable-tls-certs: API clients built with superagent.
import superagent from 'superagent';
import fs from 'node:fs';

// "superagent: UNABLE_TO_VERIFY_LEAF_SIGNATURE"
export async function getUsers(token: string) {
  // ruleid: superagent-disable-tls-certs
  const res = await superagent.get('https://internal.example.com/api/users').disableTLSCerts().set('Authorization', `Bearer ${token}`);
  return res.body;
}

export async function postInvoice(invoice: object) {
  // A finding starts where the chain starts.
  // ruleid: superagent-disable-tls-certs
  return superagent
    .post('https://billing.example.com/invoices')
    .send(invoice)
    .disableTLSCerts();
}

export function agentFor(base: string) {
  // ruleid: superagent-disable-tls-certs
  return superagent.agent().disableTLSCerts().set('X-Base', base);
}

// The fixed forms: a private CA, or localhost in development.
// ok: superagent-disable-tls-certs
export const withCa = () => superagent.get('https://internal.example.com/health').ca(fs.readFileSync('certs/ca.pem'));
// ok: superagent-disable-tls-certs
export const local = () => superagent.get('https://localhost:8443/health').trustLocalhost();
// ok: superagent-disable-tls-certs
export const plain = () => superagent.get('https://api.example.com/health');
