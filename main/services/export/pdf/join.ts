import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { SAMPLE_MARK } from '../../../../shared/domain/workspace';
import type { PdfInfo } from './info';

/** In the builder child (run with --expose-gc) memory is let go as soon as it is garbage. */
export const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** Baseline of the page-number line, in points from the bottom edge (inside the 48 pt bottom margin). */
const FOOTER_BASELINE = 25;
const FOOTER_SIZE = 7.5;

/**
 * Joins separately laid-out parts into one PDF and writes "Page X of Y" (after SAMPLE, NOT
 * EVIDENCE for a sample company) on every page: only
 * after the join is Y known. The pages are copied whole (content, fonts with their Unicode
 * maps), so their text stays extractable; the footer is Helvetica, which needs no embedding.
 */
export async function joinParts<T>(
  parts: T[],
  read: (part: T) => Promise<Uint8Array> | Uint8Array,
  info: PdfInfo,
): Promise<Buffer> {
  const out = await PDFDocument.create();
  // Copied pages own copies of their objects: each part is read when needed and let go once copied.
  for (const item of parts) {
    const part = await PDFDocument.load(await read(item));
    for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
    collectGarbage();
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const pages = out.getPages();
  pages.forEach((page, i) => {
    const text = `${info.sample ? `${SAMPLE_MARK}  ·  ` : ''}Page ${i + 1} of ${pages.length}`;
    const width = font.widthOfTextAtSize(text, FOOTER_SIZE);
    page.drawText(text, {
      x: (page.getWidth() - width) / 2,
      y: FOOTER_BASELINE,
      size: FOOTER_SIZE,
      font,
      color: rgb(0x55 / 255, 0x55 / 255, 0x55 / 255),
    });
  });
  out.setTitle(info.title);
  out.setAuthor(info.author);
  out.setSubject(info.subject);
  out.setCreator(info.creator);
  out.setProducer('pdfmake and pdf-lib');
  collectGarbage();
  const saved = await out.save();
  return Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength);
}
