// Test code for ssrf-axios: axios calls with request-controlled URLs.
const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());

// "Fetch the image from the URL and return it"
app.get('/image', async (req, res) => {
  // ruleid: ssrf-axios
  const response = await axios.get(req.query.url, { responseType: 'arraybuffer' });
  res.type('image/png').send(response.data);
});

app.post('/import', async (req, res) => {
  // ruleid: ssrf-axios
  const { data } = await axios({ method: 'get', url: req.body.feedUrl });
  res.json(data);
});

class WebhookService {
  deliver(target, payload) {
    // ruleid: ssrf-axios
    return axios.post(target, payload);
  }
  handle(req, res) {
    return this.deliver(req.body.url, { event: 'ping' }).then(() => res.sendStatus(202));
  }
}

// The fixed forms.
const PARTNERS = { acme: 'https://api.acme.example/hook', globex: 'https://globex.example/hook' };
app.post('/notify', async (req, res) => {
  const target = PARTNERS[req.body.partner];
  if (!target) return res.status(400).end();
  // ok: ssrf-axios
  await axios.post(target, { event: 'ping' });
  // ok: ssrf-axios
  await axios.get(`https://api.example.com/users/${req.body.userId}`);
  // ok: ssrf-axios
  await axios.get('https://api.example.com/items', { params: { q: req.body.q } });
  let url = req.body.url;
  url = 'https://status.example.com';
  // ok: ssrf-axios
  await axios.get(url);
  res.sendStatus(204);
});

module.exports = { app, WebhookService };
