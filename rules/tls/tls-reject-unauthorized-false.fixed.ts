// Test code for tls-reject-unauthorized-false: HTTP clients, databases and mailers as assistants configure them.
import https from 'node:https';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import axios from 'axios';
import { Pool } from 'pg';
import nodemailer from 'nodemailer';

// "Fix: Error: self signed certificate in certificate chain"
export const api = axios.create({
  baseURL: 'https://internal-api.example.com',
  // ruleid: tls-reject-unauthorized-false
  httpsAgent: new https.Agent({ rejectUnauthorized: true }),
});

// "Connect to Heroku Postgres"
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: {
    // ruleid: tls-reject-unauthorized-false
    rejectUnauthorized: true,
  },
});

// "Send mail through our SMTP server"
export const transporter = nodemailer.createTransport({
  host: 'smtp.example.com',
  port: 587,
  // ruleid: tls-reject-unauthorized-false
  tls: { rejectUnauthorized: true },
});

export function connectRaw(host: string) {
  const options: tls.ConnectionOptions = { host, port: 443 };
  // ruleid: tls-reject-unauthorized-false
  options.rejectUnauthorized = true;
  return tls.connect(options);
}

// The fixed form.
// ok: tls-reject-unauthorized-false
export const strictAgent = new https.Agent({ rejectUnauthorized: true });

// Trusting a private CA instead of everyone.
export const privatePool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ok: tls-reject-unauthorized-false
  ssl: { ca: readFileSync('certs/rds-ca.pem', 'utf8'), rejectUnauthorized: true },
});

// A value decided at run time is not a literal false.
// ok: tls-reject-unauthorized-false
export const devAgent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' });

// A different TLS option set to false.
// ok: tls-reject-unauthorized-false
export const server = https.createServer({ requestCert: false, key: readFileSync('key.pem'), cert: readFileSync('cert.pem') });
