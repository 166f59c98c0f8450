import { conflict } from '../common/problem';

export const DOCUMENT_TYPES = ['sop', 'work_instruction', 'policy', 'form'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Number prefixes: TYPE-DEPT-NNNN (department code, or GEN). */
export const NUMBER_PREFIX: Record<DocumentType, string> = {
  sop: 'SOP',
  work_instruction: 'WI',
  policy: 'POL',
  form: 'FRM',
};

export const REVISION_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'effective',
  'superseded',
  'obsolete',
] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/**
 * The revision lifecycle, as data: every status change goes through
 * assertRevisionTransition, and a refused one names what is allowed.
 *   draft → in_review (submit)
 *   in_review → draft (rejected) | approved (last approval)
 *   approved → effective (at once, or on its effective date)
 *   effective → superseded (the next one became effective)
 *   draft, in_review, approved, effective → obsolete (document retired)
 */
export const REVISION_TRANSITIONS: Record<RevisionStatus, readonly RevisionStatus[]> = {
  draft: ['in_review', 'obsolete'],
  in_review: ['draft', 'approved', 'obsolete'],
  approved: ['effective', 'obsolete'],
  effective: ['superseded', 'obsolete'],
  superseded: [],
  obsolete: [],
};

export function assertRevisionTransition(
  from: RevisionStatus,
  to: RevisionStatus,
  action: string,
): void {
  if (REVISION_TRANSITIONS[from].includes(to)) return;
  const allowed = REVISION_TRANSITIONS[from];
  throw conflict(
    'invalid-transition',
    `Cannot ${action}: the revision is ${from}` +
      (allowed.length
        ? `; from ${from} it can only become ${allowed.join(' or ')}`
        : '; it is final'),
  );
}

export const DOCUMENT_STATUSES = ['draft', 'effective', 'obsolete'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Roles that may see every document, draft and history. */
export const READ_ALL_ROLES = ['admin', 'quality_lead', 'auditor'] as const;
/** Roles that may author and manage documents. */
export const AUTHOR_ROLES = ['admin', 'quality_lead'] as const;
/** Roles that may be assigned to review or approve. */
export const SIGNER_ROLES = ['admin', 'quality_lead', 'approver'] as const;
