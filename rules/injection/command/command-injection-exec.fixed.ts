// Test code for command-injection-exec: exec / execSync with request data.
import express, { type Request, type Response } from 'express';
import * as cp from 'child_process';
import { exec, execFile, execSync } from 'node:child_process';

const app = express();
app.use(express.json());

// "Add an endpoint that pings a host and returns the output"
app.get('/api/ping', (req: Request, res: Response) => {
  const host = req.query.host;
  // ruleid: command-injection-exec
  exec('ping -c 1 ' + host, (error, stdout) => {
    if (error) return res.status(500).json({ error: error.message });
    res.json({ output: stdout });
  });
});

// "Look up a domain" — a literal program with one argument: the fix rewrites it to execFile.
app.get('/api/whois', (req: Request, res: Response) => {
  // ruleid: command-injection-exec
  cp.execFile('whois', [req.query.domain], (err, stdout) => res.type('text').send(stdout));
});

// Next.js route handler (app/api/git/route.ts)
export async function POST(request: Request) {
  const { branch } = await request.json();
  // ruleid: command-injection-exec
  const log = cp.execSync(`git log --oneline ${branch}`, { encoding: 'utf8' });
  return Response.json({ log });
}

// A helper that runs the command, called from a named handler.
function convert(file: string, format: string) {
  // ruleid: command-injection-exec
  return execSync(`convert uploads/${file} out.${format}`);
}
function convertHandler(req: Request, res: Response) {
  convert(req.body.file, req.body.format);
  res.sendStatus(204);
}
app.post('/convert', convertHandler);

class BackupService {
  private dump(db: string) {
    // ruleid: command-injection-exec
    return cp.execFileSync('pg_dump', [db]);
  }
  run(req: Request) {
    return this.dump(req.params.db);
  }
}

// The fixed forms and look-alikes.
app.get('/api/ping-safe', (req: Request, res: Response) => {
  // ok: command-injection-exec
  execFile('ping', ['-c', '1', String(req.query.host)], (err, stdout) => res.json({ output: stdout }));
  const count = parseInt(String(req.query.count), 10);
  // ok: command-injection-exec
  exec('ping -c ' + count + ' localhost');
  let dir = req.query.dir;
  dir = '/var/log';
  // ok: command-injection-exec
  exec(`ls -la ${dir}`);
});

// ok: command-injection-exec
exec('uptime', (err, stdout) => console.log(stdout));

// RegExp.prototype.exec is not child_process.exec.
app.get('/version', (req: Request, res: Response) => {
  // ok: command-injection-exec
  res.json(/v(\d+)/.exec(String(req.query.v)));
});

export { app, BackupService };
