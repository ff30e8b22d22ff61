// Product catalog and account routes: request data flows into queries and records.
import express, { type Request, type Response } from 'express';
import mysql from 'mysql2';
import mongoose from 'mongoose';
import knexFactory from 'knex';
import Database from 'better-sqlite3';
import { Sequelize } from 'sequelize';
import _ from 'lodash';

export const catalog = express.Router();
const connection = mysql.createConnection({ host: 'localhost', user: 'shop', database: 'shop' });
const knex = knexFactory({ client: 'pg' });
const sqlite = new Database('reviews.db');
const sequelize = new Sequelize('sqlite::memory:');
const User = mongoose.model('User', new mongoose.Schema({ email: String, password: String, role: String }));
const settings: Record<string, any> = { theme: 'light' };

catalog.get('/products', (req: Request, res: Response) => {
  connection.query(`SELECT * FROM products WHERE name LIKE '%${req.query.q}%'`, (err, rows) => res.json(rows));
});

catalog.get('/products/sorted', async (req: Request, res: Response) => {
  res.json(await knex('products').orderByRaw(req.query.sort + ' DESC'));
});

catalog.get('/reviews/:id', (req: Request, res: Response) => {
  res.json(sqlite.prepare('SELECT * FROM reviews WHERE product_id = ' + req.params.id).all());
});

catalog.post('/orders/:id/cancel', async (req: Request, res: Response) => {
  await sequelize.query(`UPDATE orders SET status = 'cancelled' WHERE id = ${req.params.id}`);
  res.sendStatus(204);
});

catalog.post('/login', async (req: Request, res: Response) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email, password });
  res.json({ ok: Boolean(user) });
});

catalog.get('/products/cheap', async (req: Request, res: Response) => {
  res.json(await User.find({ $where: 'this.price < ' + req.query.max }));
});

catalog.post('/signup', async (req: Request, res: Response) => {
  res.status(201).json(await User.create(req.body));
});

catalog.put('/me', async (req: Request, res: Response) => {
  const user = await User.findById(req.params.id);
  Object.assign(user, req.body);
  res.json(await user?.save());
});

catalog.patch('/settings', (req: Request, res: Response) => {
  _.merge(settings, req.body);
  _.set(settings, req.body.path, req.body.value);
  settings[req.body.section][req.body.key] = req.body.value;
  res.json(settings);
});

catalog.get('/search', (req: Request, res: Response) => {
  const re = new RegExp(String(req.query.q), 'i');
  res.json(['lamp', 'desk'].filter((p) => re.test(p)));
});
