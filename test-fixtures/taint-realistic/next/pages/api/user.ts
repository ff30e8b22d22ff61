// A Next.js pages-router API route.
import type { NextApiRequest, NextApiResponse } from 'next';
import { query } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = req.query.id;
  const sql = 'SELECT * FROM accounts WHERE id = ' + id;
  // ruleid: t-sql
  const rows = await query.execute(sql);
  // ok: t-sql
  const safe = await query.execute('SELECT * FROM accounts WHERE id = ?', [id]);
  res.status(200).json({ rows, safe });
}
