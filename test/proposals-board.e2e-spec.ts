import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, Doc, docs, PROBLEM } from './helpers/documents';
import { createUser, patchUser, TestUser, usersByRole } from './helpers/factories';
import { proposals } from './helpers/proposals';

/** What the proposals board and page need: names, the assignee filter, reassigning. */
describe('proposals for the board: names, assignee filter, reassigning (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let p: ReturnType<typeof proposals>;
  let doc: Doc;

  const assign = (user: TestUser, id: string, body: Record<string, unknown>) =>
    request(t.http)
      .patch(api(`/proposals/${id}`))
      .set(auth(user))
      .send(body);
  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    p = proposals(t);
    doc = await d.publish(u.quality_lead, u.approver, { title: 'Customer returns' });
  });
  afterAll(() => t.close());

  it('names the submitter, the assignee, the document and each actor of the timeline', async () => {
    const submitter = await createUser(t, { roles: ['staff'], name: 'Sam Submitter' });
    const raised = await p.open(submitter, { documentId: doc.id, title: 'Name it' });
    expect(raised).toMatchObject({
      submitterName: 'Sam Submitter',
      assigneeName: u.quality_lead.name,
      documentTitle: 'Customer returns',
      documentNumber: doc.number,
    });
    await p.move(u.quality_lead, raised.id, 'under_review').expect(200);
    const comment = (await p.comment(submitter, raised.id, 'More detail.').expect(201)).body;
    expect(comment.actorName).toBe('Sam Submitter');
    const got = (await p.get(submitter, raised.id).expect(200)).body;
    expect(got.timeline.map((e: { actorName: string }) => e.actorName)).toEqual([
      u.quality_lead.name,
      'Sam Submitter',
    ]);
    const listed = (await p.list(submitter).expect(200)).body.items[0];
    expect(listed).toMatchObject({ submitterName: 'Sam Submitter', documentTitle: doc.title });

    const unassigned = await p.open(u.staff, { kind: 'new_procedure', title: 'New one' });
    expect(unassigned).toMatchObject({ assigneeName: null, documentTitle: null });
  });

  it('tells each caller which steps they may take now', async () => {
    const raised = await p.open(u.staff, { documentId: doc.id });
    expect(raised.allowedTransitions).toEqual(['withdrawn']);
    const steps = async (who: TestUser) =>
      (await p.get(who, raised.id).expect(200)).body.allowedTransitions as string[];
    expect(await steps(u.quality_lead)).toEqual(['under_review']);
    expect(await steps(u.auditor)).toEqual([]);
    const moved = (await p.move(u.quality_lead, raised.id, 'under_review').expect(200)).body;
    expect(moved.allowedTransitions).toEqual(['accepted', 'rejected']);
    expect(await steps(u.staff)).toEqual(['withdrawn']);
    await p.move(u.quality_lead, raised.id, 'accepted').expect(200);
    expect(await steps(u.staff)).toEqual([]);
    expect(await steps(u.admin)).toEqual(['implemented']);
  });

  it('filters by assignee', async () => {
    const other = await createUser(t, { roles: ['quality_lead'] });
    const mine = await p.open(u.staff, { documentId: doc.id });
    const theirs = await p.open(u.staff, { documentId: doc.id });
    await assign(u.quality_lead, theirs.id, { assigneeId: other.id }).expect(200);
    const forOther = (await p.list(u.admin, `?assigneeId=${other.id}`).expect(200)).body;
    expect(ids(forOther)).toEqual([theirs.id]);
    const forLead = ids((await p.list(u.admin, `?assigneeId=${u.quality_lead.id}`)).body);
    expect(forLead).toContain(mine.id);
    expect(forLead).not.toContain(theirs.id);
    const bad = await p.list(u.admin, '?assigneeId=nope');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
  });

  it('lets triagers reassign without moving it, audited, both assignees told', async () => {
    const owner = await createUser(t, { roles: ['approver'], name: 'Olive Owner' });
    const proposal = await p.inStatus('under_review', u.staff, u.quality_lead, {
      documentId: doc.id,
    });
    const res = await assign(u.admin, proposal.id, { assigneeId: owner.id }).expect(200);
    expect(res.body).toMatchObject({
      status: 'under_review',
      assigneeId: owner.id,
      assigneeName: 'Olive Owner',
    });
    expect(res.body.timeline).toHaveLength(1); // a reassignment is not a step of the lifecycle
    const audit = await d.audit(proposal.id, 'proposal.assigned');
    expect(audit.map((e) => [e.actorId, e.data])).toEqual([
      [u.admin.id, { number: proposal.number, from: u.quality_lead.id, assigneeId: owner.id }],
    ]);
    for (const told of [owner, u.quality_lead])
      expect(
        (await p.notifications(told))
          .filter((n) => n.type === 'proposal.assigned' && n.data.proposalId === proposal.id)
          .map((n) => n.data),
      ).toEqual([{ proposalId: proposal.id, number: proposal.number, assigneeId: owner.id }]);
    expect((await p.notifications(u.admin)).filter((n) => n.type === 'proposal.assigned')).toEqual(
      [],
    );
    // The new assignee may now see it.
    await p.get(owner, proposal.id).expect(200);
    // The same assignee again changes nothing and writes nothing, in either letter case.
    await assign(u.quality_lead, proposal.id, { assigneeId: owner.id }).expect(200);
    const upper = await assign(u.quality_lead, proposal.id, {
      assigneeId: owner.id.toUpperCase(),
    }).expect(200);
    expect(upper.body.assigneeId).toBe(owner.id);
    expect(await d.audit(proposal.id, 'proposal.assigned')).toHaveLength(1);
    expect(
      (await p.notifications(owner)).filter(
        (n) => n.type === 'proposal.assigned' && n.data.proposalId === proposal.id,
      ),
    ).toHaveLength(1);
    // Moving it with the current assignee in upper case tells nobody it was taken from them.
    await p
      .move(u.quality_lead, proposal.id, 'accepted', { assigneeId: owner.id.toUpperCase() })
      .expect(200);
    const [moved] = await d.audit(proposal.id, 'proposal.transitioned');
    expect(moved.data.assigneeId).toBe(owner.id);
  });

  it('refuses other roles, bad assignees, final proposals and bad input, changing nothing', async () => {
    const proposal = await p.open(u.staff, { documentId: doc.id });
    for (const who of [u.staff, u.approver, u.auditor]) {
      const res = await assign(who, proposal.id, { assigneeId: who.id });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    const gone = await createUser(t, { roles: ['quality_lead'] });
    await patchUser(t, gone.id, { active: false });
    for (const body of [{ assigneeId: gone.id }, { assigneeId: randomUUID() }]) {
      const res = await assign(u.quality_lead, proposal.id, body).expect(400);
      expect(res.body.errors).toEqual([{ field: 'assigneeId', message: expect.any(String) }]);
    }
    for (const body of [{}, { assigneeId: 'x' }])
      await assign(u.quality_lead, proposal.id, body).expect(400);
    await assign(u.quality_lead, randomUUID(), { assigneeId: u.admin.id }).expect(404);
    const withdrawn = await p.inStatus('withdrawn', u.staff, u.quality_lead, {
      documentId: doc.id,
    });
    const final = await assign(u.quality_lead, withdrawn.id, { assigneeId: u.admin.id });
    expect(final.status).toBe(409);
    expect(final.headers['content-type']).toMatch(PROBLEM);
    const after = (await p.get(u.quality_lead, proposal.id).expect(200)).body;
    expect(after.assigneeId).toBe(u.quality_lead.id);
    expect(await d.audit(proposal.id, 'proposal.assigned')).toEqual([]);
  });
});
