import { EntityManager } from 'typeorm';
import { hasAnyRole, Principal } from '../common/principal';
import { notFound } from '../common/problem';
import { acknowledged } from '../training/acknowledged.sql';
import { preparedQuery } from '../database/prepared';
import { RenderedHtmlStore } from '../markdown/rendered-html-store';
import { RevisionRow, REVISION_COLUMNS, SignatureRow } from './document.mapper';
import { READ_ALL_ROLES, SIGNER_ROLES } from './lifecycle';

/**
 * Who sees which revision: admins, quality leads and auditors see everything;
 * everyone else sees effective revisions, and the revisions they are assigned to
 * review or approve while those are in review and while they still hold a signing
 * role (a signer demoted to staff loses sight of them) — and, in loadVisibleRevision,
 * the superseded revisions they acknowledged. Anything else is a 404.
 * visibleRevisionSql is the same rule for a list.
 */
export function canSeeRevision(
  p: Principal,
  r: Pick<RevisionRow, 'status' | 'reviewer_ids' | 'approver_ids'>,
): boolean {
  return canSee(
    p,
    r.status,
    r.reviewer_ids.includes(p.userId) || r.approver_ids.includes(p.userId),
  );
}

/** canSeeRevision, told whether the caller is among the revision's reviewers or approvers. */
function canSee(p: Principal, status: RevisionRow['status'], assigned: boolean): boolean {
  if (hasAnyRole(p, READ_ALL_ROLES)) return true;
  if (status === 'effective') return true;
  return status === 'in_review' && assigned && hasAnyRole(p, SIGNER_ROLES);
}

/**
 * The revisions row `r` a caller without a read-all role may see (canSeeRevision, plus
 * the superseded ones they acknowledged), as a condition on `$user` (a uuid parameter).
 */
export function visibleRevisionSql(p: Principal, user: string): string {
  const assigned = hasAnyRole(p, SIGNER_ROLES)
    ? `OR (r.status = 'in_review' AND (${user}::uuid = ANY(r.reviewer_ids) OR ${user}::uuid = ANY(r.approver_ids)))`
    : '';
  return `(r.status = 'effective' ${assigned}
    OR (r.status = 'superseded' AND ${acknowledged(`${user}::uuid`, 'r.id')}))`;
}

/**
 * Who sees the same revisions under the rules above: everyone with a read-all role alike;
 * anyone else by their own id, and by whether they hold a signing role (the parts of
 * visibleRevisionSql that depend on the caller). RevisionHistoryCache keys pages by it.
 */
export function visibilityKey(p: Principal): string {
  if (hasAnyRole(p, READ_ALL_ROLES)) return '*';
  return `${hasAnyRole(p, SIGNER_ROLES) ? 'signer' : 'reader'}:${p.userId}`;
}

export async function loadRevision(
  em: EntityManager,
  id: string,
  opts: { lock?: boolean; body?: boolean } = {},
): Promise<RevisionRow> {
  const rows = await em.query<RevisionRow[]>(
    `SELECT ${REVISION_COLUMNS}${opts.body ? ', r.body' : ''} FROM revisions r WHERE r.id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (rows.length === 0) throw notFound('Revision');
  return rows[0];
}

/**
 * canSeeRevision, plus: a user still sees a superseded revision they acknowledged,
 * so "what changed since you read it" (the diff from it to the effective one) works.
 * One round trip (prepared): the acknowledgement is looked up in the same statement.
 */
export async function loadVisibleRevision(
  em: EntityManager,
  p: Principal,
  id: string,
  opts: { body?: boolean } = {},
): Promise<RevisionRow> {
  const variant = opts.body ? 'body' : 'plain';
  return visibleRow<RevisionRow>(
    em,
    p,
    `visible_revision_${variant}`,
    `${REVISION_COLUMNS}${opts.body ? ', r.body' : ''}`,
    '',
    [id, p.userId],
  );
}

/** What reading a revision's HTML needs: its status, its hash, and its page. */
export interface VisibleHtmlRow extends Pick<RevisionRow, 'status' | 'content_sha256'> {
  /** The HTML stored for the body by the renderer asked for, as text; null when none is. */
  html: string | null;
  /** The Markdown body, only when no HTML is stored for it. */
  body: string | null;
}

/**
 * loadVisibleRevision for the read path (every page view of a procedure): only the
 * columns the answer needs, and the HTML `renderer` stored for the body, sent as text
 * (as a bytea it would cross the socket as hex, twice its size, and be decoded here).
 * Whether the caller is a reviewer or approver is worked out in the statement: the two
 * lists are not sent.
 */
export function loadVisibleHtml(
  em: EntityManager,
  p: Principal,
  id: string,
  renderer: string,
): Promise<VisibleHtmlRow> {
  return visibleRow<VisibleHtmlRow>(
    em,
    p,
    'visible_revision_html',
    `r.status, r.content_sha256, convert_from(h.html, 'UTF8') AS html,
     CASE WHEN h.html IS NULL THEN r.body END AS body`,
    RenderedHtmlStore.join('r', '$3'),
    [id, p.userId, renderer],
  );
}

/**
 * The row of revision $1 with `columns`, if `p` (user $2) may see it: canSeeRevision,
 * or a superseded revision they acknowledged; else 404.
 */
async function visibleRow<T extends Pick<RevisionRow, 'status'>>(
  em: EntityManager,
  p: Principal,
  name: string,
  columns: string,
  join: string,
  values: unknown[],
): Promise<T> {
  const rows = await preparedQuery<T & { assigned: boolean; acknowledged: boolean }>(
    em,
    name,
    `SELECT ${columns},
            $2::uuid = ANY(r.reviewer_ids) OR $2::uuid = ANY(r.approver_ids) AS assigned,
            r.status = 'superseded' AND ${acknowledged('$2', 'r.id')} AS acknowledged
       FROM revisions r ${join}
      WHERE r.id = $1`,
    values,
  );
  if (rows.length === 0) throw notFound('Revision');
  const { assigned, acknowledged: read, ...r } = rows[0];
  if (canSee(p, r.status, assigned) || read) return r as unknown as T;
  throw notFound('Revision');
}

export async function signaturesOf(
  em: EntityManager,
  revisionIds: string[],
): Promise<Map<string, SignatureRow[]>> {
  const byRevision = new Map<string, SignatureRow[]>(revisionIds.map((id) => [id, []]));
  if (revisionIds.length === 0) return byRevision;
  const rows = await em.query<SignatureRow[]>(
    `SELECT id, revision_id, review_round, signer_id, signer_name, meaning, comment, signed_at, content_sha256
       FROM signatures WHERE revision_id = ANY($1::uuid[]) ORDER BY signed_at, id`,
    [revisionIds],
  );
  for (const s of rows) byRevision.get(s.revision_id)?.push(s);
  return byRevision;
}
