import request from 'supertest';
import { OutboxDispatcherService } from '../../src/notifications/outbox-dispatcher.service';
import { ProposalStatus } from '../../src/proposals/proposal-lifecycle';
import { api, TestApp } from './app';
import { auth } from './documents';
import { TestUser } from './factories';

export interface Proposal {
  id: string;
  number: string;
  status: ProposalStatus;
  submitterId: string;
  assigneeId: string | null;
  documentId: string | null;
  watcherIds: string[];
  timeline: Record<string, unknown>[];
  [k: string]: unknown;
}

/** The steps that bring a new proposal to each status (withdraw is the submitter's, the rest the triager's). */
export const PATH_TO: Record<ProposalStatus, ProposalStatus[]> = {
  submitted: [],
  under_review: ['under_review'],
  accepted: ['under_review', 'accepted'],
  rejected: ['under_review', 'rejected'],
  implemented: ['under_review', 'accepted', 'implemented'],
  closed: ['under_review', 'accepted', 'implemented', 'closed'],
  withdrawn: ['withdrawn'],
};

/** Proposal calls over HTTP, each returning the supertest response (no status assumed). */
export function proposals(t: TestApp) {
  const http = () => request(t.http);
  const p = {
    raise: (user: TestUser, body: Record<string, unknown>) =>
      http()
        .post(api('/proposals'))
        .set(auth(user))
        .send({ kind: 'improvement', title: 'Do it better', description: 'Like this.', ...body }),
    get: (user: TestUser, id: string) =>
      http()
        .get(api(`/proposals/${id}`))
        .set(auth(user)),
    list: (user: TestUser, query = '') =>
      http()
        .get(api(`/proposals${query}`))
        .set(auth(user)),
    move: (user: TestUser, id: string, to: string, extra: Record<string, unknown> = {}) =>
      http()
        .post(api(`/proposals/${id}/transitions`))
        .set(auth(user))
        .send({ to, ...extra }),
    comment: (user: TestUser, id: string, body: string) =>
      http()
        .post(api(`/proposals/${id}/comments`))
        .set(auth(user))
        .send({ body }),
    /** What the user has been told once everything committed is dispatched (fan-outs notify from there). */
    notifications: async (user: TestUser) => {
      await t.app.get(OutboxDispatcherService).dispatch();
      return (await http().get(api('/me/notifications?limit=200')).set(auth(user)).expect(200)).body
        .items as {
        id: string;
        type: string;
        readAt: string | null;
        data: Record<string, unknown>;
      }[];
    },

    /** A new proposal (201 expected). */
    async open(user: TestUser, body: Record<string, unknown>): Promise<Proposal> {
      const res = await p.raise(user, body);
      if (res.status !== 201) throw new Error(`raise: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Proposal;
    },

    /** A new proposal driven to `status` along PATH_TO. */
    async inStatus(
      status: ProposalStatus,
      submitter: TestUser,
      triager: TestUser,
      body: Record<string, unknown>,
    ): Promise<Proposal> {
      let proposal = await p.open(submitter, body);
      for (const to of PATH_TO[status]) {
        const res = await p.move(to === 'withdrawn' ? submitter : triager, proposal.id, to, {
          comment: `to ${to}`,
        });
        if (res.status !== 200) throw new Error(`${to}: ${res.status} ${JSON.stringify(res.body)}`);
        proposal = res.body as Proposal;
      }
      return proposal;
    },
  };
  return p;
}
