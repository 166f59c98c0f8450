import type { LoggerService } from '@nestjs/common';

/** Socket errors of a server that is away (ENOENT: the embedded cluster's socket file is gone). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ENOENT',
]);

/**
 * SQLSTATEs of a server that is there but will not serve: connection exceptions (class 08),
 * shutting down or starting (57P01-57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;

/**
 * What node-postgres says when a connection dies or never comes up, and the one 55000
 * (a broad SQLSTATE) that is an outage: a database closed with ALLOW_CONNECTIONS false.
 */
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|not currently accepting connections|the database system is (shutting down|starting up|in recovery mode)|Connection refused/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether an error means "PostgreSQL cannot be reached right now" rather than a bug or bad
 * input: TypeORM's QueryFailedError (its driverError), node-postgres' own errors, and Node's
 * AggregateError of a host with several addresses are all looked into.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as ErrorLike;
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.test(e.code)) return true;
  }
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => isDatabaseUnavailable(n, depth + 1));
}

/** A short reason for the log: the code and first line, never a stack. */
export function outageReason(err: unknown): string {
  const e = (err ?? {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  return [code, message.split('\n')[0]].filter(Boolean).join(': ');
}

/**
 * The log of one background worker across database outages: while PostgreSQL is away
 * the worker keeps ticking (and so recovers by itself when it returns), but logs one
 * warning when the outage starts and one line when it ends — not a stack trace per tick.
 * Any other failure is logged as an error every time, as before.
 */
export class OutageLog {
  private down = false;

  constructor(
    private readonly log: LoggerService,
    /** The worker, as the log lines name it. */
    private readonly worker: string,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  /** A run failed: `message` and the error when it is a bug, one warning per outage otherwise. */
  failed(err: unknown, message: string, fields: Record<string, unknown> = {}): void {
    if (!isDatabaseUnavailable(err)) {
      this.log.error({ err, ...fields }, message);
      return;
    }
    if (this.down) return;
    this.down = true;
    this.log.warn(
      { worker: this.worker, reason: outageReason(err) },
      `${this.worker}: the database is unavailable; retrying until it is back`,
    );
  }

  /** A run went through: logs the recovery once. */
  ok(): void {
    if (!this.down) return;
    this.down = false;
    this.log.log({ worker: this.worker }, `${this.worker}: the database is back; resumed`);
  }

  /** Runs one tick of the worker, logging its failure (or recovery) as above. */
  async run(message: string, tick: () => Promise<unknown>): Promise<void> {
    try {
      await tick();
      this.ok();
    } catch (err) {
      this.failed(err, message);
    }
  }
}
