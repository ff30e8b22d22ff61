// Bundles Vigil's entry points with esbuild (run by `npm run build` after the typecheck).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * TypeScript and typescript-estree (about 9 MB of the 12 MB) live in their own
 * files, required on first parse (server/src/engine/parse/lazy-modules.ts).
 * Why: V8 compiles a whole script file when it is loaded, lazy `require` or
 * not; with TypeScript inside, the language server spent ~180 ms compiling
 * before it could answer `initialize`. Out of the way, it answers in about
 * half that, and the first parse pays the rest once.
 */
const VENDOR = { typescript: './vendor-typescript.js', '@typescript-eslint/typescript-estree': './vendor-estree.js' };
const vendorExternal = (names) => ({
  name: 'vendor-external',
  setup(b) {
    // `typescript/lib/tsserverlibrary` (some estree modules use it) is TypeScript itself in 5.x.
    b.onResolve({ filter: /^(typescript(\/lib\/(typescript|tsserverlibrary)(\.js)?)?|@typescript-eslint\/typescript-estree)$/ }, (args) => {
      const name = args.path.startsWith('typescript') ? 'typescript' : args.path;
      return names.includes(name) ? { path: VENDOR[name], external: true } : undefined;
    });
  },
});

/** Every bundle the package ships: `in` is the entry, `out` the file in dist/, `vendor` the modules left to the vendor files. */
const entryPoints = [
  { in: 'server/src/cli/main.ts', out: 'cli', external: [], vendor: ['typescript', '@typescript-eslint/typescript-estree'] },
  // The language server; the same bundle also runs its workspace-scan child process.
  { in: 'server/src/lsp/server.ts', out: 'server', external: [], vendor: ['typescript', '@typescript-eslint/typescript-estree'] },
  // The VS Code extension (CommonJS: VS Code 1.100's extension host loads CommonJS; `vscode` is provided by the host).
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'], vendor: [] },
  { in: 'node_modules/typescript/lib/typescript.js', out: 'vendor-typescript', external: [], vendor: [] },
  // estree's own `require('typescript')` goes to the same vendor file: one TypeScript instance.
  { in: 'node_modules/@typescript-eslint/typescript-estree/dist/index.js', out: 'vendor-estree', external: [], vendor: ['typescript'] },
];

const started = Date.now();
await Promise.all(
  entryPoints.map((entry) =>
    build({
      plugins: entry.vendor.length > 0 ? [vendorExternal(entry.vendor)] : [],
      absWorkingDir: root,
      entryPoints: [{ in: entry.in, out: entry.out }],
      outdir: 'dist',
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      external: entry.external,
      logLevel: 'warning',
    }),
  ),
);
process.stderr.write(`built ${entryPoints.map((e) => `dist/${e.out}.js`).join(', ')} in ${Date.now() - started} ms\n`);
// The bundled rules compiled once, for the CLI (dist/rules-cache.json) and the language server
// (dist/rules-cache.server.json), each stamped with its bundle (server/src/shared/rule-cache-file.ts).
const { execFileSync } = await import('node:child_process');
for (const bundle of ['cli.js', 'server.js']) execFileSync(process.execPath, [resolve(root, 'dist', bundle), '__write-rule-cache'], { stdio: 'inherit' });
