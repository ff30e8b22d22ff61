// DAST benchmark: SAST then probes against test-fixtures/vulnerable-app on 127.0.0.1; prints confirmation and cost per finding.
// Usage: npm run bench:dast [-- --pack]   (--pack: the bundled rule pack instead of the DAST test rules)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out', 'server', 'src');
const { loadRules } = require(path.join(out, 'engine', 'rules', 'load-rules.js'));
const { scanFile } = require(path.join(out, 'engine', 'scan-file.js'));
const { probeFindings } = require(path.join(out, 'dast', 'probe-findings.js'));
const { classifyFinding } = require(path.join(out, 'dast', 'classify-finding.js'));
const app = require(path.join(root, 'test-fixtures', 'vulnerable-app', 'app.js'));

/** The vulnerable routes and the class each must be confirmed as. */
const VULNERABLE = new Set([
  'sqli GET /api/sql/products/search',
  'sqli GET /api/sql/products/:id',
  'sqli POST /api/sql/login',
  'sqli GET /api/sql/products-by-name',
  'nosqli POST /api/nosql/login',
  'xss GET /api/greet',
  'xss GET /api/banner',
  'xss GET /api/welcome',
  'path-traversal GET /api/files',
  'cmdi GET /api/ls',
  'code-injection GET /api/calc',
  'ssti GET /api/hello',
  'ssrf GET /api/preview',
  'open-redirect GET /go',
]);

const usePack = process.argv.includes('--pack');
const rulePaths = usePack ? [path.join(root, 'rules')] : [path.join(root, 'test-fixtures', 'dast', 'rules')];
const appDir = path.join(root, 'test-fixtures', 'vulnerable-app');
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(d, e.name);
    if (e.isDirectory()) walk(full);
    else if (/\.(js|ts)$/.test(e.name)) files.push({ path: full, text: fs.readFileSync(full, 'utf8') });
  }
};
walk(appDir);

const loaded = loadRules(rulePaths);
const sastStart = performance.now();
const findings = files.flatMap((f) => scanFile(f.text, f.path, loaded.rules).findings).filter((f) => classifyFinding(f) !== undefined);
const sastMs = performance.now() - sastStart;

const port = await app.start(0);
const results = [];
const runStart = performance.now();
try {
  for await (const e of probeFindings(findings, files, { baseUrl: `http://127.0.0.1:${port}`, allowMethods: ['POST'], delayMs: 0 })) {
    if (e.kind === 'result') results.push(e.result);
  }
} finally {
  await app.stop();
}
const runMs = performance.now() - runStart;

const key = (r) => `${r.vulnClass} ${r.route?.method} ${r.route?.path}`;
const onVulnerable = results.filter((r) => VULNERABLE.has(key(r)));
const onTwins = results.filter((r) => r.route?.path.includes('-fixed'));
const probed = results.filter((r) => r.requests > 0);
const routesConfirmed = new Set(onVulnerable.filter((r) => r.verdict === 'confirmed').map(key));
const stats = (xs) => {
  if (xs.length === 0) return 'n/a';
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return `mean ${mean.toFixed(1)}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted[sorted.length - 1]}`;
};

console.log(`vigil DAST bench — test-fixtures/vulnerable-app, rules: ${usePack ? 'bundled pack (rules/)' : 'test-fixtures/dast/rules'}`);
console.log(`SAST: ${findings.length} probeable findings in ${sastMs.toFixed(0)} ms`);
console.log(`findings probed: ${probed.length} (skipped ${results.length - probed.length})`);
console.log(`confirmed ${onVulnerable.filter((r) => r.verdict === 'confirmed').length}/${onVulnerable.length} findings on vulnerable routes (routes: ${routesConfirmed.size}/${VULNERABLE.size})`);
console.log(`false confirmations ${onTwins.filter((r) => r.verdict === 'confirmed').length} on the fixed twins (${onTwins.length} twin findings probed)`);
console.log(`requests per finding: ${stats(probed.map((r) => r.requests))}`);
console.log(`requests per confirmed finding: ${stats(probed.filter((r) => r.verdict === 'confirmed').map((r) => r.requests))}`);
console.log(`wall time per finding (ms): ${stats(probed.map((r) => r.durationMs))}`);
console.log(`total: ${probed.reduce((n, r) => n + r.requests, 0)} requests in ${runMs.toFixed(0)} ms`);
console.log('');
for (const r of results) {
  console.log(`  ${r.verdict.padEnd(13)} ${key(r).padEnd(42)} ${String(r.requests).padStart(2)} req ${String(r.durationMs).padStart(5)} ms  ${r.finding.ruleId}`);
}
const missing = [...VULNERABLE].filter((k) => !routesConfirmed.has(k));
if (missing.length > 0) console.log(`\nnot confirmed: ${missing.join('; ')}`);
