import type { ControlDef } from '../../../shared/catalog/types';
import type { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import type { Category } from '../../../shared/domain/workspace';
import {
  blockingProblems,
  reviewContext,
  reviewProblems,
  type ReviewProblem,
} from '../../../shared/rules/aws-report-review';
import type { KeyVerdict, ReviewStanding } from '../../../shared/rules/reviews/review-standing';
import { awsReportStanding } from '../reviews/aws-report-standing';

/**
 * The review of AWS's SOC 2 report judged for a bundle: its problems and its standing for the
 * bundle's as-of date and categories (the export may choose others than the workspace's, and
 * the auditor reads the bundle's). The bundle model and the review's section both read this.
 */
export function judgeAwsReviewForBundle(
  review: AwsReportReviewDoc,
  scope: { asOfDate: string; categories: readonly Category[] },
  today: string,
  catalog: readonly ControlDef[],
  key: KeyVerdict,
): { problems: ReviewProblem[]; standing: ReviewStanding } {
  const problems = reviewProblems(review, reviewContext(scope, today, catalog));
  return { problems, standing: awsReportStanding(review, blockingProblems(problems).length, scope, key, 'bundle') };
}
