import type MarkdownIt from 'markdown-it';
import PDFDocument from 'pdfkit';
import { FONT, fontBuffers } from './fonts';
import { BODY_SIZE, MarkdownPdfWriter } from './markdown-pdf';

export interface PdfSignature {
  signerName: string;
  meaning: string;
  signedAt: Date;
  comment: string | null;
}

/** Everything printed on a copy of a revision. */
export interface RevisionPdfInput {
  documentNumber: string;
  title: string;
  label: string | null;
  status: string;
  changeLevel: string;
  changeSummary: string;
  createdAt: Date;
  approvedAt: Date | null;
  effectiveFrom: Date | null;
  supersededAt: Date | null;
  obsoletedAt: Date | null;
  contentSha256: string;
  signatures: PdfSignature[];
  tokens: MarkdownIt.Token[];
  /** The line on every page that says which copy this is and where the current one is. */
  copyLine: string;
}

/** The mark a revision that is not (or no longer) in force carries on every page. */
export function statusMark(status: string): string | null {
  if (status === 'superseded') return 'SUPERSEDED';
  if (status === 'obsolete') return 'OBSOLETE';
  if (status === 'draft' || status === 'in_review') return 'DRAFT — NOT FOR USE';
  if (status === 'approved') return 'APPROVED — NOT YET EFFECTIVE';
  return null;
}

/** `2026-11-22 10:15:00 UTC` */
export const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 };

/**
 * A revision as a PDF (pdfkit, fonts embedded): a cover block, the procedure, a signature
 * page; on every page a header (number, title, revision, page X of Y), the copy line and,
 * unless the revision is effective, its status mark. Pages are buffered until the end —
 * memory grows with this one document only — so "of Y" can be written on each. Returns
 * the document, ended: read or pipe it.
 */
export function renderRevisionPdf(input: RevisionPdfInput): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `${input.documentNumber} ${input.title} ${input.label ?? 'draft'}`,
      Creator: 'Praxis',
    },
  });
  for (const [name, data] of fontBuffers()) doc.registerFont(name, data);
  cover(doc, input);
  new MarkdownPdfWriter(doc).write(input.tokens);
  signaturePage(doc, input);
  decoratePages(doc, input);
  doc.end();
  return doc;
}

function field(doc: PDFKit.PDFDocument, name: string, value: string): void {
  doc.font(FONT.bold).fontSize(BODY_SIZE).text(`${name}: `, { continued: true });
  doc.font(FONT.regular).text(value);
}

function cover(doc: PDFKit.PDFDocument, r: RevisionPdfInput): void {
  doc.font(FONT.bold).fontSize(20).text(r.title);
  doc.moveDown(0.3);
  doc
    .font(FONT.regular)
    .fontSize(12)
    .text(`${r.documentNumber} · Revision ${r.label ?? 'draft'}`);
  doc.moveDown(0.6);
  field(doc, 'Status', r.status.replace('_', ' '));
  field(doc, 'Change', `${r.changeLevel} — ${r.changeSummary}`);
  field(doc, 'Created', utc(r.createdAt));
  if (r.approvedAt) field(doc, 'Approved', utc(r.approvedAt));
  field(doc, 'Effective from', r.effectiveFrom ? utc(r.effectiveFrom) : 'not effective');
  if (r.supersededAt) field(doc, 'Superseded', utc(r.supersededAt));
  if (r.obsoletedAt) field(doc, 'Obsolete', utc(r.obsoletedAt));
  field(doc, 'Content SHA-256', r.contentSha256);
  const y = doc.y + 8;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(1)
    .strokeColor('#333333')
    .stroke();
  doc.y = y + 14;
  doc.x = doc.page.margins.left;
}

function signaturePage(doc: PDFKit.PDFDocument, r: RevisionPdfInput): void {
  doc.addPage();
  doc.font(FONT.bold).fontSize(14).text('Signatures');
  doc.moveDown(0.5);
  if (r.signatures.length === 0) {
    doc.font(FONT.regular).fontSize(BODY_SIZE).text('No signatures.');
  }
  for (const s of r.signatures) {
    doc.font(FONT.bold).fontSize(BODY_SIZE).text(s.signerName);
    doc.font(FONT.regular).text(`${s.meaning} · ${utc(s.signedAt)}`);
    if (s.comment) doc.font(FONT.italic).text(s.comment);
    doc.moveDown(0.5);
  }
  doc.moveDown(0.5);
  field(doc, 'Content SHA-256', r.contentSha256);
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor('#555555')
    .text(
      'Each signature was applied to the content with this SHA-256 (electronic signature with re-authentication).',
    )
    .fillColor('black');
}

/** Header, copy line and status mark on every page, once the page count is known. */
function decoratePages(doc: PDFKit.PDFDocument, r: RevisionPdfInput): void {
  const { start, count } = doc.bufferedPageRange();
  const mark = statusMark(r.status);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    const inner = width - margins.left - margins.right;
    // Writing inside the margins must not start a new page.
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(8.5).fillColor('#333333');
    doc.text(`${r.documentNumber} · ${r.title}`, margins.left, 28, {
      width: inner * 0.68,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(`Rev ${r.label ?? 'draft'} · Page ${i - start + 1} of ${count}`, margins.left, 28, {
      width: inner,
      align: 'right',
      lineBreak: false,
    });
    doc
      .moveTo(margins.left, 42)
      .lineTo(width - margins.right, 42)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    if (mark) {
      doc.font(FONT.bold).fontSize(10).fillColor('#b00020');
      doc.text(mark, margins.left, 47, { width: inner, align: 'center', lineBreak: false });
    }
    doc.font(FONT.regular).fontSize(7.5).fillColor('#333333');
    doc.text(r.copyLine, margins.left, height - 46, { width: inner, align: 'center' });
    if (mark) watermark(doc, mark);
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

function watermark(doc: PDFKit.PDFDocument, mark: string): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-45, { origin: [width / 2, height / 2] });
  doc
    .font(FONT.bold)
    .fontSize(mark.length > 12 ? 44 : 72)
    .fillColor('#b00020')
    .fillOpacity(0.12);
  doc.text(mark, 0, height / 2 - 30, { width, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
}
