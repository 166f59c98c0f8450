import { Logger } from '@nestjs/common';
import pino from 'pino';
import { PinoNestLogger } from './logger';

/** A PinoNestLogger writing into an array of parsed lines, installed as Nest's logger. */
function capture(level = 'info'): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) };
  Logger.overrideLogger(new PinoNestLogger(pino({ level }, stream)));
  return lines;
}

describe('PinoNestLogger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('writes Nest log calls as pino lines with their context', () => {
    const lines = capture();
    const log = new Logger('Bootstrap');
    log.log('seeded the demo organisation');
    log.warn('two words', 'Elsewhere');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        context: 'Bootstrap',
        msg: 'seeded the demo organisation',
      }),
      expect.objectContaining({ level: 40, context: 'Bootstrap', msg: 'two words Elsewhere' }),
    ]);
  });

  it('merges an object first, and serialises an error in it', () => {
    const lines = capture();
    new Logger('AuditSealer').error({ err: new Error('db down'), batch: 3 }, 'sealing failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'AuditSealer',
      batch: 3,
      msg: 'sealing failed',
      err: { type: 'Error', message: 'db down' },
    });
    expect((lines[0].err as { stack: string }).stack).toContain('db down');
  });

  it("keeps the stack Nest's own exception handler passes as a string", () => {
    const lines = capture();
    new Logger('ExceptionsHandler').error('boom', 'Error: boom\n    at somewhere (x.js:1:1)');
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ExceptionsHandler',
      msg: 'boom',
      err: { message: 'boom', stack: 'Error: boom\n    at somewhere (x.js:1:1)' },
    });
  });

  it('writes nothing below its level', () => {
    const lines = capture('warn');
    const log = new Logger('Quiet');
    log.log('not this');
    log.debug('nor this');
    log.error('this');
    expect(lines.map((l) => l.msg)).toEqual(['this']);
  });
});

describe('PinoNestLogger, other argument shapes', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('keeps an error given after the message, and an error given alone with its text', () => {
    const lines = capture();
    const log = new Logger('Scheduler');
    log.error('job failed', new Error('timeout'));
    log.error(new Error('cron crashed'));
    log.warn('count', 3);
    new Logger().warn('no context', 7);
    expect(lines[0]).toMatchObject({ msg: 'job failed', err: { message: 'timeout' } });
    expect(lines[1]).toMatchObject({ msg: 'cron crashed', err: { message: 'cron crashed' } });
    expect(lines[2]).toMatchObject({ msg: 'count', extra: [3], context: 'Scheduler' });
    expect(lines[3]).toMatchObject({ msg: 'no context', extra: [7] });
    expect(lines[3].context).toBeUndefined();
  });
});
