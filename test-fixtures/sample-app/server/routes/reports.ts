// Reports on TypeORM.
import express, { type Request, type Response } from 'express';
import { DataSource } from 'typeorm';

export const reports = express.Router();
const dataSource = new DataSource({ type: 'postgres' });

reports.get('/reports/:owner', async (req: Request, res: Response) => {
  res.json(await dataSource.query(`SELECT * FROM reports WHERE owner = '${req.params.owner}'`));
});

reports.get('/reports', async (req: Request, res: Response) => {
  const qb = dataSource.createQueryBuilder();
  qb.where(`owner = '${req.query.owner}'`);
  res.json(await qb.getRawMany());
});
