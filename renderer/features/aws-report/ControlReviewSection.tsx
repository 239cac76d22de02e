import { Card } from '@mantine/core';
import { AWS_REPORT_REVIEW_CONTROL_ID } from '../../../shared/catalog';
import { ReviewStatusLine } from './ReviewStatusLine';

/** On the page of the control the review proves (vendor risk management): where the review stands. */
export function ControlReviewSection({ controlId }: { controlId: string }) {
  if (controlId !== AWS_REPORT_REVIEW_CONTROL_ID) return null;
  return (
    <Card withBorder data-testid="control-aws-report">
      <ReviewStatusLine />
    </Card>
  );
}
