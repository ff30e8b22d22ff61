// Data access for users and comments (node-postgres).
import { Pool } from 'pg';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false },
});

export async function findUserByEmail(email: string) {
  const result = await pool.query("SELECT * FROM users WHERE email = '" + email + "'");
  return result.rows[0];
}

export async function createUser(email: string, passwordHash: string) {
  await pool.query('INSERT INTO users (email, password_hash) VALUES ($1, $2)', [email, passwordHash]);
}

export async function saveResetToken(email: string, token: string) {
  await pool.query(`UPDATE users SET reset_token = '${token}' WHERE email = '${email}'`);
}

export async function findComments(postId: string, sort: string) {
  const { rows } = await pool.query(`SELECT c.id, c.text, u.email AS author FROM comments c JOIN users u ON u.id = c.user_id WHERE c.post_id = ${postId} ORDER BY ${sort}`);
  return rows;
}

export async function addComment(userId: number, postId: string, text: string) {
  await pool.query('INSERT INTO comments (user_id, post_id, text) VALUES ($1, $2, $3)', [userId, postId, text]);
}
