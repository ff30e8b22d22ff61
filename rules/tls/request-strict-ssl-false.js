// Test code for request-strict-ssl-false: "self signed certificate" fixes for the request library.
const request = require('request');
const rp = require('request-promise');

// "Error: self signed certificate in certificate chain when calling the API"
request.get(
  // ruleid: request-strict-ssl-false
  { url: 'https://internal.example.com/api/users', json: true, strictSSL: false },
  (err, res, body) => console.log(body),
);

async function fetchOrders(token) {
  return rp({
    uri: 'https://orders.example.com/v1/orders',
    headers: { Authorization: `Bearer ${token}` },
    // ruleid: request-strict-ssl-false
    strictSSL: false,
    json: true,
  });
}

const defaults = {};
// ruleid: request-strict-ssl-false
defaults.strictSSL = false;
const client = request.defaults(defaults);

// The fixed forms.
// ok: request-strict-ssl-false
request.get({ url: 'https://api.example.com', strictSSL: true }, () => {});
// ok: request-strict-ssl-false
request.get({ url: 'https://internal.example.com', ca: require('fs').readFileSync('certs/ca.pem') }, () => {});

// A value decided at run time.
// ok: request-strict-ssl-false
const dev = request.defaults({ strictSSL: process.env.NODE_ENV === 'production' });

module.exports = { fetchOrders, client, dev };
