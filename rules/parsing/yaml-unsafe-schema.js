// Test code for yaml-unsafe-schema: loading YAML configs and uploads.
const yaml = require('js-yaml');
const jsTypes = require('js-yaml-js-types');
const express = require('express');

const app = express();
app.use(express.text({ type: 'application/yaml' }));

// "Parse YAML that may contain regexes and functions" (js-yaml 3)
app.post('/pipelines', (req, res) => {
  // ruleid: yaml-unsafe-schema
  const pipeline = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json(pipeline);
});

// js-yaml 4 with the extra JavaScript types
const fullSchema = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);
function loadPlugins(text) {
  // ruleid: yaml-unsafe-schema
  return yaml.load(text, { schema: fullSchema });
}

function loadAllDocs(text) {
  // ruleid: yaml-unsafe-schema
  return yaml.loadAll(text, null, { schema: yaml.DEFAULT_SCHEMA.extend([jsTypes.function, jsTypes.regexp]) });
}

// The fixed forms: js-yaml 4's load is safe by default.
// ok: yaml-unsafe-schema
const config = (text) => yaml.load(text);
// ok: yaml-unsafe-schema
const strict = (text) => yaml.load(text, { schema: yaml.JSON_SCHEMA });
// js-yaml 3's safe loader.
// ok: yaml-unsafe-schema
const legacy = (text) => yaml.safeLoad(text);
// JSON.parse without a reviver builds plain data only, even from untrusted text.
// ok: yaml-unsafe-schema
const fromJson = (text) => JSON.parse(text);

module.exports = { app, loadPlugins, loadAllDocs, config, strict, legacy, fromJson };
