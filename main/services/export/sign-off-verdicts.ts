import type { KeyVerdict } from '../../../shared/rules/reviews/review-standing';
import { accessReviewKeyVerdicts } from '../access-reviews/access-review-sign-off';
import { awsReportKeyVerdict } from '../reviews/aws-report-standing';
import type { SignOffKeys } from '../reviews/sign-off-keys';
import type { ExportSource } from './bundle-model';

/** What checking each sign-off's SSH signature found, worked out once per export (ssh-keygen is async; the model is not). */
export interface SignOffVerdicts {
  awsReportReview: KeyVerdict;
  /** By access review id; every review of the history. */
  accessReviews: ReadonlyMap<string, KeyVerdict>;
}

/** Checks every sign-off's signature again, from the documents as they are now (never from what a screen remembered). */
export async function signOffVerdicts(
  source: Pick<ExportSource, 'meta' | 'awsReportReview' | 'accessReviews'>,
  keys: SignOffKeys,
): Promise<SignOffVerdicts> {
  return {
    awsReportReview: await awsReportKeyVerdict(keys, source.awsReportReview, source.meta.id, { fresh: true }),
    accessReviews: await accessReviewKeyVerdicts(keys, source.accessReviews?.reviews ?? [], source.meta.id, {
      fresh: true,
    }),
  };
}
