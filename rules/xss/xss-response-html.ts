// Test code for xss-response-html: Next.js route handlers that return HTML pages.
import { NextResponse, type NextRequest } from 'next/server';
import escapeHtml from 'escape-html';

// app/api/og/route.ts: "return a small HTML page with the title from the query"
export async function GET(request: NextRequest) {
  const title = request.nextUrl.searchParams.get('title') ?? '';
  // ruleid: xss-response-html
  return new Response(`<html><body><h1>${title}</h1></body></html>`, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

// A server-rendered error page built by a helper.
function errorPage(message: string) {
  return `<!doctype html><p class="error">${message}</p>`;
}
export async function POST(request: Request) {
  const body = await request.json();
  // ruleid: xss-response-html
  return new NextResponse(errorPage(body.message), { status: 400, headers: { 'content-type': 'text/html' } });
}

export async function PUT(request: Request) {
  const { searchParams } = new URL(request.url);
  const html = '<p>Saved ' + searchParams.get('name') + '</p>';
  // ruleid: xss-response-html
  return new Response(html, { headers: { 'Content-Type': 'text/html' } });
}

// The fixed forms and look-alikes.
export async function PATCH(request: NextRequest) {
  const title = request.nextUrl.searchParams.get('title') ?? '';
  // ok: xss-response-html
  const a = new Response(`<h1>${escapeHtml(title)}</h1>`, { headers: { 'Content-Type': 'text/html' } });
  // ok: xss-response-html
  const b = new Response(title, { headers: { 'Content-Type': 'text/plain' } });
  // ok: xss-response-html
  const c = Response.json({ title });
  // ok: xss-response-html
  const d = new Response(`<p>${Number(request.nextUrl.searchParams.get('n'))}</p>`, { headers: { 'Content-Type': 'text/html' } });
  let name = title;
  name = 'guest';
  // ok: xss-response-html
  const e = new Response(`<p>${name}</p>`, { headers: { 'Content-Type': 'text/html' } });
  return [a, b, c, d, e][0];
}
