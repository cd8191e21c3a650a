import { type Request, type Response } from 'express';
import { type Database } from '../../context/database';

/** GET /healthz: the process is alive. */
export function healthz(_req: Request, res: Response): void {
  res.status(200).json({ status: 'ok' });
}

/** GET /readyz: the database answers, and the server is not shutting down. */
export function readyz(db: Database, isShuttingDown: () => boolean) {
  return async (_req: Request, res: Response): Promise<void> => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      await Promise.race([
        db.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer in 2 s')), 2000).unref()),
      ]);
      res.status(200).json({ status: 'ready', database: db.kind });
    } catch {
      res.status(503).json({ status: 'database-unreachable' });
    }
  };
}
