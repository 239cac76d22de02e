import { CONTROLS } from '../catalog';
import type { ControlDef } from '../catalog/types';
import { CATEGORY_LABELS, type Category } from '../domain/workspace';
import { GAP_COVERAGE_LABELS, type AwsReportReviewDoc, type AwsReportReviewDraft } from '../domain/aws-report-review';
import { controlsInScope } from './coverage';

/**
 * What stands between a draft review of AWS's SOC 2 report and its sign-off. Pure.
 * `blocking` problems prevent signing; `warning`s are things an auditor will ask about, which
 * the reviewer may sign over knowingly (they appear in the bundle).
 */
export interface ReviewProblem {
  severity: 'blocking' | 'warning';
  /** Dotted path of the field it concerns, e.g. `report.periodEnd` or `cuecs.2`. */
  field: string;
  /** A sentence for people: what is wrong and what to do. */
  message: string;
}

export interface ReviewContext {
  /** The workspace's "as of" date (YYYY-MM-DD). */
  asOfDate: string;
  categories: readonly Category[];
  /** Every control id in the catalog, those in the workspace's scope, and those AWS operates. */
  knownControlIds: ReadonlySet<string>;
  controlIdsInScope: ReadonlySet<string>;
  inheritedControlIds: ReadonlySet<string>;
  /** Today (YYYY-MM-DD): a report cannot be issued, nor its period end, in the future. */
  today: string;
}

/** The context for a scope (the workspace's, or an export's) on a given day. */
export function reviewContext(
  scope: { asOfDate: string; categories: readonly Category[] },
  today: string,
  catalog: readonly ControlDef[] = CONTROLS,
): ReviewContext {
  return {
    asOfDate: scope.asOfDate,
    categories: scope.categories,
    knownControlIds: new Set(catalog.map((c) => c.id)),
    controlIdsInScope: new Set(controlsInScope(scope.categories, catalog).map((c) => c.id)),
    inheritedControlIds: new Set(catalog.filter((c) => c.responsibility === 'inherited').map((c) => c.id)),
    today,
  };
}

/** What a person edits, taken from the stored review (bookkeeping and signature left out). */
export function reviewDraftOf(doc: AwsReportReviewDoc): AwsReportReviewDraft {
  const { schemaVersion: _v, signed: _s, updatedAt: _a, updatedBy: _b, ...draft } = doc;
  return draft;
}

/** Bridge letters commonly cover up to three months past a report's end. */
const BRIDGE_LETTER_DAYS = 92;
/** AWS issues its SOC 2 report twice a year; one over a year old has a successor. */
const STALE_REPORT_DAYS = 365;
const NO_ASSURANCE_OPINIONS = new Set(['adverse', 'disclaimer']);

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Days from the report's last covered day to the workspace's "as of" date; 0 or less when covered. */
export const reportGapDays = (periodEnd: string, asOfDate: string): number =>
  dayNumber(asOfDate) - dayNumber(periodEnd);

export function reviewProblems(review: AwsReportReviewDraft, ctx: ReviewContext): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  const block = (field: string, message: string) => problems.push({ severity: 'blocking', field, message });
  const warn = (field: string, message: string) => problems.push({ severity: 'warning', field, message });
  const { conclusion } = review;
  // A Type 1 report speaks as of one date: a period start left from editing means nothing.
  const report = review.report.reportType === 'type1' ? { ...review.report, periodStart: undefined } : review.report;

  if (!report.title) block('report.title', "Enter the report's title as it appears on its cover.");
  if (!report.file)
    block(
      'report.file',
      'Choose the copy of the report you reviewed, so its SHA-256 is recorded (the file itself is not stored).',
    );
  if (!report.serviceAuditor) block('report.serviceAuditor', 'Name the service auditor who signed the report.');
  if (!report.opinion) block('report.opinion', "Record the service auditor's opinion (section II of the report).");
  if (!report.subserviceTreatment)
    block(
      'report.subserviceTreatment',
      "Record how AWS's report treats its own subservice organizations (carve-out or inclusive).",
    );
  if (!report.periodEnd)
    block(
      'report.periodEnd',
      report.reportType === 'type2'
        ? 'Enter the last day of the period the report covers.'
        : 'Enter the date the report speaks as of.',
    );
  if (report.reportType === 'type2' && !report.periodStart)
    block('report.periodStart', 'Enter the first day of the period the report covers.');
  if (report.periodStart && report.periodEnd && report.periodStart > report.periodEnd)
    block('report.periodStart', 'The period starts after it ends; check both dates.');
  if (!report.issuedOn) block('report.issuedOn', 'Enter the date the report was issued (the date of the opinion).');
  if (report.issuedOn && report.periodEnd && report.issuedOn < report.periodEnd)
    block('report.issuedOn', 'The report is dated before the end of its period; check both dates.');
  if (report.issuedOn && report.issuedOn > ctx.today)
    block('report.issuedOn', `The report is dated ${report.issuedOn}, after today: check the date of the opinion.`);
  if (report.periodEnd && report.periodEnd > ctx.today)
    block('report.periodEnd', `The report's period ends ${report.periodEnd}, after today: check the dates.`);
  const startsAfterAsOf = report.reportType === 'type2' ? report.periodStart : report.periodEnd;
  if (startsAfterAsOf && startsAfterAsOf > ctx.asOfDate) {
    block(
      report.reportType === 'type2' ? 'report.periodStart' : 'report.periodEnd',
      `The report covers AWS from ${startsAfterAsOf}, after your "as of" date (${ctx.asOfDate}): it says nothing about AWS's controls on that date. Review the report whose period includes it.`,
    );
  }
  if (report.periodEnd && reportGapDays(report.periodEnd, ctx.today) > STALE_REPORT_DAYS) {
    warn(
      'report.periodEnd',
      `The report ended more than a year ago (${report.periodEnd}); AWS issues a new one every six months. Review the current one if it covers your "as of" date.`,
    );
  }
  if (report.reportType === 'type1')
    warn(
      'report.reportType',
      "A Type 1 report shows design only; auditors expect AWS's Type 2 report, which tests operation over a period.",
    );
  if (report.opinion && report.opinion !== 'unmodified' && !conclusion.followUps) {
    block(
      'conclusion.followUps',
      'The opinion is not unmodified: explain in the follow-ups why you can still rely on the report, or what you do instead.',
    );
  }
  if (
    report.opinion &&
    NO_ASSURANCE_OPINIONS.has(report.opinion) &&
    conclusion.reliance &&
    conclusion.reliance !== 'do_not_rely'
  ) {
    block(
      'conclusion.reliance',
      'An adverse opinion or a disclaimer gives no assurance: you cannot rely on this report. Conclude that you do not rely on it, and say what you do instead.',
    );
  }

  if (report.categories.length === 0)
    block('report.categories', 'Tick the trust services categories the report covers.');
  else {
    for (const category of ctx.categories) {
      if (!report.categories.includes(category)) {
        warn(
          'report.categories',
          `AWS's report does not cover ${CATEGORY_LABELS[category]}, which is in your scope: your own controls must meet those criteria without relying on AWS.`,
        );
      }
    }
  }

  if (review.services.length === 0)
    block('services', 'List the AWS services your system uses and whether the report covers each.');
  review.services.forEach((s, i) => {
    if (!s.inScope && !s.note)
      block(`services.${i}`, `${s.service} is not in the report's scope: say how you get assurance for it.`);
  });
  if (!review.regions)
    warn('regions', 'Name the AWS regions your system runs in, so the auditor can match them to the report.');

  review.exceptions.forEach((e, i) => {
    const label = `Exception ${i + 1}`;
    if (!e.description) block(`exceptions.${i}`, `${label}: describe the deviation the service auditor found.`);
    if (!e.awsResponse) block(`exceptions.${i}`, `${label}: record AWS's response to it, as the report states it.`);
    if (!e.impact) block(`exceptions.${i}`, `${label}: assess its impact on your system.`);
    if (e.impact && e.impact !== 'none' && !e.assessment)
      block(`exceptions.${i}`, `${label}: explain which of your controls cover it or what you will do.`);
  });

  if (review.cuecs.length === 0)
    block('cuecs', "List the complementary user entity controls from section III of AWS's report.");
  review.cuecs.forEach((c, i) => {
    const label = `CUEC ${i + 1}`;
    if (c.controlIds.length === 0)
      block(`cuecs.${i}`, `${label} is not met by any of your controls: map it to the controls that meet it.`);
    const unknown = c.controlIds.filter((id) => !ctx.knownControlIds.has(id));
    if (unknown.length > 0)
      block(`cuecs.${i}`, `${label} names controls that are not in the catalog: ${unknown.join(', ')}.`);
    const inherited = c.controlIds.filter((id) => ctx.inheritedControlIds.has(id));
    if (inherited.length > 0)
      block(
        `cuecs.${i}`,
        `${label} is mapped to controls AWS operates (${inherited.join(', ')}): a CUEC is what you do, so map it to your own controls.`,
      );
    const outOfScope = c.controlIds.filter((id) => ctx.knownControlIds.has(id) && !ctx.controlIdsInScope.has(id));
    const ownInScope = c.controlIds.filter((id) => ctx.controlIdsInScope.has(id) && !ctx.inheritedControlIds.has(id));
    if (outOfScope.length > 0 && ownInScope.length === 0)
      block(
        `cuecs.${i}`,
        `${label} is met only by controls outside this workspace's scope (${outOfScope.join(', ')}): map it to a control in scope.`,
      );
    else if (outOfScope.length > 0)
      warn(`cuecs.${i}`, `${label} also names controls outside this workspace's scope: ${outOfScope.join(', ')}.`);
  });

  if (report.periodEnd) {
    const gap = reportGapDays(report.periodEnd, ctx.asOfDate);
    if (gap > 0 && !conclusion.gapCoverage) {
      block(
        'conclusion.gapCoverage',
        `The report ends ${gap} day${gap === 1 ? '' : 's'} before your "as of" date (${ctx.asOfDate}): say how that gap is covered.`,
      );
    }
    if (gap > BRIDGE_LETTER_DAYS && conclusion.gapCoverage === 'bridge_letter') {
      warn(
        'conclusion.gapCoverage',
        `A bridge letter is said to cover ${gap} days; they usually cover up to three months. Check its dates, or review AWS's next report.`,
      );
    }
    if (gap > 0 && conclusion.gapCoverage === 'not_covered') {
      warn(
        'conclusion.gapCoverage',
        `${GAP_COVERAGE_LABELS.not_covered}: ${gap} days between the report's end and your "as of" date have no assurance from AWS.`,
      );
    }
  }

  if (!conclusion.reliance) block('conclusion.reliance', 'Conclude whether you rely on the report.');
  if (conclusion.reliance && conclusion.reliance !== 'rely' && !conclusion.followUps)
    block('conclusion.followUps', 'Write the follow-ups your conclusion depends on.');
  if (review.exceptions.some((e) => e.impact === 'action_needed') && !conclusion.followUps) {
    block('conclusion.followUps', 'An exception needs action from you: record it in the follow-ups.');
  }
  return problems;
}

export const blockingProblems = (problems: readonly ReviewProblem[]) =>
  problems.filter((p) => p.severity === 'blocking');
