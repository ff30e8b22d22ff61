// Test code for prototype-pollution-merge: deep merges of request bodies.
const express = require('express');
const _ = require('lodash');
const merge = require('lodash.merge');
const { z } = require('zod');

const app = express();
app.use(express.json());
const settings = { theme: 'light', notifications: { email: true } };

// "Let users update their settings with a partial object"
app.patch('/settings', (req, res) => {
  // ruleid: prototype-pollution-merge
  _.merge(settings, req.body);
  res.json(settings);
});

app.post('/config', (req, res) => {
  const defaults = { retries: 3 };
  // ruleid: prototype-pollution-merge
  const config = merge({}, defaults, req.body.config);
  res.json(config);
});

// A helper, called from a named handler.
function applyPreferences(target, prefs) {
  // ruleid: prototype-pollution-merge
  return _.defaultsDeep(target, prefs);
}
function prefsHandler(req, res) {
  res.json(applyPreferences({}, req.body));
}
app.put('/prefs', prefsHandler);

// The fixed forms and look-alikes.
const SettingsSchema = z.object({ theme: z.enum(['light', 'dark']) });
app.patch('/settings-safe', (req, res) => {
  // ok: prototype-pollution-merge
  _.merge(settings, _.pick(req.body, ['theme', 'notifications']));
  // ok: prototype-pollution-merge
  _.merge(settings, SettingsSchema.parse(req.body));
  // ok: prototype-pollution-merge
  _.merge(settings, { theme: String(req.body.theme) });
  let patch = req.body;
  patch = { theme: 'dark' };
  // ok: prototype-pollution-merge
  _.merge(settings, patch);
  // ok: prototype-pollution-merge
  _.merge(settings, { retries: Number(req.body.retries) });
  res.json(settings);
});

module.exports = app;
