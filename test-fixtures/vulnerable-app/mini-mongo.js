// A tiny in-memory collection with MongoDB's query operators ($eq, $ne, $gt, $in, $regex), for the NoSQL routes.

function matches(value, condition) {
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    return Object.entries(condition).every(([op, arg]) => {
      switch (op) {
        case '$eq': return value === arg;
        case '$ne': return value !== arg;
        case '$gt': return value > arg;
        case '$in': return Array.isArray(arg) && arg.includes(value);
        case '$regex': return new RegExp(String(arg)).test(String(value));
        default: return false;
      }
    });
  }
  return value === condition;
}

/** A collection of plain documents; `findOne(query)` evaluates operators like MongoDB does. */
class Collection {
  constructor(docs) {
    this.docs = docs;
  }
  findOne(query) {
    return this.docs.find((doc) => Object.entries(query).every(([key, cond]) => matches(doc[key], cond))) ?? null;
  }
}

const users = new Collection([
  { username: 'alice', password: 's3cret-alice', role: 'admin' },
  { username: 'bob', password: 's3cret-bob', role: 'user' },
]);

module.exports = { users };
