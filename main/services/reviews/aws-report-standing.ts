import type { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import type { Category } from '../../../shared/domain/workspace';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import type { ReviewStanding } from '../../../shared/rules/reviews/review-standing';
import { contentSha256, standingOf } from './review-kernel';

/** SHA-256 of what the reviewer of AWS's report signs: the review's content, without bookkeeping or signature. */
export const reviewContentSha256 = (doc: AwsReportReviewDoc): string => contentSha256(reviewDraftOf(doc));

/**
 * Where the review of AWS's SOC 2 report stands for a scope (the workspace's audit, or an
 * exported bundle's): its signature is judged for the "as of" date and categories it was signed for.
 */
export function awsReportStanding(
  doc: AwsReportReviewDoc,
  blocking: number,
  scope: { asOfDate: string; categories: readonly Category[] },
  subject: 'audit' | 'bundle' = 'audit',
): ReviewStanding {
  return standingOf(doc.signed, reviewDraftOf(doc), blocking, { ...scope, subject });
}
