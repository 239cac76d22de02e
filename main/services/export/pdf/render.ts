import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import roboto from 'pdfmake/fonts/Roboto';
import type { BundleContent } from '../content';
import { screenshotsToPreview } from '../thumbnails';
import { accessReviewSection } from './access-review-section';
import { awsReviewSection } from './aws-review-section';
import { controlPage, evidenceIndex } from './control-pages';
import { pdfInfo, type PdfInfo } from './info';
import { collectGarbage, joinParts } from './join';
import type { PdfNode } from './nodes';
import { requestsSection } from './requests-section';
import { controlMatrix, cover, criteriaCoverageTable, exclusionsSection, scope } from './sections';

/**
 * index.pdf is laid out in parts, one after another, and the parts are joined: pdfmake keeps a
 * whole document's layout in memory (tens of KB per table row), so a part's size, not the
 * workspace's, bounds the builder's memory. Each part starts on a new page, as its first
 * section or control page would anyway (evidence index parts excepted: a new part of the
 * index starts a new page).
 */
export const PART_SIZES = { controls: 25, thumbnails: 12, evidenceRows: 500 };

const FONT_DIR = dirname(roboto.Roboto.normal);
let configured = false;

/** Fonts come from the pdfmake package; nothing else on disk or the network may be read. */
export function configure() {
  if (configured) return;
  pdfmake.setFonts(roboto);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  configured = true;
}

interface Part {
  nodes: PdfNode[];
  /** Evidence ids whose thumbnails the part shows. */
  thumbnails: string[];
}

interface TocEntry {
  text: unknown;
  style: Record<string, unknown>;
  /** 1-based page in the joined document. */
  page: number;
}

function bodyParts(content: BundleContent, sizes: typeof PART_SIZES): Part[] {
  const { controls } = content.model;
  // The review of AWS's report follows the scope that carves AWS out; it is a part of its own, so the
  // first part stays the size it was (its CUEC and services tables can run to a few hundred rows).
  const parts: Part[] = [
    { nodes: scope(content), thumbnails: [] },
    { nodes: awsReviewSection(content), thumbnails: [] },
    { nodes: [...controlMatrix(content), ...criteriaCoverageTable(content)], thumbnails: [] },
  ];
  let part: Part | undefined;
  let inPart = 0;
  for (const control of controls) {
    const thumbnails = screenshotsToPreview(control.evidence)
      .map((e) => e.record.id)
      .filter((id) => content.thumbnails.has(id));
    // Thumbnails weigh most (pdfkit holds each image several times while it writes a part), so they bound a part too.
    if (
      !part ||
      inPart === sizes.controls ||
      (part.thumbnails.length + thumbnails.length > sizes.thumbnails && inPart > 0)
    ) {
      part = { nodes: [], thumbnails: [] };
      parts.push(part);
      inPart = 0;
    }
    part.nodes.push(...controlPage(control, content));
    part.thumbnails.push(...thumbnails);
    inPart++;
  }
  for (const nodes of exclusionsSection(content, sizes.evidenceRows)) parts.push({ nodes, thumbnails: [] });
  if (content.accessReview) parts.push({ nodes: accessReviewSection(content.accessReview), thumbnails: [] });
  if (content.requests) for (const nodes of requestsSection(content.requests)) parts.push({ nodes, thumbnails: [] });
  for (const nodes of evidenceIndex(content, sizes.evidenceRows)) parts.push({ nodes, thumbnails: [] });
  return parts;
}

export function styles() {
  return {
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
  };
}

/**
 * Lays out one part with pdfmake. Returns its bytes, its page count and, for each heading
 * marked `tocItem`, the part page it landed on (pdfmake records positions on the nodes it lays out).
 */
async function layoutPart(content: BundleContent, part: Part, info: PdfInfo, withCover: boolean) {
  const { model } = content;
  const headings: { node: { positions?: { pageNumber: number }[] }; text: unknown; style: Record<string, unknown> }[] =
    [];
  const nodes = part.nodes.map((node, i) => {
    if (typeof node !== 'object' || Array.isArray(node)) return node;
    // The first page of a part is a new page already; a page break there would leave it blank.
    const { tocItem, tocStyle, pageBreak, ...plain } = node;
    const laid = i === 0 ? plain : { ...plain, ...(pageBreak ? { pageBreak } : {}) };
    // A copy of the heading text, taken before pdfmake rewrites the node.
    if (tocItem)
      headings.push({
        node: laid,
        text: structuredClone(node.text),
        style: (tocStyle as Record<string, unknown>) ?? {},
      });
    return laid;
  });
  let pages = 0;
  const pdf = await pdfmake
    .createPdf({
      pageSize: 'A4',
      pageMargins: [40, 56, 40, 48],
      info: { title: info.title, author: info.author, subject: info.subject, creator: info.creator },
      header: (page: number, pageCount: number) => {
        pages = pageCount;
        return withCover && page === 1
          ? null
          : {
              columns: [
                { text: model.meta.companyName, bold: true },
                { text: `SOC 2 Type 1 as of ${model.options.asOfDate}`, alignment: 'right' },
              ],
              margin: [40, 24, 40, 0],
              fontSize: 7.5,
              color: '#555',
            };
      },
      content: nodes,
      images: Object.fromEntries(
        part.thumbnails.map((id) => [
          `thumb:${id}`,
          `data:image/png;base64,${content.thumbnails.get(id)!.toString('base64')}`,
        ]),
      ),
      defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
      styles: styles(),
    })
    .getBuffer();
  const toc = headings.map(({ node, text, style }) => {
    const page = node.positions?.[0]?.pageNumber;
    if (!page) throw new Error('the page of a contents entry is unknown (pdfmake did not record it)');
    return { text, style, page };
  });
  return { pdf, pages, toc };
}

function frontPart(content: BundleContent, toc: TocEntry[]): Part {
  return {
    nodes: [
      ...cover(content),
      { text: 'Contents', style: 'h1', pageBreak: 'before' },
      {
        table: {
          // A fixed number column: the numbers do not change the layout, so the page count found with placeholders holds.
          widths: ['*', 36],
          body: toc.map((e) => [
            // Each layout gets its own copy: pdfmake rewrites the nodes it lays out.
            { text: structuredClone(e.text), fontSize: 8.5, ...e.style },
            { text: e.page ? String(e.page) : '', alignment: 'right', fontSize: 8 },
          ]),
        },
        layout: 'noBorders',
      },
    ],
    thumbnails: [],
  };
}

/**
 * Lays out every part of index.pdf, in order: the cover and contents first, then the body.
 * The body is laid out first: the contents need its page numbers.
 */
export async function layoutParts(content: BundleContent, sizes = PART_SIZES): Promise<Buffer[]> {
  configure();
  const info = pdfInfo(content);
  const pdfs: Buffer[] = [];
  const toc: TocEntry[] = [];
  let bodyPages = 0;
  for (const part of bodyParts(content, sizes)) {
    const laid = await layoutPart(content, part, info, false);
    pdfs.push(laid.pdf);
    toc.push(...laid.toc.map((e) => ({ ...e, page: bodyPages + e.page })));
    bodyPages += laid.pages;
    // Collecting the finished part's layout now keeps the heap at one part's size.
    collectGarbage();
  }
  // The cover and contents come first, so every body page number moves by their length.
  const draft = await layoutPart(
    content,
    frontPart(
      content,
      toc.map((e) => ({ ...e, page: 0 })),
    ),
    info,
    true,
  );
  const front = await layoutPart(
    content,
    frontPart(
      content,
      toc.map((e) => ({ ...e, page: draft.pages + e.page })),
    ),
    info,
    true,
  );
  if (front.pages !== draft.pages) throw new Error('the contents changed length when page numbers were filled in');
  return [front.pdf, ...pdfs];
}

/** index.pdf in this process (tests); the export uses render-in-child.ts. */
export async function renderPdf(content: BundleContent, sizes = PART_SIZES): Promise<Buffer> {
  return joinParts(await layoutParts(content, sizes), (bytes) => bytes, pdfInfo(content));
}
