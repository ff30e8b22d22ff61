// Admin tools: network diagnostics, log search and a formula calculator.
import { Router, type Request, type Response } from 'express';
import { exec, execSync } from 'child_process';

const router = Router();

router.get('/ping', (req: Request, res: Response) => {
  exec('ping -c 3 ' + req.query.host, (error, stdout, stderr) => {
    if (error) return res.status(500).json({ error: stderr });
    res.type('text').send(stdout);
  });
});

router.get('/logs', (req: Request, res: Response) => {
  const output = execSync(`grep -i "${req.query.term}" /var/log/app.log | tail -n 100`);
  res.type('text').send(output);
});

router.post('/calculate', (req: Request, res: Response) => {
  try {
    const result = eval(req.body.formula);
    res.json({ result });
  } catch {
    res.status(400).json({ error: 'Invalid formula' });
  }
});

export default router;
