import { DocumentResponse, RevisionResponse, SignatureResponse } from './dto/document.dto';
import { DocumentStatus, DocumentType, RevisionStatus } from './lifecycle';

export interface DocumentRow {
  id: string;
  number: string;
  title: string;
  type: DocumentType;
  status: DocumentStatus;
  department_id: string | null;
  owner_id: string;
  category: string | null;
  template_key: string | null;
  review_interval_months: number;
  next_review_due: string | null;
  created_at: Date;
  updated_at: Date;
  retired_at: Date | null;
  current_revision_id: string | null;
  current_label: string | null;
  current_effective_from: Date | null;
  draft_revision_id: string | null;
}

export const DOCUMENT_SELECT = `
  SELECT d.id, d.number, d.title, d.type, d.status, d.department_id, d.owner_id, d.category, d.template_key,
         d.review_interval_months, to_char(d.next_review_due, 'YYYY-MM-DD') AS next_review_due,
         d.created_at, d.updated_at, d.retired_at,
         cur.id AS current_revision_id, cur.label AS current_label, cur.effective_from AS current_effective_from,
         (SELECT r.id FROM revisions r WHERE r.document_id = d.id
             AND r.status IN ('draft','in_review','approved')) AS draft_revision_id
    FROM documents d
    LEFT JOIN LATERAL (SELECT r.id, r.label, r.effective_from FROM revisions r
                        WHERE r.document_id = d.id AND r.status = 'effective') cur ON true`;

/** ownerName comes from the users module (names), not from this module's SQL. */
export function toDocumentResponse(r: DocumentRow, names: Map<string, string>): DocumentResponse {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    type: r.type,
    status: r.status,
    departmentId: r.department_id,
    ownerId: r.owner_id,
    ownerName: names.get(r.owner_id) ?? null,
    category: r.category,
    templateKey: r.template_key,
    reviewIntervalMonths: r.review_interval_months,
    currentRevisionId: r.current_revision_id,
    currentLabel: r.current_label,
    currentEffectiveFrom: r.current_effective_from?.toISOString() ?? null,
    draftRevisionId: r.draft_revision_id,
    nextReviewDue: r.next_review_due,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
  };
}

export interface RevisionRow {
  id: string;
  document_id: string;
  status: RevisionStatus;
  change_level: 'major' | 'minor';
  label: string | null;
  label_major: number | null;
  label_minor: number | null;
  change_summary: string;
  reason: string | null;
  author_id: string;
  author_ids: string[];
  content_sha256: string;
  version: number;
  review_round: number;
  reviewer_ids: string[];
  approver_ids: string[];
  proposal_ids: string[];
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  effective_from: Date | null;
  superseded_at: Date | null;
  obsoleted_at: Date | null;
  body?: string;
}

/** Every column but body and search; uuid[] as text[] so the driver returns string arrays. */
export const REVISION_COLUMNS = `r.id, r.document_id, r.status, r.change_level, r.label, r.label_major, r.label_minor,
  r.change_summary, r.reason, r.author_id, r.author_ids::text[] AS author_ids, r.content_sha256, r.version, r.review_round,
  r.reviewer_ids::text[] AS reviewer_ids, r.approver_ids::text[] AS approver_ids,
  r.proposal_ids::text[] AS proposal_ids, r.created_at, r.updated_at, r.submitted_at, r.approved_at,
  r.effective_from, r.superseded_at, r.obsoleted_at`;

export interface SignatureRow {
  id: string;
  revision_id: string;
  review_round: number;
  signer_id: string;
  signer_name: string;
  meaning: string;
  comment: string | null;
  signed_at: Date;
  content_sha256: string;
}

export function toSignatureResponse(s: SignatureRow): SignatureResponse {
  return {
    id: s.id,
    signerId: s.signer_id,
    signerName: s.signer_name,
    meaning: s.meaning,
    comment: s.comment,
    signedAt: s.signed_at.toISOString(),
    contentSha256: s.content_sha256,
    reviewRound: s.review_round,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toRevisionResponse(r: RevisionRow, signatures: SignatureRow[]): RevisionResponse {
  return {
    id: r.id,
    documentId: r.document_id,
    label: r.label,
    status: r.status,
    changeLevel: r.change_level,
    changeSummary: r.change_summary,
    reason: r.reason,
    authorId: r.author_id,
    authorIds: r.author_ids,
    contentSha256: r.content_sha256,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    approvedAt: iso(r.approved_at),
    effectiveFrom: iso(r.effective_from),
    supersededAt: iso(r.superseded_at),
    obsoletedAt: iso(r.obsoleted_at),
    reviewerIds: r.reviewer_ids,
    approverIds: r.approver_ids,
    proposalIds: r.proposal_ids,
    signatures: signatures.map(toSignatureResponse),
  };
}

/** A timestamptz as toISOString() gives it (UTC, milliseconds; to_char truncates as Date does). */
export const isoSql = (col: string) =>
  `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Revision row `r` as its JSON text in the API, made by PostgreSQL: the fields and values
 * of toRevisionResponse (with its signatures, signed in order), for reads on every page
 * view, where parsing two dozen columns (dates, arrays) and serialising them again cost
 * the service more than the rest of the request. A test holds the two equal.
 */
export const REVISION_JSON = `json_build_object(
  'id', r.id, 'documentId', r.document_id, 'label', r.label, 'status', r.status,
  'changeLevel', r.change_level, 'changeSummary', r.change_summary, 'reason', r.reason,
  'authorId', r.author_id, 'authorIds', r.author_ids, 'contentSha256', r.content_sha256,
  'createdAt', ${isoSql('r.created_at')}, 'updatedAt', ${isoSql('r.updated_at')},
  'submittedAt', ${isoSql('r.submitted_at')}, 'approvedAt', ${isoSql('r.approved_at')},
  'effectiveFrom', ${isoSql('r.effective_from')}, 'supersededAt', ${isoSql('r.superseded_at')},
  'obsoletedAt', ${isoSql('r.obsoleted_at')},
  'reviewerIds', r.reviewer_ids, 'approverIds', r.approver_ids, 'proposalIds', r.proposal_ids,
  'signatures', (SELECT COALESCE(json_agg(json_build_object(
      'id', s.id, 'signerId', s.signer_id, 'signerName', s.signer_name, 'meaning', s.meaning,
      'comment', s.comment, 'signedAt', ${isoSql('s.signed_at')}, 'contentSha256', s.content_sha256,
      'reviewRound', s.review_round) ORDER BY s.signed_at, s.id), '[]'::json)
    FROM signatures s WHERE s.revision_id = r.id))::text`;

export function etagOf(r: Pick<RevisionRow, 'version'>): string {
  return `"v${r.version}"`;
}
