// A Next.js app-router route handler.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: Request) {
  const { searchParams } = new URL(req.url);
  const target = searchParams.get('url');
  // ruleid: t-ssrf
  const upstream = await fetch(target!);
  return new Response(upstream.body);
}

export async function POST(request: Request) {
  const { email } = await request.json();
  // ruleid: t-sql
  const user = await db.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}'`);
  // ok: t-sql
  const same = await db.$queryRawUnsafe('SELECT * FROM "User" WHERE email = $1', email);
  return NextResponse.json({ user, same });
}

export async function PUT(request: Request) {
  const form = await request.formData();
  const back = String(form.get('returnTo'));
  // ruleid: t-redirect
  return NextResponse.redirect(back);
}
