// Test code for command-injection-shell-library: shelljs and execa command strings.
import express, { type Request, type Response } from 'express';
import shell from 'shelljs';
import { execa, execaCommand } from 'execa';

const app = express();

// "Create a zip of the project folder"
app.post('/archive', (req: Request, res: Response) => {
  // ruleid: command-injection-shell-library
  shell.exec(`zip -r /tmp/${req.body.name}.zip ./projects/${req.body.name}`);
  res.sendStatus(202);
});

app.get('/lint', async (req: Request, res: Response) => {
  // ruleid: command-injection-shell-library
  const { stdout } = await execaCommand('npx eslint ' + req.query.path);
  res.send(stdout);
});

async function runTool(tool: string) {
  // ruleid: command-injection-shell-library
  return execa(tool, { shell: true });
}
async function toolHandler(req: Request, res: Response) {
  res.json(await runTool(req.query.tool as string));
}
app.get('/tool', toolHandler);

// The fixed forms: an argument array without a shell.
app.get('/lint-safe', async (req: Request, res: Response) => {
  // ok: command-injection-shell-library
  const { stdout } = await execa('npx', ['eslint', String(req.query.path)]);
  const port = Number(req.query.port);
  // ok: command-injection-shell-library
  shell.exec('lsof -i :' + port);
  let target = req.query.target;
  target = 'build';
  // ok: command-injection-shell-library
  shell.exec(`npm run ${target}`);
  res.send(stdout);
});

// ok: command-injection-shell-library
shell.exec('git status');
