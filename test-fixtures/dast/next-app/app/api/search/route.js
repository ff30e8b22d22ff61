// Next.js app-router handler: the search term goes into LIKE '%…%' (SQL injection).
const { openDatabase } = require('../../../../../vulnerable-app/db');

async function GET(request) {
  const { searchParams } = new URL(request.url);
  const term = searchParams.get('term');
  const db = await openDatabase();
  try {
    return Response.json(db.all(`SELECT id, name FROM products WHERE name LIKE '%${term}%' AND hidden = 0`));
  } catch {
    return Response.json({ error: 'internal error' }, { status: 500 });
  }
}

module.exports = { GET };
