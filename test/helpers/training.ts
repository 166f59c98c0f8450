import request from 'supertest';
import { TrainingOverdueService } from '../../src/training/training-overdue.service';
import { api, TestApp } from './app';
import { auth } from './documents';
import { TestUser } from './factories';

export interface Requirement {
  departmentIds?: string[];
  roles?: string[];
  userIds?: string[];
  dueInDays?: number;
  retrainOnMinor?: boolean;
  requireSignature?: boolean;
}

export interface AssignmentRow {
  id: string;
  user_id: string;
  status: string;
  due_at: Date;
  completed_at: Date | null;
  superseded_at: Date | null;
  withdrawn_at: Date | null;
  overdue_notified_at: Date | null;
}

/** Training calls over HTTP (each returning the supertest response), plus reads of the tables. */
export function training(t: TestApp) {
  const http = () => request(t.http);
  const tr = {
    put: (user: TestUser, docId: string, body: Requirement) =>
      http()
        .put(api(`/documents/${docId}/training-requirement`))
        .set(auth(user))
        .send({
          departmentIds: [],
          roles: [],
          userIds: [],
          dueInDays: 14,
          retrainOnMinor: false,
          ...body,
        }),
    get: (user: TestUser, docId: string) =>
      http()
        .get(api(`/documents/${docId}/training-requirement`))
        .set(auth(user)),
    ack: (user: TestUser, revId: string, body: Record<string, unknown> = {}) =>
      http()
        .post(api(`/revisions/${revId}/acknowledgements`))
        .set(auth(user))
        .send(body),
    acks: (user: TestUser, revId: string, query = '') =>
      http()
        .get(api(`/revisions/${revId}/acknowledgements${query}`))
        .set(auth(user)),
    mine: (user: TestUser, query = '') =>
      http()
        .get(api(`/me/assignments${query}`))
        .set(auth(user)),

    /** Sets the requirement (200 expected). */
    async require(user: TestUser, docId: string, body: Requirement) {
      const res = await tr.put(user, docId, body);
      if (res.status !== 200) throw new Error(`put: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    },

    /** The assignments of a revision, straight from the table. */
    assignments: (revId: string) =>
      t.ds.query<AssignmentRow[]>(
        `SELECT id, user_id::text, status, due_at, completed_at, superseded_at, withdrawn_at,
                overdue_notified_at
           FROM training_assignments WHERE revision_id = $1 ORDER BY user_id`,
        [revId],
      ),

    /** userId → status of a revision's assignments. */
    async statuses(revId: string): Promise<Record<string, string>> {
      const rows = await tr.assignments(revId);
      return Object.fromEntries(rows.map((r) => [r.user_id, r.status]));
    },

    /** The scheduled overdue job, run now. */
    runOverdue: () => t.app.get(TrainingOverdueService).run(),
  };
  return tr;
}
