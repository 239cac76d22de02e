import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import roboto from 'pdfmake/fonts/Roboto';
import type { BundleContent } from '../content';
import { controlPage, evidenceIndex } from './control-pages';
import type { PdfNode } from './nodes';
import { controlMatrix, cover, criteriaCoverageTable, exclusionsSection, scope } from './sections';

const FONT_DIR = dirname(roboto.Roboto.normal);
let configured = false;

/** Fonts come from the pdfmake package; nothing else on disk or the network may be read. */
function configure() {
  if (configured) return;
  pdfmake.setFonts(roboto);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  configured = true;
}

export function documentDefinition(content: BundleContent): Record<string, unknown> {
  const { model, fingerprint } = content;
  const images = Object.fromEntries([...content.thumbnails].map(([id, png]) => [`thumb:${id}`, `data:image/png;base64,${png.toString('base64')}`]));
  const body: PdfNode[] = [
    ...cover(content),
    { toc: { title: { text: 'Contents', style: 'h1' }, numberStyle: { fontSize: 8 }, textStyle: { fontSize: 8.5 } }, pageBreak: 'before' },
    ...scope(content),
    ...controlMatrix(content),
    ...criteriaCoverageTable(content),
    ...model.controls.flatMap((c) => controlPage(c, content)),
    ...exclusionsSection(content),
    ...evidenceIndex(content),
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 56, 40, 48],
    info: {
      title: `${model.meta.companyName} SOC 2 Type 1 bundle as of ${model.options.asOfDate}`,
      author: model.preparedBy.name,
      subject: `Bundle fingerprint ${fingerprint}`,
      creator: `Audit Workbench ${model.appVersion}`,
    },
    header: (page: number) =>
      page === 1
        ? null
        : {
            columns: [
              { text: model.meta.companyName, bold: true },
              { text: `SOC 2 Type 1 as of ${model.options.asOfDate}`, alignment: 'right' },
            ],
            margin: [40, 24, 40, 0],
            fontSize: 7.5,
            color: '#555',
          },
    footer: (page: number, pages: number) => ({ text: `Page ${page} of ${pages}`, alignment: 'center', fontSize: 7.5, color: '#555', margin: [0, 16, 0, 0] }),
    content: body,
    images,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      coverKicker: { fontSize: 14, color: '#555' },
      coverTitle: { fontSize: 26, bold: true },
      coverSubtitle: { fontSize: 16 },
      h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fontSize: 7.5, color: '#333' },
      label: { bold: true, color: '#444' },
      small: { fontSize: 7.5, color: '#444' },
      code: { color: '#222' },
      table: { margin: [0, 2, 0, 10] },
    },
  };
}

export async function renderPdf(content: BundleContent): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(documentDefinition(content)).getBuffer();
}
