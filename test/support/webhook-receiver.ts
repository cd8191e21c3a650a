import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it came over the wire. */
  body: string;
}

/** What the receiver does with its n-th request (1-based): answer with a status code, or never answer. */
export type ReceiverPlan = (n: number) => number | 'hang';

/** A real HTTP receiver on loopback (port 0), recording every request it gets. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];

  private constructor(
    private readonly server: Server,
    public plan: ReceiverPlan,
  ) {}

  static async start(plan: ReceiverPlan): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server, plan);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.requests.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = receiver.plan(receiver.requests.length);
        if (answer === 'hang') return;
        res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/sla`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Answers the n-th request with codes[n-1], then with the last code. */
export const answers = (...codes: number[]): ReceiverPlan => (n) => codes[Math.min(n, codes.length) - 1];
