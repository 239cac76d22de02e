import type { AwsReportReviewDoc, ReviewSignature } from '../../../shared/domain/aws-report-review';
import type { Category } from '../../../shared/domain/workspace';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import type { KeyVerdict, ReviewStanding } from '../../../shared/rules/reviews/review-standing';
import type { SignOffStatementInput } from '../../../shared/rules/reviews/sign-off-statement';
import { contentSha256, standingOf } from './review-kernel';
import { statementOf, type SignOffKeys } from './sign-off-keys';

/** The AWS report review is one per workspace: its id in a sign-off statement. */
export const AWS_REPORT_REVIEW_ID = 'aws-report-review';

/** SHA-256 of what the reviewer of AWS's report signs: the review's content, without bookkeeping or signature. */
export const reviewContentSha256 = (doc: AwsReportReviewDoc): string => contentSha256(reviewDraftOf(doc));

/** The statement a sign-off of this review signs: the content hash, who, when, and the scope and report copy it was judged for. */
export const awsReportStatement = (signed: Omit<ReviewSignature, 'key'>, workspaceId: string): SignOffStatementInput =>
  statementOf('aws-report-review', workspaceId, AWS_REPORT_REVIEW_ID, signed, {
    asOfDate: signed.asOfDate,
    categories: [...signed.categories],
    reportSha256: signed.reportSha256 ?? null,
  });

/** What checking the review's SSH signature finds (none without a sign-off or a key). */
export const awsReportKeyVerdict = (
  keys: SignOffKeys,
  doc: AwsReportReviewDoc,
  workspaceId: string,
  options: { fresh?: boolean } = {},
): Promise<KeyVerdict> =>
  doc.signed
    ? keys.verdict(awsReportStatement(doc.signed, workspaceId), doc.signed.key, options)
    : Promise.resolve({ kind: 'none' });

/**
 * Where the review of AWS's SOC 2 report stands for a scope (the workspace's audit, or an
 * exported bundle's): its signature is judged for the "as of" date and categories it was signed
 * for, and, when it carries an SSH signature, by what checking it found.
 */
export function awsReportStanding(
  doc: AwsReportReviewDoc,
  blocking: number,
  scope: { asOfDate: string; categories: readonly Category[] },
  key: KeyVerdict,
  subject: 'audit' | 'bundle' = 'audit',
): ReviewStanding {
  return standingOf(doc.signed, reviewDraftOf(doc), blocking, key, { ...scope, subject });
}
