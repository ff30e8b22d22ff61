// Bundles Vigil's entry points with esbuild (run by `npm run build` after the typecheck).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every bundle the package ships: `in` is the TypeScript entry, `out` the file in dist/. */
const entryPoints = [
  { in: 'server/src/cli/main.ts', out: 'cli', external: [] },
  // The language server; the same bundle also runs its workspace-scan child process.
  { in: 'server/src/lsp/server.ts', out: 'server', external: [] },
  // The VS Code extension (CommonJS: VS Code 1.100's extension host loads CommonJS; `vscode` is provided by the host).
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
];

const started = Date.now();
await Promise.all(
  entryPoints.map((entry) =>
    build({
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
