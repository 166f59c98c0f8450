import { Gate } from '../common/gate';
import { PasswordService } from './password.service';

describe('Gate', () => {
  it('runs at most `limit` tasks at once and every task in arrival order', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const release: (() => void)[] = [];
    const results = Array.from({ length: 6 }, (_, i) =>
      gate.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((r) => release.push(r));
        running--;
        return i;
      }),
    );
    for (let done = 0; done < 6; done++) {
      while (release.length === 0) await new Promise((r) => setImmediate(r));
      expect(running).toBeLessThanOrEqual(2);
      release.shift()!();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets the next task in when one fails', async () => {
    const gate = new Gate(1);
    const failed = gate.run(() => Promise.reject(new Error('boom')));
    const next = gate.run(() => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});

describe('PasswordService', () => {
  it('verifies through the gate: right and wrong passwords, a malformed hash', async () => {
    const passwords = new PasswordService();
    const hash = await passwords.hash('correct horse battery');
    const checks = await Promise.all([
      passwords.verify(hash, 'correct horse battery'),
      passwords.verify(hash, 'wrong'),
      passwords.verify('not-a-hash', 'correct horse battery'),
      passwords.verify(hash, 'correct horse battery'),
    ]);
    expect(checks).toEqual([true, false, false, true]);
  });
});
