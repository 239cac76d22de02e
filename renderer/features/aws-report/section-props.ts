import type { AwsReportReviewDraft } from '../../../shared/domain/aws-report-review';

/** What every part of the review form receives: the draft, a way to change it, and whether it is frozen (signed). */
export interface SectionProps {
  draft: AwsReportReviewDraft;
  setDraft(update: (draft: AwsReportReviewDraft) => AwsReportReviewDraft): void;
  disabled: boolean;
}

export const labelled = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
