// Next.js app-router route handlers: GET and POST at /api/items/:itemId (the (shop) group adds nothing).
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  return Response.json({ q: searchParams.get('q') });
}

export const POST = async (request: Request) => {
  const { name } = await request.json();
  return Response.json({ name });
};
