import { Role } from '../src/common/roles';
import { RevisionActivationService } from '../src/documents/revision-activation.service';
import { createTestApp, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';

/** Effective dates, review dates and times in answers stay UTC (as the OpenAPI document says), even on a session far from UTC. */
describe('effective dates and the scheduler (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let a1: TestUser;
  let a2: TestUser;
  const activateDue = () => t.app.get(RevisionActivationService).activateDue();
  const rev = async (id: string) => (await d.getRev(u.auditor, id).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({}, { sessionTimeZone: 'Pacific/Auckland' });
    u = await usersByRole(t);
    d = docs(t);
    a1 = await createUser(t, { roles: ['approver'] });
    a2 = await createUser(t, { roles: ['approver'] });
  });
  afterAll(() => t.close());

  it('runs on a database session that is not in UTC', async () => {
    const [row] = await t.ds.query<{ TimeZone: string }[]>('SHOW TimeZone');
    expect(row.TimeZone).toBe('Pacific/Auckland');
  });

  it('keeps a revision with a future effective date approved until the scheduler makes it effective', async () => {
    const doc = await d.create(u.quality_lead, { title: 'Later', reviewIntervalMonths: 6 });
    const revId = doc.draftRevisionId!;
    await d.approve(u.quality_lead, revId, [a1], '2099-01-01T00:00:00Z');
    expect(await rev(revId)).toMatchObject({
      status: 'approved',
      label: '1.0',
      effectiveFrom: '2099-01-01T00:00:00.000Z',
    });
    expect((await d.getDoc(u.admin, doc.id).expect(200)).body).toMatchObject({
      status: 'draft',
      currentRevisionId: null,
      draftRevisionId: revId,
      nextReviewDue: null,
    });
    await d.getRev(u.staff, revId).expect(404);
    expect(await activateDue()).toBe(0);
    expect((await rev(revId)).status).toBe('approved');

    await t.ds.query(`UPDATE revisions SET effective_from = '2020-03-15T08:00:00Z' WHERE id = $1`, [
      revId,
    ]);
    expect(await activateDue()).toBe(1);
    expect(await rev(revId)).toMatchObject({
      status: 'effective',
      effectiveFrom: '2020-03-15T08:00:00.000Z',
    });
    expect((await d.getDoc(u.staff, doc.id).expect(200)).body).toMatchObject({
      status: 'effective',
      currentRevisionId: revId,
      nextReviewDue: '2020-09-15',
    });
    const [event] = await d.audit(revId, 'revision.effective');
    expect(event).toMatchObject({ actorType: 'system', actorId: null });
    expect(await activateDue()).toBe(0);
  });

  it('supersedes the effective revision only when the scheduled one takes effect', async () => {
    const doc = await d.publish(u.quality_lead, a1, { title: 'Scheduled successor' });
    const next = (
      await d.newRevision(u.quality_lead, doc.id, { changeLevel: 'major', changeSummary: 'v2' })
    ).body.id as string;
    await d.approve(u.quality_lead, next, [a2], '2099-06-01');
    expect(await rev(next)).toMatchObject({ status: 'approved', label: '2.0' });
    expect((await rev(doc.revId)).status).toBe('effective');
    await d
      .newRevision(u.quality_lead, doc.id, { changeLevel: 'minor', changeSummary: 'x' })
      .expect(409); // the approved one is still open
    await t.ds.query(
      `UPDATE revisions SET effective_from = now() - interval '1 minute' WHERE id = $1`,
      [next],
    );
    expect(await activateDue()).toBe(1);
    expect((await rev(next)).status).toBe('effective');
    expect((await rev(doc.revId)).status).toBe('superseded');
  });

  it('takes a past effective date as given, with the review due that many months later', async () => {
    const doc = await d.create(u.quality_lead, { title: 'Backdated', reviewIntervalMonths: 1 });
    await d.approve(u.quality_lead, doc.draftRevisionId!, [a1], '2024-01-31');
    expect((await rev(doc.draftRevisionId!)).effectiveFrom).toBe('2024-01-31T00:00:00.000Z');
    expect((await d.getDoc(u.admin, doc.id).expect(200)).body.nextReviewDue).toBe('2024-02-29');
  });

  it('reads a date-only effective date as midnight UTC', async () => {
    const doc = await d.create(u.quality_lead, { title: 'Date only', reviewIntervalMonths: 12 });
    await d.approve(u.quality_lead, doc.draftRevisionId!, [a1], '2099-03-01');
    expect((await rev(doc.draftRevisionId!)).effectiveFrom).toBe('2099-03-01T00:00:00.000Z');
    const timed = await d.create(u.quality_lead, { title: 'Time without offset' });
    await d.approve(u.quality_lead, timed.draftRevisionId!, [a1], '2099-03-01T09:30:00');
    expect((await rev(timed.draftRevisionId!)).effectiveFrom).toBe('2099-03-01T09:30:00.000Z');
    const offset = await d.create(u.quality_lead, { title: 'Time with offset' });
    await d.approve(u.quality_lead, offset.draftRevisionId!, [a1], '2099-03-01T09:30:00+02:00');
    expect((await rev(offset.draftRevisionId!)).effectiveFrom).toBe('2099-03-01T07:30:00.000Z');
  });
});
