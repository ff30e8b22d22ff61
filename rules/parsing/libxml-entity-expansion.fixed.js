// Test code for libxml-entity-expansion: XML upload and SOAP handlers.
const express = require('express');
const libxmljs = require('libxmljs');
const libxml2 = require('libxmljs2');

const app = express();
app.use(express.text({ type: 'application/xml' }));

// "Parse the uploaded XML and read the <name> element"
app.post('/import', (req, res) => {
  // ruleid: libxml-entity-expansion
  const doc = libxmljs.parseXml(req.body, { noent: false, noblanks: true });
  res.json({ name: doc.get('//name').text() });
});

function parseInvoice(xml) {
  // ruleid: libxml-entity-expansion
  return libxml2.parseXmlString(xml, { noent: false });
}

function parseFeed(xml) {
  // ruleid: libxml-entity-expansion
  return libxmljs.parseXmlString(xml, { dtdload: true, noent: false });
}

// The fixed forms.
// ok: libxml-entity-expansion
const safe = (xml) => libxmljs.parseXml(xml);
// ok: libxml-entity-expansion
const explicit = (xml) => libxmljs.parseXml(xml, { noent: false, nonet: true });
// ok: libxml-entity-expansion
const htmlDoc = (html) => libxmljs.parseHtml(html, { noblanks: true });

module.exports = { app, parseInvoice, parseFeed, safe, explicit, htmlDoc };
