import { EntityManager } from 'typeorm';
import { hasAnyRole, Principal } from '../common/principal';
import { notFound } from '../common/problem';
import { PROPOSAL_SELECT, ProposalRow } from './proposal.mapper';
import { PROPOSAL_READ_ALL_ROLES } from './proposal-lifecycle';

/**
 * Who sees which proposal: admins, quality leads and auditors see all; everyone
 * else sees the ones they submitted, are assigned to, or watch. Anything else is a 404.
 * `$n` is the parameter holding the caller's user id.
 */
export const involvesUser = (n: number) =>
  `(p.submitter_id = $${n}::uuid OR p.assignee_id = $${n}::uuid OR EXISTS (
     SELECT 1 FROM proposal_watchers w WHERE w.proposal_id = p.id AND w.user_id = $${n}::uuid))`;

export async function loadProposal(
  em: EntityManager,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ProposalRow> {
  const rows = await em.query<ProposalRow[]>(
    `${PROPOSAL_SELECT} WHERE p.id = $1${opts.lock ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  if (rows.length === 0) throw notFound('Proposal');
  return rows[0];
}

export async function loadVisibleProposal(
  em: EntityManager,
  p: Principal,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ProposalRow> {
  const row = await loadProposal(em, id, opts);
  if (hasAnyRole(p, PROPOSAL_READ_ALL_ROLES)) return row;
  const rows = await em.query<unknown[]>(
    `SELECT 1 FROM proposals p WHERE p.id = $1 AND ${involvesUser(2)}`,
    [id, p.userId],
  );
  if (rows.length === 0) throw notFound('Proposal');
  return row;
}

/** Everyone told about a proposal's steps: its submitter, its assignee and its watchers. */
export async function audienceOf(em: EntityManager, proposalId: string): Promise<string[]> {
  const rows = await em.query<{ id: string | null }[]>(
    `SELECT submitter_id AS id FROM proposals WHERE id = $1
     UNION SELECT assignee_id FROM proposals WHERE id = $1
     UNION SELECT user_id FROM proposal_watchers WHERE proposal_id = $1`,
    [proposalId],
  );
  return rows.map((r) => r.id).filter((id): id is string => !!id);
}
