// Test code for database-password-hardcoded: connection set-ups as assistants write them.
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import { Sequelize } from 'sequelize';
import knex from 'knex';
import { DataSource } from 'typeorm';

// "Connect my Express app to MySQL"
export const pool = mysql.createPool({
  host: 'localhost',
  user: 'root',
  // ruleid: database-password-hardcoded
  password: 'MyS3cretPass!',
  database: 'shop',
});

// ruleid: database-password-hardcoded
export const sequelize = new Sequelize('shop', 'admin', 'admin123', { host: 'db.example.com', dialect: 'postgres' });

export const db = knex({
  client: 'pg',
  connection: {
    host: process.env.DB_HOST,
    user: process.env.DB_USER,
    // ruleid: database-password-hardcoded
    password: process.env.DB_PASSWORD || 'postgres',
    database: 'app',
  },
});

export const dataSource = new DataSource({
  type: 'postgres',
  host: 'localhost',
  username: 'app',
  // ruleid: database-password-hardcoded
  password: "hunter2",
  database: 'app',
});

// The fixed forms.
export const pgPool = new Pool({
  host: process.env.PGHOST,
  user: process.env.PGUSER,
  // ok: database-password-hardcoded
  password: process.env.PGPASSWORD,
  database: process.env.PGDATABASE,
});
// ok: database-password-hardcoded
export const fromUrl = new Sequelize(process.env.DATABASE_URL as string);

// Placeholders and empty passwords (local trust auth) are not secrets.
// ok: database-password-hardcoded
export const example = { host: 'localhost', user: 'root', password: 'your_password' };
// ok: database-password-hardcoded
export const localDev = { host: 'localhost', user: 'postgres', password: '' };

// A login form's state is not a connection.
// ok: database-password-hardcoded
export const initialForm = { email: '', password: '' };
