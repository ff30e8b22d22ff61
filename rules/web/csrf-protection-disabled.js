// Test code for csrf-protection-disabled: "403 invalid csrf token" fixes.
const express = require('express');
const lusca = require('lusca');
const csrf = require('csurf');
const { ApolloServer } = require('@apollo/server');

const app = express();

// "Form posts fail with a CSRF error, turn it off"
// ruleid: csrf-protection-disabled
app.use(lusca({ csrf: false, xframe: 'SAMEORIGIN', hsts: { maxAge: 31536000 } }));

// ruleid: csrf-protection-disabled
app.use(csrf({ cookie: true, ignoreMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'] }));

// "Apollo: this operation has been blocked as a potential CSRF"
// ruleid: csrf-protection-disabled
const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: {}, csrfPrevention: false });

// svelte.config.js
const config = {
  kit: {
    // ruleid: csrf-protection-disabled
    csrf: { checkOrigin: false },
  },
};

// The fixed forms.
// ok: csrf-protection-disabled
app.use(lusca({ csrf: true, xframe: 'SAMEORIGIN' }));
// ok: csrf-protection-disabled
app.use(csrf({ cookie: true }));
// ok: csrf-protection-disabled
app.use(csrf({ ignoreMethods: ['GET', 'HEAD', 'OPTIONS'] }));
// ok: csrf-protection-disabled
const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: {}, csrfPrevention: true });
// Other lusca protections off is another rule's business.
// ok: csrf-protection-disabled
app.use(lusca({ csrf: true, p3p: false }));

module.exports = { server, config, apollo };
