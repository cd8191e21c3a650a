import autocannon from 'autocannon';
import { type RequestSpec } from './workloads';

/**
 * The load generator, run as a process of its own (so its CPU is not the server's): drives one
 * server with autocannon and prints the result as one line of JSON.
 * argv[2]: JSON { url, requests, headers, connections, duration, keyPrefix?, keyCount? }.
 * Requests are sent round robin; __KEY__ in a body becomes `${keyPrefix}-${i}` with i counting
 * up (fresh keys), or i modulo keyCount (replaying the keys of an earlier run).
 */
export interface DriverInput {
  url: string;
  requests: RequestSpec[];
  headers: Record<string, string>;
  connections: number;
  duration: number;
  keyPrefix?: string;
  keyCount?: number;
  /** Seconds a request may take before it counts as an error (autocannon's default: 10). */
  timeout?: number;
}

export interface DriverResult {
  /** Answers received in the time. */
  requests: number;
  /** Requests sent (the last ones may be answered after the time is up, still costing the server). */
  sent: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  durationMs: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]) as DriverInput;
  let i = 0;
  const started = Date.now();
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.duration,
    timeout: input.timeout ?? 10,
    headers: input.headers,
    requests: [
      {
        setupRequest: (req) => {
          const spec = input.requests[i % input.requests.length];
          const key = `${input.keyPrefix ?? 'k'}-${input.keyCount ? i % input.keyCount : i}`;
          i += 1;
          return { ...req, method: spec.method, path: spec.path, body: spec.body?.replace('__KEY__', key) };
        },
      },
    ],
  });
  const out: DriverResult = {
    requests: result.requests.total,
    sent: i,
    rps: result.requests.total / ((Date.now() - started) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    durationMs: Date.now() - started,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
