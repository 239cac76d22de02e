import { z } from 'zod';
import { method } from '../define';
import { SigningKeyChoice } from '../../domain/signing';
import { AwsReportReviewDraftInput, type AwsReportReviewDoc } from '../../domain/aws-report-review';
import type { ReviewProblem } from '../../rules/aws-report-review';
import type { ReviewStanding } from '../../rules/reviews/review-standing';

export interface AwsReportReviewView {
  review: AwsReportReviewDoc;
  /** What stands before signing (blocking) and what the auditor will ask about (warnings). */
  problems: ReviewProblem[];
  /** Where the review stands (the review kernel's answer): every screen words this. */
  standing: ReviewStanding;
  /** Why the signature no longer stands (the standing's signatureProblems); empty when it does or there is none. */
  signatureProblems: string[];
  /** Days from the report's end to the workspace's "as of" date; null until the end is known. */
  gapDays: number | null;
  asOfDate: string;
}

export const awsReportChannels = {
  get: method(z.undefined()).returns<AwsReportReviewView>(),
  save: method(AwsReportReviewDraftInput).returns<AwsReportReviewView>(),
  /** Opens the file dialog for the report PDF; null when cancelled. */
  chooseReportFile: method(z.undefined()).returns<AwsReportReviewView | null>(),
  /** Signs off; with `key`, signed with the person's SSH key (only public keys and key file paths cross). */
  sign: method(z.object({ key: SigningKeyChoice.optional() }).strict()).returns<AwsReportReviewView>(),
  reopen: method(z.object({ reason: z.string().max(1000) })).returns<AwsReportReviewView>(),
};
