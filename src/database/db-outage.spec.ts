import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, OutageLog } from './db-outage';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['socket file gone', withCode('ENOENT', 'connect ENOENT /data/pg/.s.PGSQL.25432')],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('timeout exceeded when trying to connect')],
    ['admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['starting up', withCode('57P03', 'the database system is starting up')],
    ['too many', withCode('53300', 'sorry, too many clients already')],
    [
      'closed database',
      withCode('55000', 'database "praxis" is not currently accepting connections'),
    ],
    [
      'in a QueryFailedError',
      new QueryFailedError('SELECT 1', [], withCode('57P01', 'terminating connection')),
    ],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED')], '')],
  ])('%s: yes', (_name, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('23505', 'duplicate key'))],
    ['another 55000', withCode('55000', 'cannot refresh materialized view concurrently')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('%s: no', (_name, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});

describe('OutageLog', () => {
  const make = () => {
    const calls: [string, unknown, unknown][] = [];
    const log = {
      log: (m: unknown, t: unknown) => calls.push(['log', m, t]),
      warn: (m: unknown, t: unknown) => calls.push(['warn', m, t]),
      error: (m: unknown, t: unknown) => calls.push(['error', m, t]),
    };
    return { calls, outage: new OutageLog(log, 'sealer') };
  };

  it('logs one warning per outage and one line when it ends', async () => {
    const { calls, outage } = make();
    for (let i = 0; i < 5; i++)
      await outage.run('sealing failed', () => Promise.reject(withCode('ECONNREFUSED')));
    await outage.run('sealing failed', () => Promise.resolve());
    await outage.run('sealing failed', () => Promise.resolve());
    await outage.run('sealing failed', () => Promise.reject(withCode('ECONNREFUSED')));
    expect(calls.map(([level]) => level)).toEqual(['warn', 'log', 'warn']);
    expect(calls[0][1]).toEqual({ worker: 'sealer', reason: 'ECONNREFUSED: x' });
  });

  it('logs any other failure as an error, every time', async () => {
    const { calls, outage } = make();
    const bug = new TypeError('oops');
    await outage.run('sealing failed', () => Promise.reject(bug));
    await outage.run('sealing failed', () => Promise.reject(bug));
    expect(calls).toEqual([
      ['error', { err: bug }, 'sealing failed'],
      ['error', { err: bug }, 'sealing failed'],
    ]);
  });
});
