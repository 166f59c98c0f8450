import { DomainHooks } from '../src/common/domain-hooks';
import { Role } from '../src/common/roles';
import { OutboxDispatcherService } from '../src/notifications/outbox-dispatcher.service';
import { createTestApp, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { createDepartment, createUser, TestUser, usersByRole } from './helpers/factories';
import { training } from './helpers/training';

/**
 * A fan-out's notifications are written by the outbox dispatcher once the fan-out has
 * committed (not inside the publishing transaction): exactly one per assignment still
 * open, however often the outbox is dispatched.
 */
describe('assignment notifications (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let dispatcher: OutboxDispatcherService;

  const told = async (revisionId: string) =>
    t.ds.query<{ user_id: string; data: Record<string, unknown> }[]>(
      `SELECT user_id, data FROM notifications
        WHERE type = 'assignment.created' AND data->>'revisionId' = $1 ORDER BY user_id`,
      [revisionId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    dispatcher = t.app.get(OutboxDispatcherService);
    dispatcher.stopSchedule(); // this test dispatches by hand
  });
  afterAll(() => t.close());

  it('notifies each open assignment once, after the fan-out commits', async () => {
    const d = docs(t);
    const tr = training(t);
    const dept = await createDepartment(t);
    const crowd = await Promise.all(
      Array.from({ length: 5 }, () => createUser(t, { departmentIds: [dept.id] })),
    );
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Told later' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], dueInDays: 14 });
    const assigned = await tr.assignments(doc.revId);
    expect(assigned).toHaveLength(5);
    expect(await told(doc.revId)).toEqual([]); // not in the publishing transaction

    // One of them reads it before the dispatcher runs: no reminder for a finished assignment.
    await tr.ack(crowd[0], doc.revId).expect(201);
    await dispatcher.dispatch();
    const notes = await told(doc.revId);
    expect(notes.map((n) => n.user_id)).toEqual(
      crowd
        .slice(1)
        .map((c) => c.id)
        .sort(),
    );
    for (const n of notes) {
      const mine = assigned.find((a) => a.user_id === n.user_id)!;
      expect(n.data).toEqual({
        revisionId: doc.revId,
        documentId: doc.id,
        dueAt: mine.due_at.toISOString(),
      });
    }
    await dispatcher.dispatch();
    expect(await told(doc.revId)).toHaveLength(4); // dispatched once, handled once

    // A late joiner's fan-out tells only the late joiner.
    const late = await createUser(t, { departmentIds: [dept.id] });
    await dispatcher.dispatch();
    expect((await told(doc.revId)).map((n) => n.user_id)).toContain(late.id);
    expect(await told(doc.revId)).toHaveLength(5);
  });

  it('a failing handler is logged and skipped: the outbox keeps moving', async () => {
    const seen: string[] = [];
    const hooks = t.app.get(DomainHooks);
    hooks.afterCommit('test.failing', () => Promise.reject(new Error('handler broke')));
    hooks.afterCommit('test.failing', async (em, event) => {
      // Runs after the failure, in the same transaction, which still commits.
      await em.query('SELECT 1');
      seen.push(event.id);
    });
    const [{ id }] = await t.ds.query<{ id: string }[]>(
      `INSERT INTO outbox (event_id, type, occurred_at, data)
       VALUES (gen_random_uuid(), 'test.failing', now(), '{}') RETURNING event_id AS id`,
    );
    await dispatcher.dispatch();
    expect(seen).toEqual([id]);
    const [row] = await t.ds.query<{ dispatched: boolean }[]>(
      'SELECT dispatched_at IS NOT NULL AS dispatched FROM outbox WHERE event_id = $1',
      [id],
    );
    expect(row.dispatched).toBe(true);
  });
});
