// Test code for path-traversal-fs: file reads, writes and deletes with request data.
import express, { type Request, type Response } from 'express';
import fs from 'fs';
import { readFile } from 'fs/promises';
import path from 'path';

const app = express();
const UPLOADS = path.join(__dirname, 'uploads');

// "Add an endpoint to read a file from the uploads folder"
app.get('/files', (req: Request, res: Response) => {
  const file = path.join(UPLOADS, String(req.query.name));
  // ruleid: path-traversal-fs
  fs.readFile(file, 'utf8', (err, data) => res.json({ data }));
});

// "Delete an uploaded file"
app.delete('/files/:name', async (req: Request, res: Response) => {
  // ruleid: path-traversal-fs
  await fs.promises.unlink(`${UPLOADS}/${req.params.name}`);
  res.sendStatus(204);
});

// A helper that writes, called from a named handler.
function saveNote(name: string, text: string) {
  // ruleid: path-traversal-fs
  fs.writeFileSync(path.resolve('notes', name), text);
}
function noteHandler(req: Request, res: Response) {
  saveNote(req.body.name, req.body.text);
  res.sendStatus(201);
}
app.post('/notes', noteHandler);

class Exporter {
  async load(name: string) {
    // ruleid: path-traversal-fs
    return readFile(name, 'utf8');
  }
  async handle(req: Request) {
    return this.load(req.query.report as string);
  }
}

// The fixed forms and look-alikes.
app.get('/files-safe', (req: Request, res: Response) => {
  const file = path.resolve(UPLOADS, String(req.query.name));
  if (!file.startsWith(UPLOADS + path.sep)) return res.status(403).end();
  // ok: path-traversal-fs
  fs.readFile(file, 'utf8', (err, data) => res.json({ data }));
});
app.get('/avatar', (req: Request, res: Response) => {
  // ok: path-traversal-fs
  fs.createReadStream(path.join(UPLOADS, path.basename(String(req.query.file)))).pipe(res);
  // ok: path-traversal-fs
  fs.readFileSync(path.join(UPLOADS, `invoice-${Number(req.query.id)}.pdf`));
  let name = req.query.name as string;
  name = 'default.png';
  // ok: path-traversal-fs
  fs.readFileSync(path.join(UPLOADS, name));
  // ok: path-traversal-fs
  fs.readFileSync(path.join(__dirname, 'config.json'));
});

export { app, Exporter };
