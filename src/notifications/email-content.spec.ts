import { renderEmail } from './email-content';

const URL = 'https://praxis.example.com';
const REV = '11111111-2222-4333-8444-555555555555';
const PROP = '66666666-7777-4888-9999-aaaaaaaaaaaa';

describe('renderEmail', () => {
  it('asks a signer for approval, naming the document and linking to the revision', () => {
    const mail = renderEmail({
      type: 'revision.approval_requested',
      data: { revisionId: REV },
      recipientName: 'Ann Approver',
      entity: { kind: 'revision', id: REV, number: 'SOP-QA-0002', title: 'Cleaning', label: '1.1' },
      publicUrl: URL,
    });
    expect(mail.subject).toBe('SOP-QA-0002 1.1 awaits your approval');
    expect(mail.text).toContain('Hello Ann Approver,');
    expect(mail.text).toContain('SOP-QA-0002 1.1 "Cleaning" awaits your approval.');
    expect(mail.text).toContain(`Open it: ${URL}/revisions/${REV}/review\n`);
  });

  it('leaves out the label of a revision that has none yet', () => {
    const mail = renderEmail({
      type: 'revision.review_requested',
      data: {},
      recipientName: 'R',
      entity: { kind: 'revision', id: REV, number: 'WI-OPS-0001', title: 'T', label: null },
      publicUrl: URL,
    });
    expect(mail.subject).toBe('WI-OPS-0001 awaits your review');
  });

  it('says where a proposal moved', () => {
    const mail = renderEmail({
      type: 'proposal.transitioned',
      data: { proposalId: PROP, from: 'under_review', to: 'accepted' },
      recipientName: 'S',
      entity: { kind: 'proposal', id: PROP, number: 'IP-0003', title: 'Fewer forms' },
      publicUrl: URL,
    });
    expect(mail.subject).toBe('IP-0003 accepted');
    expect(mail.text).toContain('It moved from under review to accepted.');
    expect(mail.text).toContain(`${URL}/proposals/${PROP}`);
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const mail = renderEmail({
      type: 'proposal.created',
      data: {},
      recipientName: 'Eve\r\nBcc: x@evil.test',
      entity: { kind: 'proposal', id: PROP, number: 'IP-0001\r\nBcc: x@evil.test', title: 'T' },
      publicUrl: URL,
    });
    expect(mail.subject).toBe('IP-0001 Bcc: x@evil.test submitted');
    expect(mail.text.split('\n')[0]).toBe('Hello Eve Bcc: x@evil.test,');
  });

  it('falls back to the notification type and the notification list', () => {
    const mail = renderEmail({
      type: 'something.happened_here',
      data: {},
      recipientName: 'X',
      entity: null,
      publicUrl: URL,
    });
    expect(mail.subject).toBe('Praxis: something.happened here');
    expect(mail.text).toContain(`Open it: ${URL}/notifications`);
  });
});
