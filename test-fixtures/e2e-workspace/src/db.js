// A stand-in database module (the tests never run this app).
module.exports = {
  query(sql, params) {
    return Promise.resolve({ sql, params, rows: [] });
  },
};
