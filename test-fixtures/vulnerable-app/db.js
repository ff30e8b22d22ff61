// A real SQLite database in memory (sql.js, pure wasm), seeded with a few users and products.
const initSqlJs = require('sql.js');

let ready;

/** Opens (once) the seeded database; `all(sql, params)` returns rows as objects. */
function openDatabase() {
  ready ??= initSqlJs().then((SQL) => {
    const raw = new SQL.Database();
    raw.run(`
      CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, password TEXT NOT NULL);
      INSERT INTO users (username, password) VALUES ('alice', 's3cret-alice'), ('bob', 's3cret-bob');
      CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, hidden INTEGER NOT NULL DEFAULT 0);
      INSERT INTO products (name, hidden) VALUES ('apple', 0), ('banana', 0), ('cherry', 0), ('grape', 0), ('papaya', 1);
    `);
    return {
      all(sql, params = []) {
        const statement = raw.prepare(sql);
        try {
          statement.bind(params);
          const rows = [];
          while (statement.step()) rows.push(statement.getAsObject());
          return rows;
        } finally {
          statement.free();
        }
      },
    };
  });
  return ready;
}

module.exports = { openDatabase };
