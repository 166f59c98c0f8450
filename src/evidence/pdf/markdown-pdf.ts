import type MarkdownIt from 'markdown-it';
import { FONT, fontFor, FontName } from './fonts';

type Token = MarkdownIt.Token;

interface Run {
  text: string;
  font: FontName;
  link?: string;
  strike?: boolean;
}

const HEADING_SIZE: Record<string, number> = { h1: 17, h2: 14, h3: 12.5, h4: 11.5, h5: 11, h6: 11 };
export const BODY_SIZE = 10;
const CODE_SIZE = 8.5;
const INDENT = 16;

/** Only absolute http(s) and mailto links become clickable; relative ones stay text. */
const clickable = (href: string) => /^(https?:|mailto:)/i.test(href);

/**
 * Lays markdown-it block tokens out with pdfkit: headings, paragraphs, nested lists,
 * block quotes, code, rules and tables. The tokens come from MarkdownService.parse, so
 * the HTML's sanitising rules hold here too: raw HTML is text, unsafe links are text,
 * images are never fetched (their alt text is shown).
 */
export class MarkdownPdfWriter {
  private indent = 0;
  private readonly lists: { ordered: boolean; next: number }[] = [];
  private pendingMarker: string | null = null;
  private quote = 0;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get left(): number {
    return this.doc.page.margins.left + this.indent;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.right - this.left;
  }

  write(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'heading_open':
          this.space(0.6);
          this.inline(tokens[++i], HEADING_SIZE[t.tag] ?? BODY_SIZE, true);
          this.space(0.3);
          break;
        case 'paragraph_open':
          this.inline(tokens[++i], BODY_SIZE, false);
          break;
        case 'paragraph_close':
          if (!t.hidden) this.space(0.5);
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.lists.push({
            ordered: t.type === 'ordered_list_open',
            next: Number(t.attrGet('start') ?? 1),
          });
          this.indent += INDENT;
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.lists.pop();
          this.indent -= INDENT;
          if (this.lists.length === 0) this.space(0.4);
          break;
        case 'list_item_open': {
          const list = this.lists[this.lists.length - 1];
          this.pendingMarker = list?.ordered ? `${list.next++}.` : '•';
          break;
        }
        case 'blockquote_open':
          this.quote++;
          this.indent += INDENT;
          break;
        case 'blockquote_close':
          this.quote--;
          this.indent -= INDENT;
          break;
        case 'fence':
        case 'code_block':
          this.code(t.content);
          break;
        case 'hr':
          this.rule();
          break;
        case 'table_open':
          i = this.table(tokens, i);
          break;
        case 'inline':
          this.inline(t, BODY_SIZE, false);
          break;
        default:
          break; // closing tokens and html (never produced: html is off)
      }
    }
  }

  private space(lines: number): void {
    this.doc.moveDown(lines);
  }

  /** Draws a pending list marker in the gutter, on the line the item's text starts. */
  private marker(size: number): void {
    if (this.pendingMarker === null) return;
    const marker = this.pendingMarker;
    this.pendingMarker = null;
    const { doc } = this;
    if (doc.y + doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
    }
    const y = doc.y;
    doc.font(FONT.regular).fontSize(size).fillColor('black');
    doc.text(marker, this.left - INDENT, y, {
      width: INDENT - 3,
      align: 'right',
      lineBreak: false,
    });
    doc.y = y;
  }

  private inline(token: Token | undefined, size: number, heading: boolean): void {
    const runs = this.runs(token?.children ?? [], heading);
    this.marker(size);
    if (runs.length === 0) return;
    const { doc } = this;
    doc.fontSize(size).fillColor(this.quote > 0 ? '#444444' : 'black');
    runs.forEach((run, n) => {
      const last = n === runs.length - 1;
      doc.font(run.font);
      const options: PDFKit.Mixins.TextOptions = {
        continued: !last,
        link: run.link ?? null,
        underline: run.link !== undefined,
        strike: run.strike ?? false,
      };
      if (n === 0) doc.text(run.text, this.left, doc.y, { ...options, width: this.width });
      else doc.text(run.text, options);
    });
    doc.fillColor('black');
  }

  private runs(children: Token[], heading: boolean): Run[] {
    const runs: Run[] = [];
    let bold = heading ? 1 : 0;
    let italic = this.quote > 0 ? 1 : 0;
    let strike = 0;
    const links: (string | undefined)[] = [];
    const push = (text: string, font?: FontName) => {
      if (!text) return;
      const link = links[links.length - 1];
      runs.push({ text, font: font ?? fontFor(bold > 0, italic > 0), link, strike: strike > 0 });
    };
    for (const c of children) {
      switch (c.type) {
        case 'text':
          push(c.content);
          break;
        case 'code_inline':
          push(c.content, FONT.mono);
          break;
        case 'softbreak':
          push(' ');
          break;
        case 'hardbreak':
          push('\n');
          break;
        case 'strong_open':
          bold++;
          break;
        case 'strong_close':
          bold--;
          break;
        case 'em_open':
          italic++;
          break;
        case 'em_close':
          italic--;
          break;
        case 's_open':
          strike++;
          break;
        case 's_close':
          strike--;
          break;
        case 'link_open': {
          const href = String(c.attrGet('href') ?? '');
          links.push(clickable(href) ? href : undefined);
          break;
        }
        case 'link_close':
          links.pop();
          break;
        case 'image':
          push(`[image: ${(c.children ?? []).map((x) => x.content).join('') || c.content}]`);
          break;
        default:
          push(c.content);
      }
    }
    return runs;
  }

  private code(content: string): void {
    const { doc } = this;
    doc.font(FONT.mono).fontSize(CODE_SIZE).fillColor('#222222');
    doc.text(content.replace(/\n$/, ''), this.left + 6, doc.y, { width: this.width - 6 });
    doc.fillColor('black');
    this.space(0.5);
  }

  private rule(): void {
    const { doc } = this;
    this.space(0.3);
    doc
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.space(0.5);
  }

  /** A grid with equal columns; header cells bold. Returns the index of table_close. */
  private table(tokens: Token[], start: number): number {
    const rows: { header: boolean; cells: string[] }[] = [];
    let i = start + 1;
    for (; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
      const t = tokens[i];
      if (t.type === 'tr_open') rows.push({ header: false, cells: [] });
      if (t.type === 'th_open') rows[rows.length - 1].header = true;
      if (t.type === 'inline') {
        rows[rows.length - 1].cells.push(
          this.runs(t.children ?? [], false)
            .map((r) => r.text)
            .join(''),
        );
      }
    }
    const { doc } = this;
    const cols = Math.max(1, ...rows.map((r) => r.cells.length));
    const colWidth = this.width / cols;
    const pad = 3;
    doc
      .fontSize(BODY_SIZE - 1)
      .lineWidth(0.5)
      .strokeColor('#888888');
    for (const row of rows) {
      doc.font(row.header ? FONT.bold : FONT.regular);
      const height =
        Math.max(
          ...row.cells.map((c) => doc.heightOfString(c || ' ', { width: colWidth - 2 * pad })),
          doc.currentLineHeight(true),
        ) +
        2 * pad;
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      row.cells.forEach((cell, c) => {
        const x = this.left + c * colWidth;
        doc.rect(x, y, colWidth, height).stroke();
        doc.text(cell, x + pad, y + pad, { width: colWidth - 2 * pad });
      });
      doc.x = this.left;
      doc.y = y + height;
    }
    this.space(0.5);
    return i;
  }
}
