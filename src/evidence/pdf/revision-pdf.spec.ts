import { buffer } from 'node:stream/consumers';
import { MarkdownService } from '../../markdown/markdown.service';
import { pdfText } from '../../../test/helpers/pdf-text';
import { renderRevisionPdf, RevisionPdfInput } from './revision-pdf';

const md = new MarkdownService();

const BODY = `# Returns handling

## Purpose

Handle **returns** with _care_ and \`code\`; see [the portal](https://example.com/returns).

1. Receive the parcel
2. Inspect it
   - check the seal
   - photograph damage

> Never refund before inspection.

| Step | Owner |
|------|-------|
| Inspect | Warehouse |
| Refund | Finance |

\`\`\`
scan --parcel 123
\`\`\`

<script>alert(1)</script> [bad](javascript:alert(1)) ![logo](file:///etc/passwd) ![chart](https://example.com/c.png)
`;

function input(overrides: Partial<RevisionPdfInput> = {}): RevisionPdfInput {
  return {
    documentNumber: 'SOP-CS-0003',
    title: 'Returns handling',
    label: '2.1',
    status: 'effective',
    changeLevel: 'minor',
    changeSummary: 'Clarified inspection',
    createdAt: new Date('2026-01-02T03:04:05Z'),
    approvedAt: new Date('2026-01-03T03:04:05Z'),
    effectiveFrom: new Date('2026-01-04T00:00:00Z'),
    supersededAt: null,
    obsoletedAt: null,
    contentSha256: 'ab'.repeat(32),
    signatures: [
      {
        signerName: 'Zoë Approver',
        meaning: 'approved',
        signedAt: new Date('2026-01-03T03:04:05Z'),
        comment: null,
      },
      {
        signerName: 'Rui Reviewer',
        meaning: 'reviewed',
        signedAt: new Date('2026-01-02T09:00:00Z'),
        comment: 'fine',
      },
    ],
    tokens: md.parse(BODY),
    copyLine:
      'Copy 7, printed for Ann Auditor at 2026-02-01 10:00:00 UTC; uncontrolled when printed',
    ...overrides,
  };
}

describe('renderRevisionPdf', () => {
  it('writes extractable text: header with page X of Y, cover, body, signature page, copy line', async () => {
    const pdf = await buffer(renderRevisionPdf(input()));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain('SOP-CS-0003');
      expect(page).toContain(`Rev 2.1 · Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('Copy 7, printed for Ann Auditor');
      expect(page).not.toMatch(/SUPERSEDED|OBSOLETE|DRAFT/);
    });
    const all = pages.join('\n');
    for (const text of [
      'Returns handling',
      'Receive the parcel',
      'check the seal',
      'Warehouse',
      'scan --parcel 123',
      'Never refund',
    ]) {
      expect(all).toContain(text);
    }
    // raw HTML is text, unsafe links and images are not followed
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).toContain('![logo](file:///etc/passwd)');
    expect(all).toContain('[image: chart]');
    const last = pages[pages.length - 1];
    expect(last).toContain('Signatures');
    expect(last).toContain('Zoë Approver');
    expect(last).toContain('approved · 2026-01-03 03:04:05 UTC');
    expect(last).toContain('Rui Reviewer');
    expect(last).toContain('ab'.repeat(32));
  });

  it('embeds its fonts and links only safe URLs', async () => {
    const raw = (await buffer(renderRevisionPdf(input()))).toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(raw).toContain('(https://example.com/returns)');
    expect(raw).not.toContain('javascript:');
  });

  it.each([
    ['superseded', 'SUPERSEDED'],
    ['obsolete', 'OBSOLETE'],
    ['draft', 'DRAFT — NOT FOR USE'],
    ['in_review', 'DRAFT — NOT FOR USE'],
  ])('marks a %s revision on every page', async (status, mark) => {
    const pages = await pdfText(await buffer(renderRevisionPdf(input({ status }))));
    for (const page of pages) expect(page).toContain(mark);
  });
});
