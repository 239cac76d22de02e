import {
  EXCEPTION_IMPACT_LABELS,
  GAP_COVERAGE_LABELS,
  OPINION_LABELS,
  RELIANCE_LABELS,
  SUBSERVICE_TREATMENT_LABELS,
} from '../../../shared/domain/aws-report-review';
import { STATUS_LABELS } from '../../../shared/domain/control-state';
import { CATEGORY_LABELS } from '../../../shared/domain/workspace';
import type { ReviewProblem } from '../../../shared/rules/aws-report-review';
import { blockingOf, reviewIntro, warningsOf, type BundleAwsReview, type CuecControl } from './aws-review';
import type { BundleContent } from './content';
import { controlAnchor, esc } from './html-escape';
import { AWS_REPORT_CONFIDENTIAL, AWS_REVIEW_TITLE, NOT_SIGNED, bundleSignOff } from './text';

export const AWS_REVIEW_ANCHOR = 'aws-report-review';

const orMissing = (value: string | undefined) => (value ? esc(value) : '<span class="bad">not recorded</span>');

/** A control meeting a CUEC, linked to its section when the bundle has one. */
function cuecControl(c: CuecControl): string {
  const id = `<code>${esc(c.id)}</code>`;
  if (!c.status)
    return `<li>${id} ${esc(c.title)} <span class="bad">(${c.inCatalog ? "outside this bundle's scope" : 'not a control in the catalog'})</span></li>`;
  const evidence = `${c.evidenceCount} evidence file${c.evidenceCount === 1 ? '' : 's'}`;
  return `<li><a href="#${controlAnchor(c.id)}">${id}</a> ${esc(c.title)} <span class="${c.evidenceCount > 0 ? 'muted' : 'bad'}">(${STATUS_LABELS[c.status]}, ${evidence})</span></li>`;
}

function signature(r: BundleAwsReview): string {
  const signOff = bundleSignOff(r.standing);
  if (!signOff)
    return `<p class="bad">${esc(NOT_SIGNED)}: the review below is unfinished and not yet concluded by the company.</p>`;
  const line = `<p class="${signOff.tone}" data-sign-off><strong>${esc(signOff.line)}</strong></p>`;
  if (signOff.problems.length === 0) return line;
  return `${line}<p class="bad">The sign-off does not stand for this bundle:</p><ul>${signOff.problems.map((p) => `<li class="bad">${esc(p)}</li>`).join('')}</ul>`;
}

const problemList = (title: string, problems: ReviewProblem[], cls: string) =>
  problems.length
    ? `<h2>${esc(title)} (${problems.length})</h2><ul>${problems.map((p) => `<li class="${cls}">${esc(p.message)}</li>`).join('')}</ul>`
    : '';

function gap(r: BundleAwsReview, asOfDate: string): string {
  const end = r.review.report.periodEnd;
  const { gapCoverage, gapNote } = r.review.conclusion;
  if (!end || r.gapDays === null)
    return "The report's period end is not recorded, so the gap to the as-of date is unknown.";
  const text =
    r.gapDays > 0
      ? `The report ends on ${end}, ${r.gapDays} day${r.gapDays === 1 ? '' : 's'} before this bundle's as-of date (${asOfDate}). How it is covered: ${gapCoverage ? GAP_COVERAGE_LABELS[gapCoverage] : 'not recorded'}.`
      : `The report's period (to ${end}) reaches this bundle's as-of date (${asOfDate}): there is no gap.`;
  return esc(`${text}${gapNote ? ` ${gapNote}` : ''}`);
}

/** The review of AWS's SOC 2 report in index.html, with the same content as the PDF section. */
export function awsReviewHtml(content: BundleContent): string {
  const r = content.awsReview;
  const { report, conclusion } = r.review;
  const reviewControl = content.model.awsReviewControlId;
  const type1 = report.reportType === 'type1';
  // A Type 1 report speaks as of one date: a period start left from editing is not shown.
  const period = type1
    ? report.periodEnd
      ? `as of ${esc(report.periodEnd)}`
      : orMissing(undefined)
    : `${orMissing(report.periodStart)} to ${orMissing(report.periodEnd)}`;
  const details: [string, string][] = [
    ['Title', orMissing(report.title)],
    ['Type', type1 ? 'SOC 2 Type 1' : 'SOC 2 Type 2'],
    ['Period', period],
    ['Issued', orMissing(report.issuedOn)],
    ['Service auditor', orMissing(report.serviceAuditor)],
    ['Opinion', orMissing(report.opinion && OPINION_LABELS[report.opinion])],
    ['Categories', orMissing(report.categories.map((c) => CATEGORY_LABELS[c]).join(', '))],
    [
      "AWS's own subservice organizations",
      orMissing(report.subserviceTreatment && SUBSERVICE_TREATMENT_LABELS[report.subserviceTreatment]),
    ],
    [
      'Copy reviewed',
      report.file
        ? `${esc(report.file.name)} (${report.file.bytes.toLocaleString('en-US')} bytes)`
        : orMissing(undefined),
    ],
    ['SHA-256', report.file ? `<code>${esc(report.file.sha256)}</code>` : orMissing(undefined)],
  ];
  const services = r.review.services
    .map(
      (s) =>
        `<tr><td>${esc(s.service)}</td><td${s.inScope ? '>Yes' : ' class="bad">No'}</td><td>${esc(s.note)}</td></tr>`,
    )
    .join('');
  const exceptions = r.review.exceptions
    .map(
      (e, i) =>
        `<tr><td>${i + 1}</td><td>${esc(e.description)}</td><td>${esc(e.awsResponse)}</td><td${e.impact ? `>${EXCEPTION_IMPACT_LABELS[e.impact]}` : ' class="bad">not assessed'}</td><td>${esc(e.assessment)}</td></tr>`,
    )
    .join('');
  const cuecs = r.cuecs
    .map(
      (c, i) =>
        `<tr><td>${i + 1}</td><td>${esc(c.text)}</td><td>${c.controls.length ? `<ul>${c.controls.map(cuecControl).join('')}</ul>` : '<span class="bad">No control mapped</span>'}</td></tr>`,
    )
    .join('');
  const blocking = blockingOf(r);
  return `<section id="${AWS_REVIEW_ANCHOR}"><h1>${esc(AWS_REVIEW_TITLE)}</h1>${signature(r)}
<p>The controls AWS operates are carved out of this examination. ${esc(reviewIntro(r))} Recorded under the control <a href="#${controlAnchor(reviewControl)}"><code>${esc(reviewControl)}</code></a> (CC9.2).</p>
<h2>The report</h2><dl class="cover">${details.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<p class="muted">${esc(AWS_REPORT_CONFIDENTIAL)}</p>
<h2>AWS services used, and whether the report covers them</h2>${services ? `<table><tr><th>Service</th><th>In the report</th><th>Note</th></tr>${services}</table>` : '<p class="bad">No services recorded.</p>'}
<p><strong>Regions:</strong> ${orMissing(r.review.regions)}</p>
<h2>Exceptions in AWS's report</h2>${exceptions ? `<table><tr><th>#</th><th>Deviation found</th><th>AWS's response</th><th>Impact on us</th><th>Assessment</th></tr>${exceptions}</table>` : '<p>The review records no exceptions (deviations) in the report.</p>'}
<h2>Complementary user entity controls (CUECs) and the controls that meet them</h2>${cuecs ? `<table><tr><th>#</th><th>CUEC, as the report states it</th><th>Our controls (status, evidence in this bundle)</th></tr>${cuecs}</table>` : '<p class="bad">No CUECs recorded.</p>'}
<p class="muted">cuecs.csv lists the same mapping, one row per CUEC and control.</p>
<h2>Gap between the report and the as-of date</h2><p>${gap(r, content.model.options.asOfDate)}</p>
<h2>Conclusion</h2><p><strong>Reliance:</strong> ${orMissing(conclusion.reliance && RELIANCE_LABELS[conclusion.reliance])}</p><p style="white-space:pre-wrap"><strong>Follow-ups:</strong> ${conclusion.followUps ? esc(conclusion.followUps) : 'None recorded.'}</p>
<h2>Sign-off</h2>${signature(r)}
${problemList(r.review.signed ? 'Open for this bundle' : 'Open before it can be signed', blocking, 'bad')}${problemList('Warnings', warningsOf(r), 'warn')}</section>`;
}
