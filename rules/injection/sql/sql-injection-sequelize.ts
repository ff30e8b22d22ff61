// Test code for sql-injection-sequelize: raw queries and literals in Sequelize apps.
import express, { type Request, type Response } from 'express';
import { Sequelize, QueryTypes, Op } from 'sequelize';

const app = express();
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite::memory:');

// "Mark an order as shipped with Sequelize"
app.post('/orders/:id/ship', async (req: Request, res: Response) => {
  // ruleid: sql-injection-sequelize
  await sequelize.query(`UPDATE orders SET status = 'shipped' WHERE id = ${req.params.id}`, { type: QueryTypes.UPDATE });
  res.sendStatus(204);
});

// "Sort products by a column the client picks"
app.get('/products', async (req: Request, res: Response) => {
  const Product = sequelize.models.Product;
  const products = await Product.findAll({
    // ruleid: sql-injection-sequelize
    order: sequelize.literal(req.query.sort + ' DESC'),
  });
  res.json(products);
});

// A service method reached through this.
class ReportService {
  private run(where: string) {
    // ruleid: sql-injection-sequelize
    return sequelize.query('SELECT * FROM reports WHERE ' + where, { type: QueryTypes.SELECT });
  }
  byOwner(req: Request) {
    return this.run(`owner = '${req.query.owner}'`);
  }
}

// The fixed forms: replacements, bind parameters, finders.
app.post('/orders-safe/:id/ship', async (req: Request, res: Response) => {
  // ok: sql-injection-sequelize
  await sequelize.query("UPDATE orders SET status = 'shipped' WHERE id = :id", { replacements: { id: req.params.id }, type: QueryTypes.UPDATE });
  // ok: sql-injection-sequelize
  await sequelize.query('SELECT * FROM orders WHERE id = $1', { bind: [req.params.id], type: QueryTypes.SELECT });
  const limit = Number(req.query.limit);
  // ok: sql-injection-sequelize
  await sequelize.query('SELECT * FROM orders LIMIT ' + limit);
  let status = req.query.status;
  status = 'open';
  // ok: sql-injection-sequelize
  await sequelize.query(`SELECT * FROM orders WHERE status = '${status}'`);
  const Order = sequelize.models.Order;
  // ok: sql-injection-sequelize
  res.json(await Order.findAll({ where: { status: { [Op.eq]: req.query.status } } }));
});

// ok: sql-injection-sequelize
sequelize.query('SELECT 1');

export { app, ReportService };
