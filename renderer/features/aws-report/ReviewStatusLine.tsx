import { Anchor, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AwsReportReviewView } from '../../../shared/ipc/channels/aws-report';
import { api } from '../../api/client';
import { standingSummary } from '../../../shared/rules/reviews/review-standing';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';

export const AWS_REPORT_SCREEN = 'aws-report';

/** Where the review stands, in one line, with a link to it: for the dashboard and the vendor control's page. */
export function ReviewStatusLine({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { version } = useWorkspace();
  const { navigate } = useRoute();
  const [view, setView] = useState<AwsReportReviewView | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api()
      .awsReport.get()
      .then((r) => !cancelled && r.ok && setView(r.value));
    return () => {
      cancelled = true;
    };
  }, [version]);
  if (!view) return null;
  const { standing } = view;
  const signed = standing.signed;
  const stale = standing.state === 'signature_stale';
  const state = standingSummary(standing);
  return (
    <Text
      size={size}
      data-testid="aws-report-status"
      data-review-state={stale ? 'signature-stale' : signed ? 'signed' : 'draft'}
    >
      Review of AWS's SOC 2 report:{' '}
      <Text span size={size} fw={600} c={signed && !stale ? 'green' : 'orange'}>
        {state}
      </Text>{' '}
      —{' '}
      <Anchor
        component="button"
        type="button"
        size={size}
        onClick={() => navigate({ screen: AWS_REPORT_SCREEN })}
        data-testid="aws-report-open"
      >
        Open the review
      </Anchor>
    </Text>
  );
}
