import { connect, createServer, type Server, type Socket } from 'node:net';
import { type AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut, as a database host that stops, a
 * network that drops, or a server that accepts connections but never answers would.
 * - `forward`: passes bytes both ways (the database is fine);
 * - `down`: closes every open connection and refuses new ones (the host is gone: ECONNREFUSED);
 * - `silent`: closes every open connection and accepts new ones without ever answering (the pool's
 *   connect timeout).
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Connections accepted while silent: never answered, and cut when the proxy forwards again. */
  private readonly unanswered = new Set<Socket>();
  private mode: 'forward' | 'silent' = 'forward';

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const proxy = new TcpProxy(target, port);
    await proxy.listen();
    return proxy;
  }

  /** A postgres:// URL like `url`, through this proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => {
      this.track(client);
      if (this.mode === 'silent') {
        this.unanswered.add(client);
        client.on('close', () => this.unanswered.delete(client));
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  private cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Drops every connection and refuses new ones. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.cutAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops every connection; new ones are accepted and never answered. */
  async silent(): Promise<void> {
    this.mode = 'silent';
    this.cutAll();
    if (!this.server) await this.listen();
  }

  /** Forwards again (on the same port); connections left unanswered while silent are cut. */
  async up(): Promise<void> {
    this.mode = 'forward';
    for (const socket of this.unanswered) socket.destroy();
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    await this.down();
  }
}
