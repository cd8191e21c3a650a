import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * How long a wait may last before it fails naming what it waited for. A hang guard only: what
 * is awaited arrives in milliseconds, and a machine many times slower must still pass.
 */
export const HANG_GUARD_MS = 60_000;

/** Waits for `promise`, failing with `what` after `ms` (never a fixed sleep: it resolves as soon as the thing happens). */
export async function within<T>(promise: Promise<T>, what: string, ms = HANG_GUARD_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every few milliseconds until it holds. */
export async function until(check: () => boolean, what: string, ms = HANG_GUARD_MS): Promise<void> {
  await within(
    (async () => {
      while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
    })(),
    what,
    ms,
  );
}

export interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client as a frontend would open it, with what it received kept for the test. */
export class LiveClient {
  readonly client: Client;
  /** Resolves with the close code once the server closes the socket. */
  readonly closed: Promise<Closed>;

  constructor(httpUrl: string, authorization?: string, connectionParams?: Record<string, unknown>) {
    let onClosed!: (c: Closed) => void;
    this.closed = new Promise((resolve) => {
      onClosed = resolve;
    });
    this.client = createClient({
      url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: connectionParams ?? (authorization ? { authorization } : {}),
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: { closed: (event) => onClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason ?? '') }) },
    });
  }

  subscribe<T = any>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
    return new LiveSubscription<T>(this.client, query, variables);
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}

/** One subscription: its results in order, awaited one by one. */
export class LiveSubscription<T> {
  private readonly received: FormattedExecutionResult<T, unknown>[] = [];
  private waiter: (() => void) | null = null;
  private failure: unknown = null;
  completed = false;
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown>) {
    const wake = () => {
      const w = this.waiter;
      this.waiter = null;
      w?.();
    };
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          this.received.push(result);
          wake();
        },
        error: (error) => {
          this.failure = error;
          wake();
        },
        complete: () => {
          this.completed = true;
          wake();
        },
      },
    );
  }

  /** The next result (data or errors), or a failure after the timeout (a result arriving later stays for the next call). */
  async next(what = 'the next event', ms = HANG_GUARD_MS): Promise<FormattedExecutionResult<T, unknown>> {
    let gaveUp = false;
    try {
      return await within(
        (async () => {
          for (;;) {
            if (gaveUp) throw new Error('gave up');
            const result = this.received.shift();
            if (result) return result;
            if (this.failure) throw this.failure instanceof Error ? this.failure : new Error(`subscription failed: ${JSON.stringify(this.failure)}`);
            if (this.completed) throw new Error('the subscription completed');
            await new Promise<void>((resolve) => {
              this.waiter = resolve;
            });
          }
        })(),
        what,
        ms,
      );
    } finally {
      gaveUp = true;
    }
  }

  /** The data of the next result; fails on errors. */
  async nextData(what?: string, ms?: number): Promise<T> {
    const result = await this.next(what, ms);
    if (result.errors?.length) throw new Error(`subscription errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  get pending(): number {
    return this.received.length;
  }
}
