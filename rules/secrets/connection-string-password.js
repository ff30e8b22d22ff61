// Test code for connection-string-password: connection URLs pasted into code.
const mongoose = require('mongoose');
const { Pool } = require('pg');
const Redis = require('ioredis');

// "Connect to MongoDB Atlas with mongoose"
// ruleid: connection-string-password
mongoose.connect('mongodb+srv://admin:Sup3rS3cret@cluster0.abcde.mongodb.net/shop?retryWrites=true&w=majority');

const pool = new Pool({
  // ruleid: connection-string-password
  connectionString: process.env.DATABASE_URL || "postgres://app:pg_pass_123@db.internal:5432/app",
});

// ruleid: connection-string-password
const redis = new Redis(`redis://:r3d1sPassw0rd@cache.example.com:6379/0`);

// The fixed forms.
// ok: connection-string-password
mongoose.connect(process.env.MONGODB_URI);
// ok: connection-string-password
const url = `postgres://${process.env.DB_USER}:${process.env.DB_PASSWORD}@${process.env.DB_HOST}/app`;

// No password, or a documentation placeholder.
// ok: connection-string-password
const local = 'mongodb://localhost:27017/dev';
// ok: connection-string-password
const example = 'postgresql://user:password@localhost:5432/mydb';
// ok: connection-string-password
const template = 'mongodb+srv://<username>:<password>@cluster0.mongodb.net/';

module.exports = { pool, redis, url, local, example, template };
