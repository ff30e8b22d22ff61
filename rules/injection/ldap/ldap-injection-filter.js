// Test code for ldap-injection-filter: directory logins and lookups with ldapjs.
const express = require('express');
const ldap = require('ldapjs');

const app = express();
app.use(express.json());
const client = ldap.createClient({ url: 'ldap://directory.internal' });

// "Authenticate users against LDAP"
app.post('/login', (req, res) => {
  const { username } = req.body;
  // ruleid: ldap-injection-filter
  client.search('ou=people,dc=example,dc=com', { filter: `(uid=${username})`, scope: 'sub' }, (err, result) => {
    result.on('end', () => res.json({ ok: true }));
  });
});

// A helper that builds the filter, called from a named handler.
function findByMail(mail, cb) {
  // ruleid: ldap-injection-filter
  client.search('dc=example,dc=com', { filter: '(mail=' + mail + ')' }, cb);
}
function lookupHandler(req, res) {
  findByMail(req.query.mail, () => res.end());
}
app.get('/lookup', lookupHandler);

app.get('/groups', (req, res) => {
  // ruleid: ldap-injection-filter
  const filter = ldap.parseFilter(`(&(objectClass=group)(cn=${req.query.group}))`);
  res.json({ filter: filter.toString() });
});

// The fixed forms and look-alikes.
app.post('/login-safe', (req, res) => {
  const filter = new ldap.EqualityFilter({ attribute: 'uid', value: String(req.body.username) });
  // ok: ldap-injection-filter
  client.search('ou=people,dc=example,dc=com', { filter, scope: 'sub' }, () => res.end());
  // ok: ldap-injection-filter
  client.search('dc=example,dc=com', { filter: '(objectClass=person)' }, () => undefined);
  // ok: ldap-injection-filter
  client.search('dc=example,dc=com', { filter: '(uidNumber=' + Number(req.body.uid) + ')' }, () => undefined);
  let group = req.body.group;
  group = 'staff';
  // ok: ldap-injection-filter
  client.search('dc=example,dc=com', { filter: `(cn=${group})` }, () => undefined);
});

module.exports = app;
