import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Header,
  Injectable,
  Module,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { cpuMs, fmt, target } from './lib';

/**
 * npm run bench:http-stack — the Fastify question, measured: the same Nest module (a
 * global guard that reads a bearer token from a map, as a cached principal does; a UUID
 * pipe; an HTML route sending 7 KB from memory with the HTML route's headers; a JSON
 * route of five revision-like objects) on Nest's Express adapter and on its Fastify
 * adapter, each in a child process, 64 connections, in one run. No database: what is
 * measured is what the HTTP stack costs per request. Prints both, the ratio, and the
 * CPU per request of each.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
type Stack = 'express' | 'fastify';
const TOKEN = 'bench-token';
const IDS: string[] = Array.from({ length: 1_000 }, () => randomUUID());

/** A string: Nest's Express adapter would send a Buffer returned by a handler as JSON. */
const HTML =
  '<h2 id="purpose">Purpose</h2>\n' +
  '<p>The procedure is carried out and checked.</p>\n'.repeat(150);
const REVISIONS = Array.from({ length: 5 }, (_, i) => ({
  id: randomUUID(),
  label: `${i + 1}.0`,
  status: i === 4 ? 'effective' : 'superseded',
  changeSummary: `Bench revision ${i + 1}`,
  createdAt: new Date(Date.UTC(2026, i, 1)).toISOString(),
  signatures: [{ id: randomUUID(), meaning: 'approved', signerName: 'Bench Approver' }],
}));

@Injectable()
class BearerGuard implements CanActivate {
  private readonly principals = new Map([[TOKEN, { userId: randomUUID(), roles: ['staff'] }]]);

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string>; user?: unknown }>();
    const user = this.principals.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!user) throw new UnauthorizedException();
    req.user = user;
    return true;
  }
}

@Controller('api/v1')
class ReadController {
  private readonly known = new Set<string>(IDS);

  @Get('revisions/:id/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'")
  @Header('X-Content-Type-Options', 'nosniff')
  html(@Param('id', new ParseUUIDPipe()) id: string): string {
    if (!this.known.has(id)) throw new NotFoundException();
    return HTML;
  }

  @Get('documents/:id/revisions')
  history(@Param('id', new ParseUUIDPipe()) id: string): unknown {
    if (!this.known.has(id)) throw new NotFoundException();
    return { items: REVISIONS, nextCursor: null };
  }
}

@Module({
  controllers: [ReadController],
  providers: [{ provide: APP_GUARD, useClass: BearerGuard }],
})
class StackModule {}

async function serve(stack: Stack): Promise<void> {
  const adapter = stack === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(StackModule, adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`stack listening on ${port}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

async function start(stack: Stack): Promise<{ pid: number; base: string; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, [__filename], {
    env: { ...process.env, BENCH_STACK: stack, BENCH_STACK_IDS: IDS.join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      const m = /stack listening on (\d+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`${stack} exited with ${code}`)));
  });
  return {
    pid: proc.pid!,
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

async function load(base: string, pid: number, route: (id: string) => string) {
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      headers: { authorization: `Bearer ${TOKEN}` },
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: route(IDS[Math.floor(Math.random() * IDS.length)]),
          }),
        },
      ],
    });
  await run(WARMUP);
  const before = cpuMs(pid);
  const r = await run(DURATION);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
    cpuMs: (cpuMs(pid) - before) / Math.max(1, r['2xx']),
  };
}

async function main(): Promise<void> {
  console.log(
    `bench:http-stack — Nest on Express vs Nest on Fastify, same module, ${CONNECTIONS} connections, ` +
      `${DURATION} s per run; ${cpus().length} CPUs, load average ${fmt(loadavg()[0], 1)}`,
  );
  const routes = {
    html: (id: string) => `/api/v1/revisions/${id}/html`,
    history: (id: string) => `/api/v1/documents/${id}/revisions`,
  };
  for (const [name, route] of Object.entries(routes)) {
    const figures: Partial<Record<Stack, Awaited<ReturnType<typeof load>>>> = {};
    for (const stack of ['express', 'fastify'] as const) {
      const s = await start(stack);
      try {
        figures[stack] = await load(s.base, s.pid, route);
      } finally {
        await s.stop();
      }
      const f = figures[stack];
      console.log(
        `${name.padEnd(8)} ${stack.padEnd(8)} ${fmt(f.rps).padStart(7)} req/s   p99 ${fmt(f.p99).padStart(4)} ms   ` +
          `CPU ${fmt(f.cpuMs, 3)} ms/req${f.bad ? `   (${fmt(f.bad)} failed!)` : ''}`,
      );
    }
    const e = figures.express!;
    const f = figures.fastify!;
    const saved = e.cpuMs - f.cpuMs;
    console.log(
      `${name.padEnd(8)} Fastify at ${fmt((f.rps / e.rps) * 100)} % of Express's requests/s; ` +
        `saves ${fmt(saved, 3)} ms CPU per request (${fmt((saved / e.cpuMs) * 100)} %) ` +
        `(a clear win, ≥ 25 % less CPU: ${target(saved / e.cpuMs >= 0.25)})`,
    );
  }
}

if (process.env.BENCH_STACK) {
  IDS.splice(0, IDS.length, ...(process.env.BENCH_STACK_IDS ?? '').split(','));
  void serve(process.env.BENCH_STACK as Stack);
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
