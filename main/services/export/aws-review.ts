import type { ControlDef } from '../../../shared/catalog/types';
import type { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import type { ControlStatus } from '../../../shared/domain/control-state';
import { reportGapDays, type ReviewProblem } from '../../../shared/rules/aws-report-review';
import { awsReviewConclusion, type AwsReviewConclusion } from '../../../shared/rules/aws-report-standing';
import { signOffWords, type ReviewStanding } from '../../../shared/rules/reviews/review-standing';
import { judgeAwsReviewForBundle } from './aws-review-judgement';
import type { BundleModel } from './bundle-model';

/** A company control named by a CUEC, as the bundle shows it. */
export interface CuecControl {
  id: string;
  /** The catalog title; empty when the id is not in the catalog. */
  title: string;
  /** Null when the control is outside the bundle's scope (or unknown): the bundle holds nothing for it. */
  status: ControlStatus | null;
  /** Evidence files in the bundle that support it. */
  evidenceCount: number;
  inScope: boolean;
  inCatalog: boolean;
}

export interface BundleCuec {
  id: string;
  text: string;
  controls: CuecControl[];
}

/** The review of AWS's SOC 2 report as the bundle shows it: the document, what is still open, the CUEC mapping resolved. */
export interface BundleAwsReview {
  review: AwsReportReviewDoc;
  problems: ReviewProblem[];
  /** Where the review stands for this bundle (the review kernel's answer). */
  standing: ReviewStanding;
  /** Why the signature does not stand for this bundle: signed for another as-of date or categories, or changed since. */
  signatureProblems: string[];
  /** Days from the report's end to the bundle's as-of date; null until the end is recorded. */
  gapDays: number | null;
  cuecs: BundleCuec[];
}

/**
 * Resolves the review against the bundle: problems and the gap are computed for the bundle's
 * as-of date and categories (the export may choose others than the workspace's, and the
 * auditor reads the bundle's), CUEC controls get the status and evidence count the bundle shows.
 */
export function bundleAwsReview(
  review: AwsReportReviewDoc,
  model: BundleModel,
  catalog: readonly ControlDef[],
): BundleAwsReview {
  const { asOfDate, categories } = model.options;
  const inScope = new Map(model.controls.map((c) => [c.def.id, c]));
  const defs = new Map(catalog.map((d) => [d.id, d]));
  const { problems, standing } = judgeAwsReviewForBundle(
    review,
    { asOfDate, categories },
    model.generatedAt.slice(0, 10),
    catalog,
    model.signOffs.awsReportReview,
  );
  const end = review.report.periodEnd;
  return {
    review,
    problems,
    standing,
    signatureProblems: standing.signatureProblems,
    gapDays: end ? reportGapDays(end, asOfDate) : null,
    cuecs: review.cuecs.map((cuec) => ({
      id: cuec.id,
      text: cuec.text,
      controls: cuec.controlIds.map((id): CuecControl => {
        const control = inScope.get(id);
        return {
          id,
          title: defs.get(id)?.title ?? '',
          status: control?.state.status ?? null,
          evidenceCount: control?.evidence.length ?? 0,
          inScope: control !== undefined,
          inCatalog: defs.has(id),
        };
      }),
    })),
  };
}

export const blockingOf = (r: BundleAwsReview) => r.problems.filter((p) => p.severity === 'blocking');
export const warningsOf = (r: BundleAwsReview) => r.problems.filter((p) => p.severity === 'warning');

/** Where the review stands for this bundle: it decides the wording of the section and of the review control's page. */
export type BundleReviewState = AwsReviewConclusion;

export const reviewState = (r: BundleAwsReview): BundleReviewState =>
  awsReviewConclusion(r.standing, r.review.conclusion.reliance ?? null);

/** What the review says, in the state it is in: the section's opening after the carve-out sentence. */
export function reviewIntro(r: BundleAwsReview): string {
  const cuecs = 'complementary user entity controls (CUECs)';
  switch (reviewState(r)) {
    case 'relied_on':
      return `The company reviewed AWS's own SOC 2 report and concluded that it relies on it${r.review.conclusion.reliance === 'rely_with_follow_ups' ? ', with the follow-ups below' : ''}; it meets the ${cuecs} the report leaves to customers with the controls mapped below. The controls inherited from AWS count on this review.`;
    case 'not_relied_on':
      return `The company reviewed AWS's own SOC 2 report and concluded that it does not rely on it (the follow-ups say what it does instead): the controls inherited from AWS are not covered by this review and count as in progress at most. The ${cuecs} the report leaves to customers are mapped below.`;
    case 'signature_forged':
      return `The review of AWS's own SOC 2 report carries a sign-off whose SSH signature does not verify (see why below): it is forged and counts as not signed, so the controls inherited from AWS count as in progress at most. The ${cuecs} the report leaves to customers are mapped below, as the file holds them.`;
    case 'signature_stale':
      return `The company signed off a review of AWS's own SOC 2 report, but that sign-off does not stand for this bundle (see why below): until the review is reopened, checked and signed again, the controls inherited from AWS count as in progress at most. The ${cuecs} the report leaves to customers are mapped below, as signed.`;
    case 'draft':
      return `The company's review of AWS's own SOC 2 report is a draft, not signed: it does not yet conclude whether the company relies on the report, so the controls inherited from AWS count as in progress at most. The ${cuecs} the report leaves to customers, and the controls mapped to them so far, are listed below.`;
  }
}

/** One line on where the review stands, for the review control's page (the review is its evidence for CC9.2). */
export function reviewStatusLine(r: BundleAwsReview): string {
  const by = r.standing.signed ? signOffWords(r.standing.signed) : '';
  switch (reviewState(r)) {
    case 'signature_forged':
      return `NOT SIGNED — ${r.signatureProblems.join(' ')} The inherited controls count as in progress at most.`;
    case 'relied_on':
      return `${by}, relying on AWS's report.`;
    case 'not_relied_on':
      return `${by}, concluding not to rely on AWS's report: the inherited controls count as in progress at most.`;
    case 'signature_stale':
      return `${by}, but the sign-off does not stand for this bundle: ${r.signatureProblems.join(' ')}`;
    case 'draft': {
      const open = r.standing.blocking;
      return `NOT SIGNED — draft${open > 0 ? ` with ${open} thing${open === 1 ? '' : 's'} open` : ''}: the inherited controls count as in progress at most.`;
    }
  }
}
