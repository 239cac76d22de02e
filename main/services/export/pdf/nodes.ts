/** A pdfmake document node. pdfmake has no types; this keeps our builders honest enough. */
export type PdfNode = string | { [key: string]: unknown } | PdfNode[];

export const h1 = (text: string, options: { pageBreak?: boolean } = {}): PdfNode => ({
  text,
  style: 'h1',
  tocItem: true,
  ...(options.pageBreak ? { pageBreak: 'before' } : {}),
});

export const h2 = (text: string): PdfNode => ({ text, style: 'h2' });

export const para = (text: string | PdfNode[], style?: string): PdfNode => ({
  text,
  ...(style ? { style } : {}),
  margin: [0, 0, 0, 6],
});

/** Ids and hashes must stay on one line so text search and copy-paste find them whole. */
export const code = (text: string, extra: Record<string, unknown> = {}): PdfNode => ({
  text,
  style: 'code',
  noWrap: true,
  ...extra,
});

export const cell = (text: string | number, extra: Record<string, unknown> = {}): PdfNode => ({
  text: String(text),
  ...extra,
});

export function table(
  widths: (number | string)[],
  header: string[],
  rows: PdfNode[][],
  extra: Record<string, unknown> = {},
): PdfNode {
  return {
    table: {
      headerRows: 1,
      widths,
      dontBreakRows: true,
      body: [header.map((h) => ({ text: h, style: 'th' })), ...rows],
    },
    layout: 'lightHorizontalLines',
    style: 'table',
    ...extra,
  };
}

export const keyValues = (pairs: [string, string | PdfNode][]): PdfNode => ({
  table: {
    widths: [110, '*'],
    body: pairs.map(([k, v]) => [{ text: k, style: 'label' }, typeof v === 'string' ? { text: v } : v]),
  },
  layout: 'noBorders',
  margin: [0, 0, 0, 8],
});
