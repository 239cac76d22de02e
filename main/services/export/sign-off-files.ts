import type { ManifestSignOff } from '../../../shared/domain/manifest';
import type { SignOffKey } from '../../../shared/domain/signing';
import { accessReviewContent } from '../../../shared/rules/access/review-rules';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import {
  standingSummary,
  type ReviewSignatureCore,
  type ReviewStanding,
} from '../../../shared/rules/reviews/review-standing';
import { signOffStatement, type SignOffStatementInput } from '../../../shared/rules/reviews/sign-off-statement';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { accessReviewStatement } from '../access-reviews/access-review-sign-off';
import { awsReportStatement } from '../reviews/aws-report-standing';
import { signOffAllowedSigners } from '../reviews/sign-off-keys';
import { storedReviewOf, type BundleAccessReview } from './access-review-bundle';
import type { BundleAwsReview } from './aws-review';
import type { ExportSource } from './bundle-model';
import { SIGN_OFF_ALLOWED_SIGNERS, signOffPaths } from './layout';

export interface SignOffFile {
  path: string;
  bytes: Buffer;
  mediaType: string;
}

/**
 * What the bundle ships for each sign-off signed with an SSH key that stands for this bundle:
 * the statement exactly as signed, the signature, and the review's content as canonical JSON
 * (its SHA-256 is the statement's contentSha256), plus one allowed_signers for their keys. A
 * forged, stale or key-less sign-off ships none of these: the bundle words it as not signed, no
 * longer standing, or "recorded by NAME, not signed with a key".
 */
export function signOffFiles(
  source: Pick<ExportSource, 'meta' | 'awsReportReview' | 'accessReviews'>,
  awsReview: BundleAwsReview,
  accessReview: BundleAccessReview | undefined,
): { files: SignOffFile[]; entries: ManifestSignOff[] } {
  const shipped: { entry: ManifestSignOff; statement: string; key: SignOffKey; content: unknown }[] = [];
  const add = (
    kind: ManifestSignOff['kind'],
    reviewId: string,
    standing: ReviewStanding,
    signed: ReviewSignatureCore | null,
    statement: (signed: ReviewSignatureCore) => SignOffStatementInput,
    content: unknown,
  ) => {
    if (standing.state !== 'signed' || !standing.signed?.key || !signed?.key) return;
    const paths = signOffPaths(kind, reviewId);
    shipped.push({
      entry: {
        kind,
        review: reviewId,
        by: signed.by,
        at: signed.at,
        keyType: standing.signed.key.keyType,
        fingerprint: standing.signed.key.fingerprint,
        publicKey: signed.key.publicKey,
        ...paths,
      },
      statement: signOffStatement(statement(signed)),
      key: signed.key,
      content,
    });
  };
  const aws = source.awsReportReview;
  add(
    'aws-report-review',
    'aws-report-review',
    awsReview.standing,
    aws.signed,
    () => awsReportStatement(aws.signed!, source.meta.id),
    reviewDraftOf(aws),
  );
  const review = storedReviewOf(source.accessReviews, accessReview);
  if (review && accessReview)
    add(
      'access-review',
      review.id,
      accessReview.standing,
      review.signed,
      (signed) => accessReviewStatement(review, signed, source.meta.id),
      accessReviewContent(review),
    );
  if (shipped.length === 0) return { files: [], entries: [] };
  const allowed = [...new Set(shipped.map((s) => signOffAllowedSigners(s.entry.by, s.entry.publicKey)))].join('');
  const files: SignOffFile[] = shipped.flatMap((s) => [
    { path: s.entry.statement, bytes: Buffer.from(s.statement, 'utf8'), mediaType: 'application/json' },
    { path: s.entry.signature, bytes: Buffer.from(s.key.signature, 'utf8'), mediaType: 'text/plain' },
    { path: s.entry.content, bytes: Buffer.from(canonicalJson(s.content), 'utf8'), mediaType: 'application/json' },
  ]);
  files.push({ path: SIGN_OFF_ALLOWED_SIGNERS, bytes: Buffer.from(allowed, 'utf8'), mediaType: 'text/plain' });
  return { files, entries: shipped.map((s) => s.entry) };
}

/** The command README.txt gives the auditor for one sign-off. */
export const signOffVerifyCommand = (entry: ManifestSignOff): string =>
  `ssh-keygen -Y verify -f ${SIGN_OFF_ALLOWED_SIGNERS} -I ${entry.by.email} -n audit-signoff -s ${entry.signature} < ${entry.statement}`;

/** Each review's sign-off in the kernel's words, for README.txt (key-less ones read "recorded by …, not signed with a key"). */
export const signOffSummaries = (
  awsReview: BundleAwsReview,
  accessReview: BundleAccessReview | undefined,
): string[] => [
  `Review of AWS's SOC 2 report: ${standingSummary(awsReview.standing, 'export')}`,
  ...(accessReview ? [`Access review ${accessReview.id}: ${standingSummary(accessReview.standing, 'export')}`] : []),
];
