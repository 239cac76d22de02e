import type { BundleRequest } from '../content';
import { REQUESTS_INTRO, REQUESTS_TITLE } from '../text';
import { cell, code, h1, para, table, type PdfNode } from './nodes';

/** Rows per table and per laid-out part: a firm's list can run to thousands of lines. */
export const REQUESTS_PER_PART = 200;

const small = { fontSize: 7.5 };
const muted = { fontSize: 6.8, color: '#555' };

/** One request: its row, then (spanning the table) the bundle path of each evidence file that answers it. */
function requestRows(r: BundleRequest): PdfNode[][] {
  const row: PdfNode[] = [
    { stack: [code(r.id, { fontSize: 7.5, bold: true }), ...(r.criteria ? [cell(r.criteria, muted)] : [])] },
    cell(r.text, small),
    {
      stack: [cell(r.status, { ...small, bold: true }), ...(r.auditorComment ? [cell(r.auditorComment, muted)] : [])],
    },
    {
      stack: [
        // The email on its own line: a name and address on one line breaks mid-address in this column.
        cell(r.owner ? r.owner.replace(' <', '\n<') : 'No owner', small),
        ...(r.dueDate ? [cell(`due ${r.dueDate}`, muted)] : []),
      ],
    },
    cell(r.response, small),
  ];
  if (r.evidence.length === 0) return [row];
  // Paths stay on one line each, so the auditor can search the PDF for a file name and copy it whole.
  const files: PdfNode[] = [
    {
      stack: [
        cell(`Evidence for ${r.id}:`, muted),
        ...r.evidence.map((e) => ({
          text: [code(e.path, { fontSize: 6.5 }), { text: `  ${e.record.title}`, ...muted }],
        })),
      ],
      colSpan: 5,
    },
    {},
    {},
    {},
    {},
  ];
  return [row, files];
}

/** The auditor's request list in index.pdf, by request id, as index.html has it; one node list per part. */
export function requestsSection(requests: BundleRequest[], perPart = REQUESTS_PER_PART): PdfNode[][] {
  const intro: PdfNode[] = [h1(REQUESTS_TITLE, { pageBreak: true }), para(REQUESTS_INTRO, 'small')];
  if (requests.length === 0) return [[...intro, para('The request list is empty.')]];
  const parts: PdfNode[][] = [];
  for (let start = 0; start < requests.length; start += perPart) {
    parts.push([
      ...(start === 0 ? intro : []),
      table(
        [62, '*', 62, 78, 130],
        ['Request', 'Text', 'Status', 'Owner and due date', 'Response'],
        requests.slice(start, start + perPart).flatMap(requestRows),
      ),
    ]);
  }
  return parts;
}
