import { type Server, type ServerResponse } from 'node:http';

export interface HttpDrain {
  /**
   * Stops accepting connections, closes idle keep-alive ones, lets the requests in flight finish
   * (their responses close the connection), and after `timeoutMs` closes whatever is still open.
   * Returns how many requests were still running then (0: every one was answered).
   */
  drain(timeoutMs: number): Promise<{ abandoned: number }>;
}

/**
 * Tracks the requests in flight on `server` from now on, for a graceful shutdown. Until drain()
 * the server is untouched: it keeps accepting connections and serving on keep-alive ones.
 */
export function trackRequests(server: Server): HttpDrain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const closeAfterResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };

  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) closeAfterResponse(res);
    res.once('close', () => {
      inFlight.delete(res);
      // A keep-alive connection whose response went out before the drain began is idle now.
      if (draining) server.closeIdleConnections();
    });
  });

  return {
    async drain(timeoutMs) {
      draining = true;
      for (const res of inFlight) closeAfterResponse(res);
      let abandoned = 0;
      const deadline = setTimeout(() => {
        abandoned = inFlight.size;
        server.closeAllConnections();
      }, timeoutMs);
      // Resolves once every connection has ended; close() itself ends the idle ones.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(deadline);
      return { abandoned };
    },
  };
}
