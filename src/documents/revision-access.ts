import { EntityManager } from 'typeorm';
import { hasAnyRole, Principal } from '../common/principal';
import { notFound } from '../common/problem';
import { acknowledged } from '../training/acknowledged.sql';
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
  if (hasAnyRole(p, READ_ALL_ROLES)) return true;
  if (r.status === 'effective') return true;
  return (
    r.status === 'in_review' &&
    hasAnyRole(p, SIGNER_ROLES) &&
    (r.reviewer_ids.includes(p.userId) || r.approver_ids.includes(p.userId))
  );
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
 */
export async function loadVisibleRevision(
  em: EntityManager,
  p: Principal,
  id: string,
  opts: { body?: boolean } = {},
): Promise<RevisionRow> {
  const r = await loadRevision(em, id, opts);
  if (canSeeRevision(p, r)) return r;
  if (r.status === 'superseded' && (await acknowledgedBy(em, p.userId, r.id))) return r;
  throw notFound('Revision');
}

async function acknowledgedBy(
  em: EntityManager,
  userId: string,
  revisionId: string,
): Promise<boolean> {
  const [{ ok }] = await em.query<{ ok: boolean }[]>(
    `SELECT ${acknowledged('$1::uuid', '$2::uuid')} AS ok`,
    [userId, revisionId],
  );
  return ok;
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
