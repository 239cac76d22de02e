import { ACCESS_REVIEW_TITLE, type BundleAccessRow } from '../access-review-bundle';
import {
  ACCESS_ROWS_SHOWN,
  accessReviewIntro,
  accessReviewSchedule,
  accessReviewSignature,
} from '../access-review-text';
import type { BundleAccessReview } from '../access-review-bundle';
import { ADDED_BUNDLE_FILES } from '../layout';
import { cell, code, h1, h2, para, table, type PdfNode } from './nodes';

const TONES = { pass: '#1b7a3a', warn: '#9a6700', bad: '#a33' };

function rowsTable(rows: BundleAccessRow[], withFollowUp: boolean): PdfNode[] {
  if (rows.length === 0) return [para('None.', 'small')];
  const shown = rows.slice(0, ACCESS_ROWS_SHOWN);
  const small = { fontSize: 7.5 };
  return [
    table(
      withFollowUp ? [110, 90, 70, '*', 80] : [120, 110, 80, '*'],
      ['Identity', 'Flags', 'Reviewer', 'Decision', ...(withFollowUp ? ['Carried out?'] : [])],
      shown.map((r) => [
        {
          stack: [
            cell(r.name, small),
            cell(`${r.kind}${r.accounts ? ` · ${r.accounts}` : ''}`, { fontSize: 6.5, color: '#555' }),
          ],
        },
        cell(r.flags, small),
        cell(r.reviewers, small),
        {
          stack: [
            cell(r.decision, { ...small, bold: true }),
            ...(r.justification ? [cell(r.justification, small)] : []),
            ...(r.decidedBy ? [cell(r.decidedBy, { fontSize: 6.5, color: '#555' })] : []),
          ],
        },
        ...(withFollowUp ? [cell(r.followUp, small)] : []),
      ]),
      { dontBreakRows: false },
    ),
    ...(rows.length > shown.length
      ? [para(`${rows.length - shown.length} more in ${ADDED_BUNDLE_FILES.accessReviewDecisionsCsv}.`, 'small')]
      : []),
  ];
}

/**
 * The access review in index.pdf, and the summary PDF stored as evidence on sign-off: scope,
 * counts, flagged rows, removes and changes, who decided, sign-off.
 */
export function accessReviewSection(r: BundleAccessReview, title = ACCESS_REVIEW_TITLE): PdfNode[] {
  const sig = accessReviewSignature(r);
  return [
    h1(title, { pageBreak: true }),
    { text: sig.text, bold: true, color: TONES[sig.tone], margin: [0, 0, 0, 8] },
    para(accessReviewIntro(r)),
    para(accessReviewSchedule(r), 'small'),
    ...(r.notes.length ? [{ ul: r.notes, fontSize: 8, margin: [0, 0, 0, 6] }] : []),
    h2('Who decided'),
    r.deciders.length
      ? { ul: r.deciders.map((d) => `${d.name}: ${d.decided} identit${d.decided === 1 ? 'y' : 'ies'}`), fontSize: 8.5 }
      : para('Nobody yet.', 'small'),
    h2(`Flagged identities (${r.flagged.length})`),
    ...rowsTable(r.flagged, false),
    h2(`Removes and changes (${r.changes.length})`),
    ...rowsTable(r.changes, true),
    // The sign-off summary is written before any bundle: it has no bundle evidence to list.
    ...(!r.evidence
      ? []
      : [
          h2('Evidence'),
          r.evidence.length
            ? {
                ul: r.evidence.map((e) => ({ text: [code(e.record.id, { fontSize: 7.5 }), ` ${e.record.title}`] })),
                fontSize: 8.5,
              }
            : para('No evidence of this review is in the bundle (its control is out of scope).', 'small'),
        ]),
  ];
}
