// `npm run try`: see Vigil in a real VS Code in your browser without installing VS Code.
// Builds the .vsix, installs code-server 4.100.3 into .e2e-cache/ if missing, installs the extension into a fresh
// profile, opens a copy of a sample workspace of assistant-style vulnerable code, and prints the 127.0.0.1 URL.
// code-server listens on 127.0.0.1 only and stops by itself after VIGIL_TRY_MINUTES (default 120) or on Ctrl+C.
import { rmSync } from 'node:fs';
import { copyWorkspace, ensureCodeServer, freePort, freshWorkDir, installVsix, isolatedEnv, packageVsix, startCodeServer } from './e2e/code-server.mjs';

const minutes = Number(process.env.VIGIL_TRY_MINUTES ?? 120);
const { cache, bin } = ensureCodeServer();
const vsix = packageVsix();
const work = freshWorkDir(cache, 'try');
const env = isolatedEnv(work);
installVsix(bin, vsix, work, env);
const workspace = copyWorkspace('test-fixtures/sample-app', work);
const port = Number(process.env.PORT) || (await freePort());
const server = await startCodeServer({ bin, work, env, port, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
process.stdout.write(
  [
    '',
    'Vigil is running in code-server (VS Code 1.100.3):',
    `  ${url}`,
    '',
    'Open a file under server/ or client/: findings show inline and in Problems (Ctrl+Shift+M); Ctrl+. offers the fixes.',
    'Paste or apply a block of code, or run "Vigil: Mark Selection as Assistant-Written", to see assistant regions flagged.',
    `It stops by itself in ${minutes} minutes, or press Ctrl+C. The workspace is a copy in ${workspace}.`,
    '',
  ].join('\n'),
);
const stop = () => {
  server.stop();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setTimeout(stop, minutes * 60_000);
