// Test code for secret-logged-to-console: a parser (no auth in the file) and a seed script.

// A lexer's tokens are not credentials.
function parse(tokens) {
  for (const token of tokens) {
    // ok: secret-logged-to-console
    console.dir(token, { depth: null });
  }
}

// "Seed an admin user and print the credentials"
function seed(admin) {
  // ruleid: secret-logged-to-console
  console.log('Admin created:', admin.email, admin.password);
}

module.exports = { parse, seed };
