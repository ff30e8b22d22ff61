// Test code for debug-endpoint-exposes-env: "add a debug endpoint to check the config" answers.
import express from 'express';
import { NextResponse } from 'next/server';

const app = express();

// "Why is my env var undefined in production? Add an endpoint to print it"
// ruleid: debug-endpoint-exposes-env
app.get('/debug/env', (req, res) => res.json(process.env));

app.get('/health', (req, res) => {
  // ruleid: debug-endpoint-exposes-env
  res.status(200).json({ status: 'ok', uptime: process.uptime(), env: process.env });
});

// Next.js route handler (app/api/debug/route.ts)
export async function GET() {
  // ruleid: debug-endpoint-exposes-env
  return NextResponse.json(process.env);
}

// ruleid: debug-endpoint-exposes-env
app.get('/config', (req, res) => res.send(JSON.stringify(process.env, null, 2)));

// The fixed forms.
// ok: debug-endpoint-exposes-env
app.get('/health2', (req, res) => res.json({ status: 'ok', version: process.env.npm_package_version }));
// ok: debug-endpoint-exposes-env
app.get('/mode', (req, res) => res.json({ nodeEnv: process.env.NODE_ENV }));
// Logging the keys on the server is not a response.
// ok: debug-endpoint-exposes-env
console.log(Object.keys(process.env));
