import type { RELIANCE } from '../domain/aws-report-review';
import type { AwsReviewStanding } from './readiness';
import { signatureStands, type ReviewStanding } from './reviews/review-standing';

type Reliance = (typeof RELIANCE)[number] | null;

/** What readiness needs of the AWS report review, taken from the kernel's answer and the review's conclusion. */
export const awsReviewReadiness = (standing: ReviewStanding, reliance: Reliance): AwsReviewStanding => ({
  signed: standing.signed !== null,
  blockingProblems: standing.blocking,
  signatureProblems: standing.signatureProblems,
  forged: standing.forged !== null,
  reliance,
});

/** What the AWS report review concludes, as it stands: it decides the bundle's wording and what inherited controls count on. */
export type AwsReviewConclusion = 'relied_on' | 'not_relied_on' | 'draft' | 'signature_stale' | 'signature_forged';

export function awsReviewConclusion(standing: ReviewStanding, reliance: Reliance): AwsReviewConclusion {
  if (standing.forged) return 'signature_forged';
  if (!standing.signed) return 'draft';
  if (!signatureStands(standing)) return 'signature_stale';
  return reliance === 'do_not_rely' || !reliance ? 'not_relied_on' : 'relied_on';
}
