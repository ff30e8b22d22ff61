// Analytics queries on PostgreSQL.
import express, { type Request, type Response } from 'express';
import { Pool } from 'pg';

export const analytics = express.Router();
const pool = new Pool();

analytics.get('/visits', async (req: Request, res: Response) => {
  const { rows } = await pool.query(`SELECT * FROM visits WHERE page = '${req.query.page}'`);
  res.json(rows);
});
