import { DocumentResponse, RevisionWithBody } from '../documents/dto/document.dto';
import { MarkdownService } from '../markdown/markdown.service';
import type * as RevisionPdf from './pdf/revision-pdf';

/**
 * pdfkit and the font parser under it (fontkit, brotli, unicode tables: ~5 MB of heap)
 * load with the first PDF, not at start: a running service rarely makes one.
 */
let pdf: typeof RevisionPdf | undefined;
function revisionPdf(): typeof RevisionPdf {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (pdf ??= require('./pdf/revision-pdf') as typeof RevisionPdf);
}

/** Maps a revision as the API returns it onto what the PDF prints. */
export class RevisionPdfSource {
  constructor(
    private readonly markdown: MarkdownService,
    private readonly publicUrl: string,
  ) {}

  /** The web app's page of the document (a reader follows it in a browser, not the API's JSON). */
  documentUrl(documentId: string): string {
    return `${this.publicUrl}/documents/${documentId}`;
  }

  render(
    document: Pick<DocumentResponse, 'number' | 'title'>,
    r: RevisionWithBody,
    opts: { copyLine: string },
  ): PDFKit.PDFDocument {
    const date = (s: string | null | undefined) => (s ? new Date(s) : null);
    return revisionPdf().renderRevisionPdf({
      documentNumber: document.number,
      title: document.title,
      label: r.label,
      status: r.status,
      changeLevel: r.changeLevel,
      changeSummary: r.changeSummary,
      createdAt: new Date(r.createdAt),
      approvedAt: date(r.approvedAt),
      effectiveFrom: date(r.effectiveFrom),
      supersededAt: date(r.supersededAt),
      obsoletedAt: date(r.obsoletedAt),
      contentSha256: r.contentSha256,
      signatures: r.signatures.map((s) => ({
        signerName: s.signerName,
        meaning: s.meaning,
        signedAt: new Date(s.signedAt),
        comment: s.comment,
      })),
      tokens: this.markdown.parse(r.body),
      copyLine: opts.copyLine,
    });
  }
}
