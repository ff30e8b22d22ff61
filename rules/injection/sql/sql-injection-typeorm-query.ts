// Test code for sql-injection-typeorm-query: raw queries through a TypeORM DataSource or EntityManager.
import express, { type Request, type Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';

const app = express();
const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

// "Get the user by username with a raw query"
app.get('/users/:username', async (req: Request, res: Response) => {
  // ruleid: sql-injection-typeorm-query
  const rows = await dataSource.query(`SELECT * FROM "user" WHERE username = '${req.params.username}'`);
  res.json(rows[0]);
});

// A service that receives the value from a controller.
class AuditService {
  constructor(private readonly manager: EntityManager) {}
  async forAction(action: string) {
    // ruleid: sql-injection-typeorm-query
    return this.manager.query("SELECT * FROM audit WHERE action = '" + action + "'");
  }
  async controller(req: Request, res: Response) {
    res.json(await this.forAction(req.query.action as string));
  }
}

async function deleteTag(req: Request, res: Response) {
  const runner = dataSource.createQueryRunner();
  // ruleid: sql-injection-typeorm-query
  await runner.query('DELETE FROM tag WHERE name = \'' + req.body.name + '\'');
  res.sendStatus(204);
}
app.delete('/tags', deleteTag);

// The fixed forms.
app.get('/users-safe/:username', async (req: Request, res: Response) => {
  // ok: sql-injection-typeorm-query
  const rows = await dataSource.query('SELECT * FROM "user" WHERE username = $1', [req.params.username]);
  const id = Number(req.params.id);
  // ok: sql-injection-typeorm-query
  const byId = await dataSource.query('SELECT * FROM "user" WHERE id = ' + id);
  let table = req.query.table;
  table = 'user';
  // ok: sql-injection-typeorm-query
  const count = await dataSource.query(`SELECT COUNT(*) FROM "${table}"`);
  res.json({ rows, byId, count });
});

// ok: sql-injection-typeorm-query
dataSource.query('SELECT version()');

export { app, AuditService };
