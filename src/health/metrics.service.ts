import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JobRunner, JobStats } from '../common/jobs';
import { WEB_APP_ROUTE } from '../web-app/serve-web-app';

/**
 * Prometheus metrics: process defaults, an HTTP latency histogram by route pattern, and
 * per background job (common/jobs.ts) its runs, failures and last run, read at scrape time.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(private readonly jobs: JobRunner) {
    collectDefaultMetrics({ register: this.registry });
    this.jobCounter('job_runs_total', 'Runs of each background job', (j) => j.runs);
    this.jobCounter('job_failures_total', 'Failed runs of each background job', (j) => j.failures);
    const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
    this.jobGauge('job_last_run_timestamp_seconds', 'When the last run started', (j) =>
      seconds(j.lastRunAt),
    );
    this.jobGauge('job_last_duration_seconds', 'How long the last run took', (j) =>
      seconds(j.lastDurationMs),
    );
    this.jobGauge('job_last_failure_timestamp_seconds', 'When the last failed run started', (j) =>
      seconds(j.lastFailureAt),
    );
  }

  private jobCounter(name: string, help: string, value: (j: JobStats) => number): void {
    const jobs = this.jobs;
    new Counter({
      name,
      help,
      labelNames: ['job'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const j of jobs.stats()) this.inc({ job: j.name }, value(j));
      },
    });
  }

  private jobGauge(name: string, help: string, value: (j: JobStats) => number | null): void {
    const jobs = this.jobs;
    new Gauge({
      name,
      help,
      labelNames: ['job'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const j of jobs.stats()) {
          const v = value(j);
          if (v !== null) this.set({ job: j.name }, v);
        }
      },
    });
  }

  /**
   * Observes every answer (a Fastify onResponse hook); the route label is the matched
   * pattern, so ids don't explode cardinality. The web app's catch-all and unknown paths
   * are `unmatched`.
   */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url;
      this.http.observe(
        {
          method: request.method,
          route: route && route !== WEB_APP_ROUTE ? route : 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
