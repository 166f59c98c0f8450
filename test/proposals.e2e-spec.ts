import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { PROPOSAL_STATUSES, PROPOSAL_TRANSITIONS } from '../src/proposals/proposal-lifecycle';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, Doc, docs, PROBLEM } from './helpers/documents';
import { adminToken, createUser, TestUser, usersByRole } from './helpers/factories';
import { PATH_TO, proposals } from './helpers/proposals';

describe('improvement proposals: lifecycle, roles and notifications (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let p: ReturnType<typeof proposals>;
  let doc: Doc;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    p = proposals(t);
    doc = await d.publish(u.quality_lead, u.approver, { title: 'Customer returns' });
  });
  afterAll(() => t.close());

  it('runs the whole lifecycle, with a timeline oldest first, audit events and notifications', async () => {
    const before = Date.now();
    const raised = await p.raise(u.staff, {
      documentId: doc.id,
      kind: 'practice_deviation',
      title: 'The warehouse checks returns',
      description: 'Since March the warehouse inspects returned goods before refunds.',
      section: 'Procedure',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      number: expect.stringMatching(/^IP-\d{4}$/),
      status: 'submitted',
      submitterId: u.staff.id,
      assigneeId: u.quality_lead.id, // the document's owner
      documentId: doc.id,
      documentNumber: doc.number,
      kind: 'practice_deviation',
      title: 'The warehouse checks returns',
      section: 'Procedure',
      overdue: false,
      watcherIds: [u.staff.id],
      timeline: [],
    });
    const id = raised.body.id as string;
    const due = Date.parse(raised.body.triageDueAt as string) - Date.parse(raised.body.createdAt);
    expect(Math.abs(due - 5 * 86_400_000)).toBeLessThan(5_000);
    expect(Date.parse(raised.body.createdAt)).toBeGreaterThanOrEqual(before - 1_000);

    await p.move(u.quality_lead, id, 'under_review').expect(200);
    expect(
      (await p.comment(u.staff, id, 'Photos attached in the ticket.').expect(201)).body,
    ).toMatchObject({
      type: 'comment',
      actorId: u.staff.id,
      body: 'Photos attached in the ticket.',
    });
    await p.move(u.quality_lead, id, 'accepted', { comment: 'We will write it down' }).expect(200);
    await p.move(u.quality_lead, id, 'implemented').expect(200);
    const closed = (await p.move(u.quality_lead, id, 'closed').expect(200)).body;
    expect(closed).toMatchObject({
      status: 'closed',
      decidedAt: expect.any(String),
      closedAt: expect.any(String),
    });

    const got = (await p.get(u.staff, id).expect(200)).body;
    const timeline = got.timeline as {
      type: string;
      from?: string;
      to?: string;
      [k: string]: unknown;
    }[];
    expect(timeline.map((e) => (e.type === 'comment' ? 'comment' : `${e.from}->${e.to}`))).toEqual([
      'submitted->under_review',
      'comment',
      'under_review->accepted',
      'accepted->implemented',
      'implemented->closed',
    ]);
    expect(timeline.map((e) => e.actorId)).toEqual([
      u.quality_lead.id,
      u.staff.id,
      u.quality_lead.id,
      u.quality_lead.id,
      u.quality_lead.id,
    ]);
    expect(timeline[2].comment).toBe('We will write it down');
    const times = timeline.map((e) => Date.parse(e.at as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    expect(await d.audit(id, 'proposal.created')).toHaveLength(1);
    expect(await d.audit(id, 'proposal.commented')).toHaveLength(1);
    const moves = (await d.audit(id, 'proposal.transitioned')).reverse();
    expect(moves.map((e) => e.data)).toEqual([
      expect.objectContaining({
        from: 'submitted',
        to: 'under_review',
        comment: null,
        assigneeId: u.quality_lead.id,
      }),
      expect.objectContaining({
        from: 'under_review',
        to: 'accepted',
        comment: 'We will write it down',
      }),
      expect.objectContaining({ from: 'accepted', to: 'implemented' }),
      expect.objectContaining({ from: 'implemented', to: 'closed' }),
    ]);
    expect(moves.every((e) => e.actorId === u.quality_lead.id)).toBe(true);

    // The submitter is told at every step they did not take themselves.
    const mine = (await p.notifications(u.staff)).filter((n) => n.data.proposalId === id).reverse();
    expect(mine.map((n) => [n.type, n.data.from, n.data.to])).toEqual([
      ['proposal.transitioned', 'submitted', 'under_review'],
      ['proposal.transitioned', 'under_review', 'accepted'],
      ['proposal.transitioned', 'accepted', 'implemented'],
      ['proposal.transitioned', 'implemented', 'closed'],
    ]);
    expect(mine[0].data).toEqual({
      proposalId: id,
      number: got.number,
      from: 'submitted',
      to: 'under_review',
    });
    const read = await request(t.http)
      .post(api(`/me/notifications/${mine[0].id}/read`))
      .set(auth(u.staff))
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await p.notifications(u.staff)).find((n) => n.id === mine[0].id)?.readAt).toBe(
      read.body.readAt,
    );
    // The assignee heard of the new proposal and of the submitter's comment, not of their own steps.
    const lead = (await p.notifications(u.quality_lead)).filter((n) => n.data.proposalId === id);
    expect(lead.map((n) => n.type).sort()).toEqual(['proposal.commented', 'proposal.created']);
  });

  it('allows every transition of the table, each with the right actor', async () => {
    for (const from of PROPOSAL_STATUSES) {
      for (const to of PROPOSAL_TRANSITIONS[from]) {
        const proposal = await p.inStatus(from, u.staff, u.quality_lead, { documentId: doc.id });
        const actor = to === 'withdrawn' ? u.staff : u.quality_lead;
        const res = await p.move(actor, proposal.id, to, { comment: 'Because' });
        expect([from, to, res.status]).toEqual([from, to, 200]);
        expect(res.body.status).toBe(to);
        expect(res.body.timeline.at(-1)).toMatchObject({
          type: 'transition',
          from,
          to,
          comment: 'Because',
          actorId: actor.id,
        });
      }
    }
  });

  it('refuses every transition not in the table, from every status, with 409 naming the allowed ones', async () => {
    for (const from of PROPOSAL_STATUSES) {
      const proposal = await p.inStatus(from, u.staff, u.quality_lead, { documentId: doc.id });
      const allowed = PROPOSAL_TRANSITIONS[from];
      for (const to of PROPOSAL_STATUSES.filter((s) => !allowed.includes(s))) {
        const res = await p.move(u.quality_lead, proposal.id, to, { comment: 'Try' });
        expect([from, to, res.status]).toEqual([from, to, 409]);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.detail).toContain(`it is ${from}`);
        if (allowed.length)
          expect(res.body.detail).toContain(`can only become ${allowed.join(' or ')}`);
        else expect(res.body.detail).toContain('it is final');
      }
      const after = (await p.get(u.quality_lead, proposal.id).expect(200)).body;
      expect(after.status).toBe(from);
      expect(after.timeline).toHaveLength(PATH_TO[from].length);
    }
  });

  it('lets staff raise and withdraw their own, but not triage or withdraw others’', async () => {
    const own = await p.open(u.staff, { documentId: doc.id });
    const res = await p.move(u.staff, own.id, 'under_review');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    await p.move(u.staff, own.id, 'withdrawn').expect(200);

    const leads = await p.open(u.quality_lead, { documentId: doc.id });
    await p.move(u.admin, leads.id, 'withdrawn').expect(403); // only the submitter withdraws
    await p.move(u.quality_lead, leads.id, 'under_review').expect(200);
    await p.move(u.admin, leads.id, 'withdrawn').expect(403);
    await p.move(u.quality_lead, leads.id, 'withdrawn').expect(200);

    const other = await createUser(t, { roles: ['staff'] });
    await p.get(other, own.id).expect(404);
    await p.move(other, own.id, 'closed').expect(404);
    await p.comment(other, own.id, 'Me too').expect(404);
    expect((await p.list(other).expect(200)).body.items).toEqual([]);
    const listed = (await p.list(u.staff).expect(200)).body.items as {
      id: string;
      submitterId: string;
    }[];
    expect(listed.map((i) => i.id)).toContain(own.id);
    expect(listed.every((i) => i.submitterId === u.staff.id)).toBe(true);
  });

  it('lets auditors read everything and write nothing', async () => {
    const proposal = await p.open(u.approver, { documentId: doc.id });
    const raised = await p.raise(u.auditor, { documentId: doc.id });
    expect(raised.status).toBe(403);
    expect(raised.headers['content-type']).toMatch(PROBLEM);
    await p.comment(u.auditor, proposal.id, 'Noted').expect(403);
    await p.move(u.auditor, proposal.id, 'under_review').expect(403);
    await p.get(u.auditor, proposal.id).expect(200);
    const all = (await p.list(u.auditor, '?limit=200').expect(200)).body.items as { id: string }[];
    expect(all.map((i) => i.id)).toContain(proposal.id);
    const total = await t.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM proposals');
    expect(all).toHaveLength(total[0].n);
  });

  it('makes the triaging quality lead the assignee, and lets the triager reassign to an active user', async () => {
    const unassigned = await p.open(u.staff, {
      kind: 'new_procedure',
      title: 'Write a forklift SOP',
    });
    expect(unassigned).toMatchObject({ documentId: null, assigneeId: null, documentNumber: null });
    const triaged = (await p.move(u.quality_lead, unassigned.id, 'under_review').expect(200)).body;
    expect(triaged.assigneeId).toBe(u.quality_lead.id);

    const owner = await createUser(t, { roles: ['staff'] });
    const gone = await createUser(t, { roles: ['quality_lead'] });
    await request(t.http)
      .patch(api(`/users/${gone.id}`))
      .set(auth(await adminToken(t)))
      .send({ active: false })
      .expect(200);
    const proposal = await p.open(u.staff, { documentId: doc.id });
    for (const assigneeId of [gone.id, randomUUID()]) {
      const res = await p.move(u.quality_lead, proposal.id, 'under_review', { assigneeId });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'assigneeId', message: expect.any(String) }]);
    }
    const moved = (
      await p.move(u.admin, proposal.id, 'under_review', { assigneeId: owner.id }).expect(200)
    ).body;
    expect(moved.assigneeId).toBe(owner.id);
    // The new assignee sees it and hears of it; so does the one it was taken from, not the actor.
    expect((await p.list(owner).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([
      proposal.id,
    ]);
    const step = {
      proposalId: proposal.id,
      number: proposal.number,
      from: 'submitted',
      to: 'under_review',
    };
    for (const told of [owner, u.quality_lead, u.staff])
      expect(
        (await p.notifications(told))
          .filter((n) => n.data.proposalId === proposal.id && n.type === 'proposal.transitioned')
          .map((n) => n.data),
      ).toEqual([step]);
    expect(
      (await p.notifications(u.admin)).filter((n) => n.data.proposalId === proposal.id),
    ).toEqual([]);
    await p.move(u.staff, proposal.id, 'withdrawn', { assigneeId: owner.id }).expect(400);
  });

  it('needs a comment to reject', async () => {
    const proposal = await p.inStatus('under_review', u.staff, u.quality_lead, {
      documentId: doc.id,
    });
    for (const extra of [{}, { comment: '   ' }]) {
      const res = await p.move(u.quality_lead, proposal.id, 'rejected', extra);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual([{ field: 'comment', message: expect.any(String) }]);
    }
    const rejected = (
      await p.move(u.quality_lead, proposal.id, 'rejected', { comment: 'Out of scope' }).expect(200)
    ).body;
    expect(rejected).toMatchObject({ status: 'rejected', decidedAt: expect.any(String) });
  });

  it('makes commenters watchers, who are then told of every step', async () => {
    const lead2 = await createUser(t, { roles: ['quality_lead'] });
    const proposal = await p.open(u.staff, { documentId: doc.id });
    await p.comment(lead2, proposal.id, 'I will look at this').expect(201);
    await p.comment(lead2, proposal.id, 'Still looking').expect(201); // watching once is enough
    expect((await p.get(u.staff, proposal.id).expect(200)).body.watcherIds.sort()).toEqual(
      [u.staff.id, lead2.id].sort(),
    );
    await p.comment(u.staff, proposal.id, 'Thanks').expect(201);
    await p.move(u.admin, proposal.id, 'under_review').expect(200);
    const heard = (await p.notifications(lead2)).map((n) => [n.type, n.data.to ?? null]);
    expect(heard).toEqual([
      ['proposal.transitioned', 'under_review'],
      ['proposal.commented', null],
    ]);
    const staffHeard = (await p.notifications(u.staff)).filter(
      (n) => n.data.proposalId === proposal.id,
    );
    expect(staffHeard.map((n) => n.type)).toEqual([
      'proposal.transitioned',
      'proposal.commented',
      'proposal.commented',
    ]);
  });

  it('checks the document and the input', async () => {
    const draft = await d.create(u.quality_lead, { title: 'Not yet effective' });
    for (const documentId of [draft.id, randomUUID()]) {
      const res = await p.raise(u.staff, { documentId });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    await p.raise(u.quality_lead, { documentId: draft.id }).expect(201); // quality leads see drafts
    const noDoc = await p.raise(u.staff, { kind: 'error' });
    expect(noDoc.status).toBe(400);
    expect(noDoc.body.errors).toEqual([{ field: 'documentId', message: expect.any(String) }]);
    for (const body of [
      { documentId: doc.id, kind: 'wish' },
      { documentId: doc.id, title: '' },
      { documentId: doc.id, description: 'x'.repeat(20001) },
      { documentId: 'not-a-uuid' },
    ])
      await p.raise(u.staff, body).expect(400);
    const proposal = await p.open(u.staff, { documentId: doc.id });
    await p.move(u.quality_lead, proposal.id, 'done').expect(400);
    await p.comment(u.staff, proposal.id, '  ').expect(400);
    await p.get(u.staff, 'nope').expect(400);
    await p.get(u.quality_lead, randomUUID()).expect(404);
    await p.list(u.staff, '?overdue=maybe').expect(400);
  });
});
