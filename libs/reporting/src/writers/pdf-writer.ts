import { Color, PDFDocument, PDFFont, PDFName, PDFPage, StandardFonts, degrees, drawText, rgb } from 'pdf-lib';
import { MapContext, Row } from '../formats/report-format';
import { cellText } from './csv-writer';

/**
 * Printable forms: one page (or more, if the values run long) per row, each field as a labelled
 * line, with a blank signature block for the certifying official. Standard Helvetica (nothing
 * embedded), document dates taken from the context's reporting date, no ids, and fixed font
 * resource names (pdf-lib's page.drawText names them with Math.random), so the same rows and
 * context always give the same bytes.
 */
export interface PdfFormLayout {
  /** Heading on every page, e.g. the form's name. */
  title: string;
  /** Line under the title: which official form the page carries the content of. */
  subtitle: string;
  /** Heading of one row's page, e.g. the trainee and month. */
  rowHeading(row: Row): string;
  sections: ReadonlyArray<{ heading: string; fields: ReadonlyArray<PdfField> }>;
  /** The statement the certifying official signs under. */
  attestation: string;
  /** Signature lines left blank, e.g. name, signature, date. */
  signatureLines: readonly string[];
  /** Printed when there are no rows, so a run always yields a readable document. */
  emptyMessage: string;
}

export interface PdfField {
  label: string;
  column: string;
  /** An empty value prints as a line to write on (for the official's entries) instead of '-'. */
  writeIn?: boolean;
}

const PAGE = { width: 612, height: 792 };
const MARGIN = 54;
const LABEL_WIDTH = 210;
const VALUE_X = MARGIN + LABEL_WIDTH;
const VALUE_WIDTH = PAGE.width - MARGIN - VALUE_X;
const BODY = 9.5;
const LINE = 12;
const FOOTER_Y = 30;
const SIGNATURE_HEIGHT = 140;
const GREY = rgb(0.35, 0.35, 0.35);
const FONT_KEYS = { regular: PDFName.of('F1'), bold: PDFName.of('F2') };
const BLACK = rgb(0, 0, 0);

export async function renderFormPdf(layout: PdfFormLayout, rows: readonly Row[], context: MapContext): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const stamp = new Date(`${context.asOf}T00:00:00Z`);
  doc.setTitle(layout.title);
  doc.setCreator('Journeyline');
  doc.setProducer('Journeyline');
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const writer = new PageWriter(doc, layout, regular, bold, context);

  if (rows.length === 0) {
    writer.newPage(null);
    writer.paragraph(layout.emptyMessage, regular, BODY);
  }
  rows.forEach((row, index) => {
    writer.newPage(`${layout.rowHeading(row)} (${index + 1} of ${rows.length})`);
    for (const section of layout.sections) {
      writer.sectionHeading(section.heading);
      for (const field of section.fields) {
        const value = cellText(row[field.column]);
        if (value === '' && field.writeIn) writer.writeIn(field.label);
        else writer.field(field.label, value);
      }
    }
    writer.signatureBlock();
  });
  writer.footers();
  return doc.save({ useObjectStreams: false });
}

class PageWriter {
  private page!: PDFPage;
  private y = 0;
  private heading: string | null = null;
  private readonly encodable: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly layout: PdfFormLayout,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly context: MapContext,
  ) {
    this.encodable = new Set(regular.getCharacterSet());
  }

  newPage(heading: string | null, continued = false): void {
    this.heading = heading;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.page.node.setFontDictionary(FONT_KEYS.regular, this.regular.ref);
    this.page.node.setFontDictionary(FONT_KEYS.bold, this.bold.ref);
    this.y = PAGE.height - MARGIN;
    this.text(this.layout.title, MARGIN, this.bold, 14);
    this.y -= 15;
    for (const line of this.wrap(this.layout.subtitle, this.regular, 8, PAGE.width - 2 * MARGIN)) {
      this.text(line, MARGIN, this.regular, 8, GREY);
      this.y -= 10;
    }
    this.text(`Reporting date ${this.context.asOf}; period ${this.context.period.start} to ${this.context.period.end}`, MARGIN, this.regular, 8, GREY);
    this.y -= 22;
    if (heading !== null) {
      for (const line of this.wrap(continued ? `${heading} (continued)` : heading, this.bold, 12, PAGE.width - 2 * MARGIN)) {
        this.text(line, MARGIN, this.bold, 12);
        this.y -= 15;
      }
      this.y -= 3;
    }
  }

  sectionHeading(heading: string): void {
    this.ensureRoom(LINE * 3);
    this.y -= 3;
    this.text(heading, MARGIN, this.bold, 10.5);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE.width - MARGIN, y: this.y }, thickness: 0.5, color: GREY });
    this.y -= LINE;
  }

  field(label: string, value: string): void {
    const lines = this.wrap(value === '' ? '-' : value, this.regular, BODY, VALUE_WIDTH);
    // Short values stay whole with their label; a value longer than a page runs on to the next.
    this.ensureRoom(Math.min(lines.length, 4) * LINE);
    this.text(label, MARGIN, this.regular, BODY, GREY);
    lines.forEach((line, index) => {
      if (index > 0) this.ensureRoom(LINE);
      this.text(line, VALUE_X, this.regular, BODY);
      this.y -= LINE;
    });
  }

  writeIn(label: string): void {
    this.ensureRoom(LINE * 2);
    this.y -= 4;
    this.text(label, MARGIN, this.regular, BODY, GREY);
    this.rule();
    this.y -= LINE + 4;
  }

  paragraph(text: string, font: PDFFont, size: number): void {
    for (const line of this.wrap(text, font, size, PAGE.width - 2 * MARGIN)) {
      this.ensureRoom(LINE);
      this.text(line, MARGIN, font, size);
      this.y -= LINE;
    }
  }

  /** The attestation and blank lines for name, signature and date, kept together on one page. */
  signatureBlock(): void {
    this.ensureRoom(SIGNATURE_HEIGHT);
    this.y -= 12;
    this.text('Certifying official', MARGIN, this.bold, 10.5);
    this.y -= LINE + 2;
    this.paragraph(this.layout.attestation, this.regular, BODY);
    this.y -= 14;
    for (const label of this.layout.signatureLines) {
      this.text(label, MARGIN, this.regular, BODY, GREY);
      this.rule();
      this.y -= 24;
    }
  }

  /** Page numbers go on last, once the page count is known. */
  footers(): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const footer = `Generated by Journeyline for review by the certifying official. Not an official VA form. Page ${index + 1} of ${pages.length}`;
      this.drawOn(page, footer, MARGIN, FOOTER_Y, this.regular, 7.5, GREY);
    });
  }

  /** A line to write on, in the value column of the current line. */
  private rule(): void {
    this.page.drawLine({ start: { x: VALUE_X, y: this.y - 2 }, end: { x: PAGE.width - MARGIN, y: this.y - 2 }, thickness: 0.75, color: BLACK });
  }

  private ensureRoom(height: number): void {
    if (this.y - height < FOOTER_Y + 24) this.newPage(this.heading, true);
  }

  private text(text: string, x: number, font: PDFFont, size: number, color = BLACK): void {
    this.drawOn(this.page, text, x, this.y, font, size, color);
  }

  private drawOn(page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number, color: Color): void {
    const key = font === this.bold ? FONT_KEYS.bold : FONT_KEYS.regular;
    page.pushOperators(...drawText(font.encodeText(this.safe(text)), { x, y, size, font: key, color, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
  }

  /** Helvetica covers WinAnsi only; anything else prints as '?' rather than failing the run. */
  private safe(text: string): string {
    return [...text.normalize('NFC')].map((char) => (this.encodable.has(char.codePointAt(0)!) ? char : '?')).join('');
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.safe(text).split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      // A single word wider than the column is cut where it no longer fits.
      while (font.widthOfTextAtSize(line, size) > width) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line !== '') lines.push(line);
    return lines.length === 0 ? [''] : lines;
  }
}
