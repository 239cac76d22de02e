import {
  EXCEPTION_IMPACT_LABELS,
  GAP_COVERAGE_LABELS,
  OPINION_LABELS,
  RELIANCE_LABELS,
  SUBSERVICE_TREATMENT_LABELS,
} from '../../../../shared/domain/aws-report-review';
import { STATUS_LABELS } from '../../../../shared/domain/control-state';
import { CATEGORY_LABELS } from '../../../../shared/domain/workspace';
import type { ReviewProblem } from '../../../../shared/rules/aws-report-review';
import { blockingOf, reviewIntro, warningsOf, type BundleAwsReview, type CuecControl } from '../aws-review';
import type { BundleContent } from '../content';
import { AWS_REPORT_CONFIDENTIAL, AWS_REVIEW_TITLE, NOT_SIGNED, bundleSignOff } from '../text';
import { cell, code, h1, h2, keyValues, para, table, type PdfNode } from './nodes';

const RED = '#a33';
const GREEN = '#1b7a3a';
const AMBER = '#9a6700';
const missing = (value: string | undefined) => value || 'not recorded';

/** A control meeting a CUEC, with what the bundle holds for it: the auditor follows it to its page. */
function cuecControl(c: CuecControl): PdfNode {
  const state = c.status
    ? `${STATUS_LABELS[c.status]}, ${c.evidenceCount} evidence file${c.evidenceCount === 1 ? '' : 's'}`
    : c.inCatalog
      ? "outside this bundle's scope"
      : 'not a control in the catalog';
  return {
    text: [
      code(c.id, { fontSize: 6.5 }),
      c.title ? ` ${c.title}` : '',
      { text: ` (${state})`, color: c.status && c.evidenceCount > 0 ? '#444' : RED },
    ],
    fontSize: 7.5,
    margin: [0, 0, 0, 1],
  };
}

function signature(r: BundleAwsReview): PdfNode {
  const signOff = bundleSignOff(r.standing);
  if (!signOff)
    return {
      text: `${NOT_SIGNED}: the review below is unfinished and not yet concluded by the company.`,
      bold: true,
      color: RED,
      margin: [0, 0, 0, 8],
    };
  if (signOff.problems.length === 0) return { text: signOff.line, bold: true, color: GREEN, margin: [0, 0, 0, 8] };
  return {
    stack: [
      { text: signOff.line, bold: true, color: signOff.tone === 'bad' ? RED : AMBER },
      { text: 'The sign-off does not stand for this bundle:', bold: true, color: RED, margin: [0, 2, 0, 1] },
      { ul: signOff.problems.map((p) => ({ text: p, color: RED })), fontSize: 8 },
    ],
    margin: [0, 0, 0, 8],
  };
}

function problemList(title: string, problems: ReviewProblem[], color?: string): PdfNode[] {
  if (problems.length === 0) return [];
  return [
    { text: title, style: 'label', margin: [0, 4, 0, 2] },
    { ul: problems.map((p) => ({ text: p.message, ...(color ? { color } : {}) })), fontSize: 8, margin: [0, 0, 0, 6] },
  ];
}

function period(r: BundleAwsReview): string {
  const { reportType, periodStart, periodEnd } = r.review.report;
  // A Type 1 report speaks as of one date: a period start left from editing is not shown.
  if (reportType === 'type1') return periodEnd ? `as of ${periodEnd}` : 'not recorded';
  return periodStart || periodEnd ? `${missing(periodStart)} to ${missing(periodEnd)}` : 'not recorded';
}

function gapText(r: BundleAwsReview, asOfDate: string): string {
  const end = r.review.report.periodEnd;
  const { gapCoverage, gapNote } = r.review.conclusion;
  if (!end || r.gapDays === null)
    return "The report's period end is not recorded, so the gap to the as-of date is unknown.";
  const gap =
    r.gapDays > 0
      ? `The report ends on ${end}, ${r.gapDays} day${r.gapDays === 1 ? '' : 's'} before this bundle's as-of date (${asOfDate}).`
      : `The report's period (to ${end}) reaches this bundle's as-of date (${asOfDate}): there is no gap.`;
  const coverage =
    r.gapDays > 0 ? ` How it is covered: ${gapCoverage ? GAP_COVERAGE_LABELS[gapCoverage] : 'not recorded'}.` : '';
  return `${gap}${coverage}${gapNote ? ` ${gapNote}` : ''}`;
}

/**
 * The review of AWS's SOC 2 report (evidence for CC9.2): the auditor relies on it for every
 * inherited control. Laid out as its own part; it is a few pages at most (the review caps its lists).
 */
export function awsReviewSection(content: BundleContent): PdfNode[] {
  const r = content.awsReview;
  const { report, conclusion } = r.review;
  const blocking = blockingOf(r);
  const warnings = warningsOf(r);
  return [
    h1(AWS_REVIEW_TITLE, { pageBreak: true }),
    signature(r),
    para([
      `The controls AWS operates are carved out of this examination. ${reviewIntro(r)} Recorded under the control `,
      code(content.model.awsReviewControlId),
      ' (CC9.2).',
    ]),
    h2('The report'),
    keyValues([
      ['Title', missing(report.title)],
      ['Type', report.reportType === 'type2' ? 'SOC 2 Type 2' : 'SOC 2 Type 1'],
      ['Period', period(r)],
      ['Issued', missing(report.issuedOn)],
      ['Service auditor', missing(report.serviceAuditor)],
      ['Opinion', report.opinion ? OPINION_LABELS[report.opinion] : 'not recorded'],
      ['Categories', report.categories.map((c) => CATEGORY_LABELS[c]).join(', ') || 'not recorded'],
      [
        "AWS's own subservice organizations",
        report.subserviceTreatment ? SUBSERVICE_TREATMENT_LABELS[report.subserviceTreatment] : 'not recorded',
      ],
      [
        'Copy reviewed',
        report.file ? `${report.file.name} (${report.file.bytes.toLocaleString('en-US')} bytes)` : 'not recorded',
      ],
      ['SHA-256', report.file ? code(report.file.sha256, { fontSize: 7.5 }) : 'not recorded'],
    ]),
    para(AWS_REPORT_CONFIDENTIAL, 'small'),
    h2('AWS services used, and whether the report covers them'),
    r.review.services.length === 0
      ? para('No services recorded.')
      : table(
          [150, 70, '*'],
          ['Service', 'In the report', 'Note'],
          r.review.services.map((s) => [
            cell(s.service),
            cell(s.inScope ? 'Yes' : 'No', s.inScope ? {} : { color: RED, bold: true }),
            cell(s.note),
          ]),
          { fontSize: 8 },
        ),
    para([{ text: 'Regions: ', bold: true }, r.review.regions || 'not recorded']),
    h2("Exceptions in AWS's report"),
    r.review.exceptions.length === 0
      ? para('The review records no exceptions (deviations) in the report.')
      : table(
          [18, '*', '*', 70, '*'],
          ['#', 'Deviation found', "AWS's response", 'Impact on us', 'Assessment'],
          r.review.exceptions.map((e, i) => [
            cell(i + 1),
            cell(e.description),
            cell(e.awsResponse),
            cell(e.impact ? EXCEPTION_IMPACT_LABELS[e.impact] : 'not assessed', e.impact ? {} : { color: RED }),
            cell(e.assessment),
          ]),
          { fontSize: 7.5 },
        ),
    h2('Complementary user entity controls (CUECs) and the controls that meet them'),
    r.cuecs.length === 0
      ? para('No CUECs recorded.')
      : table(
          [22, '*', 250],
          ['#', 'CUEC, as the report states it', 'Our controls (status, evidence in this bundle)'],
          r.cuecs.map((c, i) => [
            cell(i + 1),
            cell(c.text),
            c.controls.length === 0
              ? cell('No control mapped', { color: RED, bold: true })
              : { stack: c.controls.map(cuecControl) },
          ]),
          { fontSize: 7.5 },
        ),
    para('cuecs.csv lists the same mapping, one row per CUEC and control.', 'small'),
    h2('Gap between the report and the as-of date'),
    para(gapText(r, content.model.options.asOfDate)),
    h2('Conclusion'),
    keyValues([
      ['Reliance', conclusion.reliance ? RELIANCE_LABELS[conclusion.reliance] : 'not concluded'],
      ['Follow-ups', conclusion.followUps || 'None recorded.'],
    ]),
    h2('Sign-off'),
    signature(r),
    // A signed review has none, unless the export chose another as-of date or scope than the one it was signed for.
    ...problemList(
      `${r.review.signed ? 'Open for this bundle' : 'Open before it can be signed'} (${blocking.length})`,
      blocking,
      RED,
    ),
    ...problemList(`Warnings (${warnings.length})`, warnings),
  ];
}
