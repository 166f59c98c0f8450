import type { Notification } from '../queries/notifications-query';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const words = (s: string) => s.replace(/_/g, ' ');

/** Where a notification leads in the app, and what it says (without the document's title). */
export function describe(n: Notification): {
  text: string;
  to: string | null;
  documentId?: string;
} {
  const d = (n.data ?? {}) as Record<string, unknown>;
  const documentId = str(d.documentId);
  const revisionId = str(d.revisionId);
  const number = str(d.number) ?? 'A proposal';
  const proposalId = str(d.proposalId);
  const proposal = proposalId ? `/proposals/${proposalId}` : '/proposals';
  switch (n.type) {
    case 'revision.review_requested':
      return {
        text: 'awaits your review',
        to: revisionId ? `/revisions/${revisionId}/review` : '/signing',
        documentId,
      };
    case 'revision.approval_requested':
      return {
        text: 'awaits your approval',
        to: revisionId ? `/revisions/${revisionId}/review` : '/signing',
        documentId,
      };
    case 'assignment.created':
      return {
        text: 'is yours to read and acknowledge',
        to: documentId ? `/documents/${documentId}` : '/reading',
        documentId,
      };
    case 'assignment.overdue':
    case 'assignment.overdue_digest':
      return { text: 'Some of your reading is overdue', to: '/reading' };
    case 'assignment.overdue_owner_digest':
      return { text: 'People are overdue reading procedures you own', to: '/documents' };
    case 'proposal.created':
      return { text: `${number} was submitted`, to: proposal };
    case 'proposal.commented':
      return { text: `${number} has a new comment`, to: proposal };
    case 'proposal.transitioned':
      return { text: `${number} is now ${words(str(d.to) ?? 'updated')}`, to: proposal };
    case 'proposal.assigned':
      return { text: `${number} was reassigned`, to: proposal };
  }
  return { text: words(n.type.slice(n.type.lastIndexOf('.') + 1)), to: null, documentId };
}
