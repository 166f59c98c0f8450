import { Gate } from './gate';

describe('Gate.tryRun', () => {
  it('answers FULL at once when the queue is full, and runs the task once a slot is free', async () => {
    const gate = new Gate(1, 1);
    let release!: () => void;
    const first = gate.run(() => new Promise<string>((r) => (release = () => r('first'))));
    const queued = gate.tryRun(() => Promise.resolve('queued'));
    await expect(gate.tryRun(() => Promise.resolve('refused'))).resolves.toBe(Gate.FULL);
    release();
    await expect(first).resolves.toBe('first');
    await expect(queued).resolves.toBe('queued');
    await expect(gate.tryRun(() => Promise.resolve('later'))).resolves.toBe('later');
  });
});
