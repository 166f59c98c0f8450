import { Controller, Get, Header, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/decorators';
import { ProblemException } from '../common/problem';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/problem.filter';
import { databaseAnswers } from '../database/ping';
import { MetricsService } from './metrics.service';

/** prom-client's text format (its registry's contentType), parameters in the order Express gave them. */
const METRICS_TYPE = 'text/plain; charset=utf-8; version=0.0.4';

/** Health and metrics live at the root (not under /api/v1), where load balancers and Prometheus look. */
@ApiTags('health')
@Controller()
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health/live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'The database answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up' } } })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async ready(): Promise<{ status: string; database: string }> {
    if (!(await databaseAnswers(this.ds, 3000)))
      throw new ProblemException(503, 'not-ready', 'The database does not answer', {
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      });
    return { status: 'ok', database: 'up' };
  }

  @Get('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics (no business data: latency and process figures only)',
  })
  @ApiProduces('text/plain')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: FastifyReply): Promise<void> {
    res.type(METRICS_TYPE).send(await this.metrics.registry.metrics());
  }
}
