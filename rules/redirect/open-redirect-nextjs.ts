// Test code for open-redirect-nextjs: route handlers, middleware and server actions.
import { NextResponse, type NextRequest } from 'next/server';
import { redirect } from 'next/navigation';

// app/api/auth/callback/route.ts: "redirect to the callbackUrl after sign-in"
export async function GET(request: NextRequest) {
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  // ruleid: open-redirect-nextjs
  return NextResponse.redirect(callbackUrl);
}

// A server action
export async function continueTo(formData: FormData) {
  'use server';
  // ruleid: open-redirect-nextjs
  redirect(String(formData.get('returnTo')));
}

function goBack(target: string) {
  // ruleid: open-redirect-nextjs
  return NextResponse.redirect(new URL(target, 'https://app.example.com'));
}
export async function POST(request: Request) {
  const { next } = await request.json();
  return goBack(next);
}

// The fixed forms and look-alikes.
export async function PUT(request: NextRequest) {
  const next = request.nextUrl.searchParams.get('next') ?? '/';
  const safe = next.startsWith('/') && !next.startsWith('//') ? next : '/';
  // ok: open-redirect-nextjs
  const a = NextResponse.redirect(new URL(safe, request.url));
  // ok: open-redirect-nextjs
  const b = NextResponse.redirect(new URL('/login', request.url));
  let dest = request.nextUrl.searchParams.get('dest');
  dest = '/home';
  // ok: open-redirect-nextjs
  const c = NextResponse.redirect(new URL(dest, request.url));
  // ok: open-redirect-nextjs
  redirect('/posts/' + Number(request.nextUrl.searchParams.get('id')));
  return a ?? b ?? c;
}
