/** Audit actions of the evidence module (webhook event types too). */
export const EvidenceAction = {
  /** A numbered controlled copy (PDF) of a revision was issued. */
  CopyIssued: 'copy.issued',
  /** An evidence pack of a document was exported. */
  PackExported: 'evidence_pack.exported',
} as const;
