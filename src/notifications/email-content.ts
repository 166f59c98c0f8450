/** What a notification is about, looked up when its e-mail is sent. */
export interface EmailEntity {
  kind: 'proposal' | 'revision' | 'document';
  id: string;
  number: string;
  title: string;
  label?: string | null;
}

export interface EmailInput {
  type: string;
  data: Record<string, unknown>;
  recipientName: string;
  entity: EmailEntity | null;
  publicUrl: string;
}

/** Links lead to the web app's page for the entity (README, "The web app"). */
const PATHS: Record<EmailEntity['kind'], (id: string) => string> = {
  proposal: (id) => `/proposals/${id}`,
  revision: (id) => `/revisions/${id}/review`,
  document: (id) => `/documents/${id}`,
};

const humanise = (s: string) => s.replace(/_/g, ' ');
/** Header-safe: one line, no control characters. */
const oneLine = (s: string) =>
  [...s]
    .map((c) => (c < ' ' || c === '\u007f' ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** What happened, said of the entity: "awaits your approval", "accepted". */
function verb(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'revision.review_requested':
      return 'awaits your review';
    case 'revision.approval_requested':
      return 'awaits your approval';
    case 'proposal.created':
      return 'submitted';
    case 'proposal.commented':
      return 'has a new comment';
    case 'proposal.assigned':
      return 'was reassigned';
    case 'proposal.transitioned':
      if (typeof data.to === 'string') return humanise(data.to);
  }
  if (type.startsWith('assignment.')) return 'is yours to read and acknowledge';
  return humanise(type.slice(type.lastIndexOf('.') + 1));
}

/**
 * A plain subject ("IP-0003 accepted", "SOP-QA-0002 1.1 awaits your approval") and a
 * plain-text body with a link back to the entity (PUBLIC_URL + its API path).
 */
export function renderEmail(input: EmailInput): { subject: string; text: string } {
  const { entity, publicUrl, type, data } = input;
  const name = entity ? [entity.number, entity.label].filter(Boolean).join(' ') : null;
  const what = verb(type, data);
  const subject = oneLine(name ? `${name} ${what}` : `Praxis: ${humanise(type)}`);
  const link = entity
    ? `${publicUrl}${PATHS[entity.kind](entity.id)}`
    : `${publicUrl}/notifications`;
  const lines = [
    `Hello ${oneLine(input.recipientName)},`,
    '',
    name
      ? `${name} "${oneLine(entity!.title)}" ${what}.`
      : `You have a new notification (${type}).`,
  ];
  if (type === 'proposal.transitioned' && typeof data.from === 'string')
    lines.push(`It moved from ${humanise(data.from)} to ${what}.`);
  lines.push(
    '',
    `Open it: ${link}`,
    '',
    '-- ',
    `Praxis. You get this e-mail for your in-app notification of type ${type};`,
    `all of them: ${publicUrl}/notifications`,
  );
  return { subject, text: lines.join('\n') + '\n' };
}
