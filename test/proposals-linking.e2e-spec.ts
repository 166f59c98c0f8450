import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/roles';
import { Principal } from '../src/common/principal';
import { RevisionActivationService } from '../src/documents/revision-activation.service';
import { ProposalsService } from '../src/proposals/proposals.service';
import { createTestApp, TestApp } from './helpers/app';
import { Doc, docs, sopBody } from './helpers/documents';
import { TestUser, usersByRole } from './helpers/factories';
import { Proposal, proposals } from './helpers/proposals';

const principal = (user: TestUser): Principal => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
  apiKeyId: null,
  actor: { type: 'user', id: user.id },
});

describe('improvement proposals: numbering, filters, revisions and deviations (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let p: ReturnType<typeof proposals>;
  let doc: Doc & { revId: string };

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    p = proposals(t);
    doc = await d.publish(u.quality_lead, u.approver, { title: 'Goods receipt' });
  });
  afterAll(() => t.close());

  it('numbers proposals IP-0001, IP-0002, … with no duplicates under concurrency', async () => {
    expect((await p.open(u.staff, { documentId: doc.id })).number).toBe('IP-0001');
    expect((await p.open(u.approver, { documentId: doc.id })).number).toBe('IP-0002');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        p.raise(i % 2 ? u.staff : u.quality_lead, { kind: 'new_procedure', title: `Idea ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(
      Array.from({ length: 10 }, (_, i) => `IP-${String(i + 3).padStart(4, '0')}`),
    );
  });

  it('filters by status, kind, document and overdue, and pages with a cursor', async () => {
    const other = await d.publish(u.quality_lead, u.approver, { title: 'Filters' });
    const late = await p.open(u.staff, { documentId: other.id, kind: 'error' });
    const lateInReview = await p.inStatus('under_review', u.staff, u.quality_lead, {
      documentId: other.id,
    });
    const lateButDecided = await p.inStatus('accepted', u.staff, u.quality_lead, {
      documentId: other.id,
    });
    const onTime = await p.open(u.staff, { documentId: other.id });
    await t.ds.query(
      `UPDATE proposals SET triage_due_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[late.id, lateInReview.id, lateButDecided.id]],
    );
    const ids = async (user: TestUser, query: string) =>
      ((await p.list(user, query).expect(200)).body.items as { id: string }[]).map((i) => i.id);
    const byDoc = `documentId=${other.id}`;
    expect(await ids(u.quality_lead, `?overdue=true&${byDoc}`)).toEqual([late.id, lateInReview.id]);
    expect(await ids(u.quality_lead, `?overdue=true`)).toEqual([late.id, lateInReview.id]);
    expect(await ids(u.staff, `?overdue=false&${byDoc}`)).toEqual([lateButDecided.id, onTime.id]);
    expect(await ids(u.auditor, `?${byDoc}`)).toEqual([
      late.id,
      lateInReview.id,
      lateButDecided.id,
      onTime.id,
    ]);
    expect(await ids(u.auditor, `?${byDoc}&status=under_review`)).toEqual([lateInReview.id]);
    expect(await ids(u.auditor, `?${byDoc}&kind=error`)).toEqual([late.id]);
    expect(await ids(u.approver, `?${byDoc}`)).toEqual([]);
    const overdue = (await p.get(u.staff, late.id).expect(200)).body;
    expect(overdue.overdue).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await p
          .list(u.quality_lead, `?${byDoc}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([late.id, lateInReview.id, lateButDecided.id, onTime.id]);
    await p.list(u.quality_lead, '?cursor=garbage').expect(400);
  });

  it('implements the accepted proposals linked to a revision when it becomes effective', async () => {
    const a = await p.inStatus('accepted', u.staff, u.quality_lead, {
      documentId: doc.id,
      title: 'A',
    });
    const b = await p.inStatus('accepted', u.approver, u.quality_lead, {
      documentId: doc.id,
      title: 'B',
    });
    const c = await p.inStatus('under_review', u.staff, u.quality_lead, {
      documentId: doc.id,
      title: 'C',
    });
    const elsewhere = await d.publish(u.quality_lead, u.approver, { title: 'Elsewhere' });
    const foreign = await p.inStatus('accepted', u.staff, u.quality_lead, {
      documentId: elsewhere.id,
    });
    const unlinked = await p.open(u.staff, { kind: 'new_procedure' });
    for (const proposalIds of [[a.id, foreign.id], [randomUUID()], [unlinked.id]]) {
      const res = await d.newRevision(u.quality_lead, doc.id, {
        changeLevel: 'minor',
        changeSummary: 'x',
        proposalIds,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'proposalIds', message: expect.any(String) }]);
    }
    const created = await d
      .newRevision(u.quality_lead, doc.id, {
        changeLevel: 'minor',
        changeSummary: 'Returns',
        proposalIds: [a.id, b.id, c.id],
      })
      .expect(201);
    const revId = created.body.id as string;
    expect(created.body.proposalIds).toEqual([a.id, b.id, c.id]);
    await d.edit(u.quality_lead, revId, sopBody('Warehouse inspects returns.'));
    await d.submit(u.quality_lead, revId, { approverIds: [u.approver.id] }).expect(200);
    expect((await p.get(u.staff, a.id).expect(200)).body.status).toBe('accepted'); // not yet
    await d.sign(u.approver, revId, 'approved').expect(201);

    const history = (await d.history(u.quality_lead, doc.id).expect(200)).body.items;
    expect(history[0]).toMatchObject({
      id: revId,
      status: 'effective',
      label: '1.1',
      proposalIds: [a.id, b.id, c.id],
    });
    for (const done of [a, b]) {
      const got = (await p.get(u.quality_lead, done.id).expect(200)).body;
      expect(got).toMatchObject({
        status: 'implemented',
        implementedByRevisionId: revId,
        implementedAt: expect.any(String),
      });
      expect(got.timeline.at(-1)).toMatchObject({
        type: 'transition',
        from: 'accepted',
        to: 'implemented',
        actorId: u.approver.id,
        comment: `Implemented by ${doc.number} revision 1.1`,
      });
      const [audit] = await d.audit(done.id, 'proposal.transitioned');
      expect(audit).toMatchObject({
        actorId: u.approver.id,
        data: { from: 'accepted', to: 'implemented', revisionId: revId },
      });
    }
    expect((await p.get(u.staff, c.id).expect(200)).body.status).toBe('under_review');
    expect((await p.get(u.staff, foreign.id).expect(200)).body.status).toBe('accepted');
    const [latest] = (await p.notifications(u.staff)).filter((n) => n.data.proposalId === a.id);
    expect(latest).toMatchObject({
      type: 'proposal.transitioned',
      data: { proposalId: a.id, number: a.number, from: 'accepted', to: 'implemented' },
    });
    // b's submitter is the approver who made the revision effective: not told of their own step.
    expect(
      (await p.notifications(u.approver)).filter(
        (n) => n.data.proposalId === b.id && n.data.to === 'implemented',
      ),
    ).toEqual([]);
  });

  it('implements them as the system when the scheduled job makes the revision effective', async () => {
    const proposal = await p.inStatus('accepted', u.staff, u.quality_lead, { documentId: doc.id });
    const rev = await d
      .newRevision(u.quality_lead, doc.id, {
        changeLevel: 'minor',
        changeSummary: 'Later',
        proposalIds: [proposal.id],
      })
      .expect(201);
    await d.edit(u.quality_lead, rev.body.id, sopBody('Later text.'));
    await d.approve(u.quality_lead, rev.body.id, [u.approver], '2099-01-01');
    expect((await p.get(u.staff, proposal.id).expect(200)).body.status).toBe('accepted');
    await t.ds.query(
      `UPDATE revisions SET effective_from = now() - interval '1 minute' WHERE id = $1`,
      [rev.body.id],
    );
    expect(await t.app.get(RevisionActivationService).activateDue()).toBe(1);
    const got = (await p.get(u.staff, proposal.id).expect(200)).body;
    expect(got.status).toBe('implemented');
    expect(got.timeline.at(-1)).toMatchObject({ to: 'implemented', actorId: null });
    const [audit] = await d.audit(proposal.id, 'proposal.transitioned');
    expect(audit).toMatchObject({ actorType: 'system', actorId: null });
    const [latest] = (await p.notifications(u.staff)).filter(
      (n) => n.data.proposalId === proposal.id,
    );
    expect(latest.data).toMatchObject({ from: 'accepted', to: 'implemented' });
  });

  it('opens a practice deviation inside the caller’s transaction, and rolls back with it', async () => {
    const service = t.app.get(ProposalsService);
    const input = {
      documentId: doc.id,
      revisionId: doc.revId,
      comment: 'We scan, we do not sign.',
    };
    const count = async () =>
      (await t.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM proposals'))[0].n;
    const before = await count();
    let rolledBack = '';
    await expect(
      t.ds.transaction(async (em) => {
        rolledBack = await service.openPracticeDeviation(em, principal(u.staff), input);
        const [row] = await em.query('SELECT kind, status FROM proposals WHERE id = $1', [
          rolledBack,
        ]);
        expect(row).toEqual({ kind: 'practice_deviation', status: 'submitted' });
        throw new Error('the acknowledgement failed');
      }),
    ).rejects.toThrow('the acknowledgement failed');
    expect(await count()).toBe(before);
    await p.get(u.quality_lead, rolledBack).expect(404);
    expect(await d.audit(rolledBack, 'proposal.created')).toEqual([]);
    const told = await t.ds.query(`SELECT 1 FROM notifications WHERE data->>'proposalId' = $1`, [
      rolledBack,
    ]);
    expect(told).toEqual([]);

    const id = await t.ds.transaction((em) =>
      service.openPracticeDeviation(em, principal(u.staff), input),
    );
    const got = (await p.get(u.staff, id).expect(200)).body as Proposal;
    expect(got).toMatchObject({
      number: `IP-${String(before + 1).padStart(4, '0')}`, // the rolled-back number was given back
      kind: 'practice_deviation',
      status: 'submitted',
      documentId: doc.id,
      revisionId: doc.revId,
      submitterId: u.staff.id,
      assigneeId: u.quality_lead.id,
      description: 'We scan, we do not sign.',
      watcherIds: [u.staff.id],
    });
    expect(got.title).toContain(doc.number);
    expect(await d.audit(id, 'proposal.created')).toHaveLength(1);
    const [created] = (await p.notifications(u.quality_lead)).filter(
      (n) => n.data.proposalId === id,
    );
    expect(created).toMatchObject({
      type: 'proposal.created',
      data: { proposalId: id, number: got.number },
    });

    await expect(
      service.openPracticeDeviation(t.ds.manager, principal(u.staff), input),
    ).rejects.toThrow(/transaction/);
    await expect(
      t.ds.transaction((em) =>
        service.openPracticeDeviation(em, principal(u.staff), {
          ...input,
          documentId: randomUUID(),
        }),
      ),
    ).rejects.toThrow('Revision not found');
  });
});
