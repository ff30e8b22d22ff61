// Test code for child-process-exec-concat: ES-module imports (Express and Next.js handlers).
import express, { type Request, type Response } from 'express';
import { exec, execFile, execSync, spawn } from 'node:child_process';
import * as childProcess from 'child_process';
import { promisify } from 'util';

const app = express();

// "Add an endpoint that pings a host and returns the output"
app.get('/api/ping', (req: Request, res: Response) => {
  const host = String(req.query.host);
  // ruleid: child-process-exec-concat
  exec('ping -c 1 ' + host, (error, stdout) => {
    if (error) return res.status(500).json({ error: error.message });
    res.json({ ok: true, output: stdout });
  });
});

// "Generate a thumbnail with ImageMagick"
export function makeThumbnail(file: string): Buffer {
  // ruleid: child-process-exec-concat
  return execSync(`convert ${file} -resize 200x200 thumb.png`);
}

// Next.js route handler (app/api/git/route.ts)
export async function POST(request: Request & { json(): Promise<{ branch: string }> }) {
  const { branch } = await request.json();
  // ruleid: child-process-exec-concat
  const log = childProcess.execSync(`git log --oneline ${branch}`, { encoding: 'utf8' });
  return { log };
}

// Several lines, as chat answers often format it
export function archive(dir: string, name: string): void {
  // ruleid: child-process-exec-concat
  exec(
    'tar -czf /tmp/' + name + '.tgz ' + dir,
    () => undefined,
  );
}

// A constant command: nothing from outside reaches the shell.
// ok: child-process-exec-concat
exec('ls -la /var/log', () => undefined);

// A template literal without substitutions is a constant too.
// ok: child-process-exec-concat
execSync(`git rev-parse HEAD`);

// Two literals joined are still a constant command.
// ok: child-process-exec-concat
execSync('echo ' + 'ready');

// The safe form: no shell, the value is one argument.
export const execFileAsync = promisify(execFile);
app.get('/api/ping-safe', async (req: Request, res: Response) => {
  // ok: child-process-exec-concat
  const { stdout } = await execFileAsync('ping', ['-c', '1', String(req.query.host)]);
  // ok: child-process-exec-concat
  spawn('convert', [String(req.query.file), '-resize', '200x200', 'thumb.png']);
  res.json({ output: stdout });
});

// RegExp.prototype.exec is not child_process.exec.
export function findVersion(prefix: string, input: string): RegExpExecArray | null {
  const pattern = /v(\d+)\.(\d+)/;
  // ok: child-process-exec-concat
  return pattern.exec(prefix + input);
}

// A command built on an earlier line: Vigil follows a const to its definition
// (Semgrep's symbolic propagation, which Semgrep leaves off by default).
export function deploy(env: string): void {
  const command = `./deploy.sh --env ${env}`;
  // ruleid: child-process-exec-concat
  execSync(command);
}
