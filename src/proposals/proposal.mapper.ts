import { DOCUMENT_REFS } from '../documents/documents.sql';
import { USER_REFS, userName } from '../users/users.sql';
import { ProposalResponse, TimelineEntry } from './dto/proposal.dto';
import { OPEN_STATUSES, ProposalKind, ProposalStatus } from './proposal-lifecycle';

export interface ProposalRow {
  id: string;
  number: string;
  status: ProposalStatus;
  kind: ProposalKind;
  title: string;
  description: string;
  section: string | null;
  document_id: string | null;
  document_number: string | null;
  document_title: string | null;
  revision_id: string | null;
  submitter_id: string;
  assignee_id: string | null;
  submitter_name: string;
  assignee_name: string | null;
  triage_due_at: Date;
  overdue: boolean;
  decided_at: Date | null;
  implemented_at: Date | null;
  implemented_by_revision_id: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Still waiting for a decision past its triage date. */
export const OVERDUE_SQL = `(p.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND p.triage_due_at < now())`;

export const PROPOSAL_SELECT = `
  SELECT p.id, p.number, p.status, p.kind, p.title, p.description, p.section, p.document_id,
         d.number AS document_number, d.title AS document_title, p.revision_id,
         p.submitter_id, p.assignee_id, s.name AS submitter_name, a.name AS assignee_name,
         p.triage_due_at,
         ${OVERDUE_SQL} AS overdue,
         p.decided_at, p.implemented_at, p.implemented_by_revision_id, p.closed_at,
         p.created_at, p.updated_at
    FROM proposals p LEFT JOIN ${DOCUMENT_REFS} d ON d.id = p.document_id
    JOIN ${USER_REFS} s ON s.id = p.submitter_id LEFT JOIN ${USER_REFS} a ON a.id = p.assignee_id`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toProposalResponse(r: ProposalRow): ProposalResponse {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    kind: r.kind,
    title: r.title,
    description: r.description,
    section: r.section,
    documentId: r.document_id,
    documentNumber: r.document_number,
    documentTitle: r.document_title,
    revisionId: r.revision_id,
    submitterId: r.submitter_id,
    assigneeId: r.assignee_id,
    submitterName: r.submitter_name,
    assigneeName: r.assignee_name,
    triageDueAt: r.triage_due_at.toISOString(),
    overdue: r.overdue,
    decidedAt: iso(r.decided_at),
    implementedAt: iso(r.implemented_at),
    implementedByRevisionId: r.implemented_by_revision_id,
    closedAt: iso(r.closed_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface ProposalEventRow {
  id: string;
  type: 'transition' | 'comment';
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  from_status: ProposalStatus | null;
  to_status: ProposalStatus | null;
  comment: string | null;
  body: string | null;
}

/** Also usable in `RETURNING`: the actor's name is a scalar subquery, not a join. */
export const PROPOSAL_EVENT_COLUMNS = `id, type, at, actor_id,
  ${userName('actor_id')} AS actor_name,
  from_status, to_status, comment, body`;

/** A transition carries from, to and comment; a comment its body. */
export function toTimelineEntry(e: ProposalEventRow): TimelineEntry {
  const base = {
    id: e.id,
    type: e.type,
    at: e.at.toISOString(),
    actorId: e.actor_id,
    actorName: e.actor_name,
  };
  return e.type === 'transition'
    ? { ...base, from: e.from_status!, to: e.to_status!, comment: e.comment }
    : { ...base, body: e.body! };
}
