// Next.js route handlers (app/api/.../route.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q');
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM "Post" WHERE title ILIKE '%${q}%'`);
  return NextResponse.json(rows);
}

export async function POST(request: NextRequest) {
  const { callbackUrl } = await request.json();
  return NextResponse.redirect(callbackUrl);
}

export async function PUT(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name');
  return new Response(`<p>Saved ${name}</p>`, { headers: { 'Content-Type': 'text/html' } });
}
