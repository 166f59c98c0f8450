import { createHash } from 'node:crypto';
import request from 'supertest';
import { api, PASSWORD, TestApp } from './app';
import { adminToken, TestUser } from './factories';

export const PROBLEM = /^application\/problem\+json/;
export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
export const auth = (user: TestUser | string) => ({
  Authorization: `Bearer ${typeof user === 'string' ? user : user.token}`,
});

/** The SOP template's required sections, each with a line of text (`extra` goes under Procedure). */
export const SOP_SECTIONS = [
  'Purpose',
  'Scope',
  'Responsibilities',
  'Definitions',
  'Procedure',
  'Records',
  'References',
  'Revision history',
];
export function sopBody(extra = '', omit: string[] = []): string {
  return (
    SOP_SECTIONS.filter((s) => !omit.includes(s))
      .map((s) => `## ${s}\n\n${s === 'Procedure' && extra ? extra : `Text of ${s}.`}\n`)
      .join('\n') + '\n'
  );
}

export interface Doc {
  id: string;
  number: string;
  status: string;
  draftRevisionId: string | null;
  currentRevisionId: string | null;
  nextReviewDue: string | null;
  [k: string]: unknown;
}

/** Document-control calls over HTTP, each returning the supertest response (no status assumed). */
export function docs(t: TestApp) {
  const http = () => request(t.http);
  const d = {
    createDoc: (user: TestUser, body: Record<string, unknown>) =>
      http()
        .post(api('/documents'))
        .set(auth(user))
        .send({ type: 'sop', ...body }),
    getDoc: (user: TestUser, id: string) =>
      http()
        .get(api(`/documents/${id}`))
        .set(auth(user)),
    getRev: (user: TestUser, id: string) =>
      http()
        .get(api(`/revisions/${id}`))
        .set(auth(user)),
    patchRev: (user: TestUser, id: string, ifMatch: string | undefined, body: object) => {
      const req = http()
        .patch(api(`/revisions/${id}`))
        .set(auth(user));
      return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
    },
    newRevision: (user: TestUser, docId: string, body: object) =>
      http()
        .post(api(`/documents/${docId}/revisions`))
        .set(auth(user))
        .send(body),
    submit: (user: TestUser, revId: string, body: object) =>
      http()
        .post(api(`/revisions/${revId}/submit`))
        .set(auth(user))
        .send(body),
    sign: (user: TestUser, revId: string, meaning: string, extra: object = {}) =>
      http()
        .post(api(`/revisions/${revId}/signatures`))
        .set(auth(user))
        .send({ meaning, password: PASSWORD, ...extra }),
    history: (user: TestUser, docId: string) =>
      http()
        .get(api(`/documents/${docId}/revisions`))
        .set(auth(user)),
    retire: (user: TestUser, docId: string, body: object) =>
      http()
        .post(api(`/documents/${docId}/retire`))
        .set(auth(user))
        .send(body),

    /** A new document (201 expected), SOP by default with a complete body. */
    async create(user: TestUser, body: Record<string, unknown> = {}): Promise<Doc> {
      const res = await d.createDoc(user, { title: 'A procedure', body: sopBody(), ...body });
      if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Doc;
    },

    /** Replaces a draft's body (reading its ETag first); 200 expected. */
    async edit(user: TestUser, revId: string, body: string): Promise<void> {
      const got = await d.getRev(user, revId).expect(200);
      await d.patchRev(user, revId, got.headers.etag, { body }).expect(200);
    },

    /** Submits with these approvers and has each approve; the revision ends up approved or effective. */
    async approve(author: TestUser, revId: string, approvers: TestUser[], effectiveFrom?: string) {
      const submitted = await d.submit(author, revId, {
        approverIds: approvers.map((a) => a.id),
        ...(effectiveFrom ? { effectiveFrom } : {}),
      });
      if (submitted.status !== 200)
        throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      for (const a of approvers) await d.sign(a, revId, 'approved').expect(201);
    },

    /** A document whose first revision (this body) is effective. */
    async publish(
      author: TestUser,
      approver: TestUser,
      body: Record<string, unknown> = {},
    ): Promise<Doc & { revId: string }> {
      const doc = await d.create(author, body);
      await d.approve(author, doc.draftRevisionId!, [approver]);
      return { ...doc, revId: doc.draftRevisionId! };
    },

    /** A new revision of an effective document, with this body, approved (and effective). */
    async revise(
      author: TestUser,
      approver: TestUser,
      docId: string,
      body: string,
      changeLevel: 'major' | 'minor' = 'minor',
    ): Promise<string> {
      const res = await d
        .newRevision(author, docId, { changeLevel, changeSummary: 'Update' })
        .expect(201);
      const revId = res.body.id as string;
      await d.edit(author, revId, body);
      await d.approve(author, revId, [approver]);
      return revId;
    },

    /** A new major revision of an effective document, submitted to these approvers (in review). */
    async submitted(author: TestUser, docId: string, approvers: TestUser[]): Promise<string> {
      const res = await d
        .newRevision(author, docId, { changeLevel: 'major', changeSummary: 'Next' })
        .expect(201);
      const revId = res.body.id as string;
      await d.submit(author, revId, { approverIds: approvers.map((a) => a.id) }).expect(200);
      return revId;
    },

    /** Audit events for one entity and action, newest first (read as the bootstrap admin). */
    async audit(entityId: string, action: string) {
      const res = await http()
        .get(api(`/audit-events?entityId=${entityId}&action=${action}`))
        .set(auth(await adminToken(t)))
        .expect(200);
      return res.body.items as {
        action: string;
        actorId: string | null;
        actorType: string;
        entityId: string;
        data: Record<string, unknown>;
      }[];
    },
  };
  return d;
}

/** YYYY-MM-DD plus whole months, the day clamped to the month's end (as PostgreSQL does). */
export function addMonths(ymd: string, months: number): string {
  const [y, m, day] = ymd.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const [ny, nm] = [Math.floor(total / 12), total % 12];
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${ny}-${pad(nm + 1)}-${pad(Math.min(day, last))}`;
}
