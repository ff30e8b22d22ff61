// Test code for sql-injection-typeorm-query-builder: conditions written as SQL strings.
import express, { type Request, type Response } from 'express';
import { Brackets, type Repository } from 'typeorm';

interface User { id: number; name: string; email: string }
declare const userRepository: Repository<User>;
const app = express();

// "Search users by name with TypeORM"
app.get('/users', async (req: Request, res: Response) => {
  const users = await userRepository
    .createQueryBuilder('user')
    // ruleid: sql-injection-typeorm-query-builder
    .where(`user.name LIKE '%${req.query.name}%'`)
    .getMany();
  res.json(users);
});

app.get('/users/sorted', async (req: Request, res: Response) => {
  const qb = userRepository.createQueryBuilder('user');
  // ruleid: sql-injection-typeorm-query-builder
  qb.orderBy('user.' + req.query.sort, 'ASC');
  // ruleid: sql-injection-typeorm-query-builder
  qb.andWhere("user.email = '" + req.query.email + "'");
  res.json(await qb.getMany());
});

// The fixed forms: named parameters, objects, brackets.
app.get('/users-safe', async (req: Request, res: Response) => {
  const qb = userRepository.createQueryBuilder('user');
  // ok: sql-injection-typeorm-query-builder
  qb.where('user.name LIKE :name', { name: `%${req.query.name}%` });
  // ok: sql-injection-typeorm-query-builder
  qb.andWhere({ email: req.query.email });
  // ok: sql-injection-typeorm-query-builder
  qb.orWhere(new Brackets((b) => b.where('user.id = :id', { id: req.query.id })));
  const minId = Number(req.query.min);
  // ok: sql-injection-typeorm-query-builder
  qb.andWhere('user.id > ' + minId);
  let column = String(req.query.sort);
  column = 'name';
  // ok: sql-injection-typeorm-query-builder
  qb.orderBy('user.' + column, 'ASC');
  res.json(await qb.getMany());
});

// ok: sql-injection-typeorm-query-builder
userRepository.createQueryBuilder('user').where('user.active = true');
