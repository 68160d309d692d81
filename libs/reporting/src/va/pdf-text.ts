import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** One piece of text as renderFormPdf placed it. */
export interface PdfTextRun {
  x: number;
  y: number;
  /** The page's font resource name, e.g. F1. */
  font: string;
  size: number;
  text: string;
}

/**
 * The text runs of a PDF written by renderFormPdf, page by page. Reads only what renderFormPdf
 * emits (Tf, Tm positioning, hex Tj strings in WinAnsi), which lets tests check content and layout
 * without a PDF renderer.
 */
export async function pdfTextRuns(bytes: Uint8Array): Promise<PdfTextRun[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : contents === undefined ? [] : [contents];
    const runs: PdfTextRun[] = [];
    for (const entry of streams) {
      const stream = (entry instanceof PDFRef ? doc.context.lookup(entry) : entry) as PDFRawStream;
      const raw = Buffer.from(stream.contents);
      const source = (stream.dict.get(PDFName.of('Filter')) ? inflateSync(raw) : raw).toString('latin1');
      for (const match of source.matchAll(/\/(\w+) ([\d.]+) Tf\s+1 0 0 1 ([\d.-]+) ([\d.-]+) Tm\s+<([0-9A-F]*)> Tj/g)) {
        runs.push({ font: match[1], size: Number(match[2]), x: Number(match[3]), y: Number(match[4]), text: Buffer.from(match[5], 'hex').toString('latin1') });
      }
    }
    return runs;
  });
}

/** Each page as text lines, top to bottom, runs on one line joined by " | " (label | value). */
export function pdfTextLines(pages: PdfTextRun[][]): string[] {
  return pages.flatMap((runs, index) => {
    const lines = new Map<number, PdfTextRun[]>();
    for (const run of runs) lines.set(run.y, [...(lines.get(run.y) ?? []), run]);
    const text = [...lines.entries()]
      .sort(([a], [b]) => b - a)
      .map(([, line]) =>
        line
          .sort((a, b) => a.x - b.x)
          .map((run) => run.text)
          .join(' | '),
      );
    return [`--- page ${index + 1} ---`, ...text];
  });
}
