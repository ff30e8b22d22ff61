// Test code for tls-old-protocol-version: "old client can't connect" and legacy SMTP set-ups.
import https from 'node:https';
import tls from 'node:tls';
import fs from 'node:fs';
import nodemailer from 'nodemailer';

// "Our old Android clients fail the handshake"
export const server = https.createServer({
  key: fs.readFileSync('key.pem'),
  cert: fs.readFileSync('cert.pem'),
  // ruleid: tls-old-protocol-version
  minVersion: 'TLSv1',
});

export const transporter = nodemailer.createTransport({
  host: 'mail.legacy.example.com',
  port: 465,
  // ruleid: tls-old-protocol-version
  tls: { secureProtocol: 'TLSv1_method' },
});

// ruleid: tls-old-protocol-version
tls.DEFAULT_MIN_VERSION = 'TLSv1.1';

// ruleid: tls-old-protocol-version
export const agent = new https.Agent({ maxVersion: "TLSv1.1" });

// The fixed forms.
// ok: tls-old-protocol-version
export const modern = https.createServer({ key: fs.readFileSync('key.pem'), cert: fs.readFileSync('cert.pem'), minVersion: 'TLSv1.2' });
// ok: tls-old-protocol-version
export const tls13 = new https.Agent({ minVersion: 'TLSv1.3' });
// ok: tls-old-protocol-version
tls.DEFAULT_MIN_VERSION = 'TLSv1.2';
