import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Honours a caller's x-request-id when it is sane (so traces join up), else makes one; echoes it back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}
