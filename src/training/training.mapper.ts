import {
  AcknowledgementListItem,
  AcknowledgementResponse,
  MyAssignment,
  TrainingRequirementResponse,
} from './dto/training.dto';
import { ListedAssignmentStatus } from './assignment-lifecycle';
import { Role } from '../common/roles';

export interface RequirementRow {
  document_id: string;
  department_ids: string[];
  roles: Role[];
  user_ids: string[];
  due_in_days: number;
  retrain_on_minor: boolean;
  require_signature: boolean;
  updated_by: string;
  updated_at: Date;
}

/** uuid[] as text[] so the driver returns string arrays. */
export const REQUIREMENT_COLUMNS = `document_id, department_ids::text[] AS department_ids, roles,
  user_ids::text[] AS user_ids, due_in_days, retrain_on_minor, require_signature, updated_by, updated_at`;

export function toRequirementResponse(r: RequirementRow): TrainingRequirementResponse {
  return {
    documentId: r.document_id,
    departmentIds: r.department_ids,
    roles: r.roles,
    userIds: r.user_ids,
    dueInDays: r.due_in_days,
    retrainOnMinor: r.retrain_on_minor,
    requireSignature: r.require_signature,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface AcknowledgementRow {
  id: string;
  user_id: string;
  revision_id: string;
  document_id: string;
  content_sha256: string;
  meaning: 'read_and_understood';
  signed: boolean;
  practice_matches: boolean;
  comment: string | null;
  proposal_id: string | null;
  acknowledged_at: Date;
  user_name?: string;
}

export const ACKNOWLEDGEMENT_COLUMNS = `a.id, a.user_id, a.revision_id, a.document_id, a.content_sha256,
  a.meaning, a.signed, a.practice_matches, a.comment, a.proposal_id, a.acknowledged_at`;

export function toAcknowledgementResponse(r: AcknowledgementRow): AcknowledgementResponse {
  return {
    id: r.id,
    userId: r.user_id,
    revisionId: r.revision_id,
    documentId: r.document_id,
    contentSha256: r.content_sha256,
    meaning: r.meaning,
    acknowledgedAt: r.acknowledged_at.toISOString(),
    signed: r.signed,
    practiceMatches: r.practice_matches,
    comment: r.comment,
    proposalId: r.proposal_id,
  };
}

export function toAcknowledgementListItem(r: AcknowledgementRow): AcknowledgementListItem {
  return { ...toAcknowledgementResponse(r), userName: r.user_name ?? '' };
}

export interface MyAssignmentRow {
  id: string;
  document_id: string;
  number: string;
  title: string;
  revision_id: string;
  label: string;
  due_at: Date;
  status: ListedAssignmentStatus;
  acknowledged_at: Date | null;
  require_signature: boolean;
  last_acknowledged_revision_id: string | null;
}

export function toMyAssignment(r: MyAssignmentRow): MyAssignment {
  return {
    id: r.id,
    documentId: r.document_id,
    documentNumber: r.number,
    title: r.title,
    revisionId: r.revision_id,
    label: r.label,
    dueAt: r.due_at.toISOString(),
    status: r.status,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    requireSignature: r.require_signature,
    changedSinceAcknowledged:
      r.last_acknowledged_revision_id && r.last_acknowledged_revision_id !== r.revision_id
        ? r.last_acknowledged_revision_id
        : null,
  };
}
