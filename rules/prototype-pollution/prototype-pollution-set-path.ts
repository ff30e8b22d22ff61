// Test code for prototype-pollution-set-path: writing request-chosen property paths.
import express, { type Request, type Response } from 'express';
import _ from 'lodash';
import { setProperty } from 'dot-prop';

const app = express();
app.use(express.json());
const config: Record<string, unknown> = {};

// "Update one config value by its dotted path"
app.post('/config', (req: Request, res: Response) => {
  // ruleid: prototype-pollution-set-path
  _.set(config, req.body.path, req.body.value);
  res.json(config);
});

app.patch('/profile', (req: Request, res: Response) => {
  const profile = {};
  for (const [key, value] of Object.entries(req.body)) {
    // ruleid: prototype-pollution-set-path
    setProperty(profile, key, value);
  }
  res.json(profile);
});

function setField(obj: object, field: string, value: unknown) {
  // ruleid: prototype-pollution-set-path
  return _.setWith(obj, field, value, Object);
}
function fieldHandler(req: Request, res: Response) {
  res.json(setField({}, String(req.query.field), req.query.value));
}
app.get('/field', fieldHandler);

// The fixed forms and look-alikes.
const ALLOWED = new Set(['theme', 'locale', 'notifications.email']);
app.post('/config-safe', (req: Request, res: Response) => {
  const path = String(req.body.path);
  if (!ALLOWED.has(path)) return res.status(400).end();
  // ok: prototype-pollution-set-path
  _.set(config, path, req.body.value);
  // ok: prototype-pollution-set-path
  _.set(config, 'lastUpdated', req.body.value);
  // ok: prototype-pollution-set-path
  _.set(config, ['counters', Number(req.body.index)], 1);
  let key = req.body.key;
  key = 'theme';
  // ok: prototype-pollution-set-path
  _.set(config, key, req.body.value);
  res.json(config);
});
