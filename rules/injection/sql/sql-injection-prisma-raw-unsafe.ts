// Test code for sql-injection-prisma-raw-unsafe: Next.js route handlers and server actions with Prisma.
import { NextResponse } from 'next/server';
import { PrismaClient, Prisma } from '@prisma/client';

const prisma = new PrismaClient();

// app/api/products/route.ts: "Search products by name with raw SQL"
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const term = searchParams.get('q');
  // ruleid: sql-injection-prisma-raw-unsafe
  const products = await prisma.$queryRawUnsafe(`SELECT * FROM "Product" WHERE name ILIKE '%${term}%'`);
  return NextResponse.json(products);
}

// A server action
export async function archivePost(formData: FormData) {
  'use server';
  const id = formData.get('id');
  // ruleid: sql-injection-prisma-raw-unsafe
  await prisma.$executeRawUnsafe('UPDATE "Post" SET archived = true WHERE id = ' + id);
}

// A helper building the ORDER BY.
function orderBy(column: string) {
  // ruleid: sql-injection-prisma-raw-unsafe
  return Prisma.raw(`ORDER BY ${column}`);
}
export async function POST(request: Request) {
  const body = await request.json();
  const order = orderBy(body.sort);
  return NextResponse.json(await prisma.$queryRaw`SELECT * FROM "Post" ${order}`);
}

// The fixed forms.
export async function PUT(request: Request) {
  const { email, id } = await request.json();
  // ok: sql-injection-prisma-raw-unsafe
  const users = await prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email}`;
  // ok: sql-injection-prisma-raw-unsafe
  const same = await prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE email = $1', email);
  // ok: sql-injection-prisma-raw-unsafe
  const viaSql = await prisma.$queryRawUnsafe(Prisma.sql`SELECT * FROM "User" WHERE id = ${id}`.sql, id);
  // ok: sql-injection-prisma-raw-unsafe
  await prisma.$executeRawUnsafe('UPDATE "Post" SET views = views + 1 WHERE id = ' + Number(id));
  let table = email;
  table = 'User';
  // ok: sql-injection-prisma-raw-unsafe
  const count = await prisma.$queryRawUnsafe(`SELECT COUNT(*) FROM "${table}"`);
  return NextResponse.json({ users, same, viaSql, count });
}
