import pdfmake from 'pdfmake';
import { SAMPLE_MARK } from '../../../../shared/domain/workspace';
import type { PdfInfo } from './info';
import type { PdfNode } from './nodes';
import { configure, styles } from './render';

/**
 * A short PDF laid out in this process, in index.pdf's styles (the access review summary
 * stored as evidence on sign-off). Its tables are bounded, so its layout stays small; the
 * bundle's own index.pdf is laid out in parts in a child process instead.
 */
export async function renderStandalonePdf(nodes: PdfNode[], info: PdfInfo, header: string): Promise<Buffer> {
  configure();
  const { sample, ...metadata } = info;
  return pdfmake
    .createPdf({
      pageSize: 'A4',
      pageMargins: [40, 56, 40, 48],
      info: { ...metadata, ...(sample ? { title: `${SAMPLE_MARK}: ${metadata.title}` } : {}) },
      header: () => ({ text: header, margin: [40, 24, 40, 0], fontSize: 7.5, color: '#555' }),
      footer: (page: number, pages: number) => ({
        text: `${sample ? `${SAMPLE_MARK}  ·  ` : ''}${page} / ${pages}`,
        alignment: 'right',
        margin: [40, 12, 40, 0],
        fontSize: 7.5,
        color: '#555',
      }),
      // Headings are not contents entries here, and the first one starts the first page already.
      content: nodes.map((n) => {
        if (typeof n !== 'object' || Array.isArray(n)) return n;
        const { tocItem: _toc, pageBreak: _break, ...plain } = n;
        return plain;
      }),
      defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
      styles: styles(),
    })
    .getBuffer();
}
