import { Badge } from '@mantine/core';
import { CHECK_RESULT_LABELS, type CheckResult } from '../../../shared/domain/findings';

const COLORS: Record<CheckResult, string> = {
  pass: 'green',
  fail: 'red',
  needs_review: 'yellow',
  not_applicable: 'gray',
  error: 'orange',
};

export const ResultBadge = ({ result, testId = 'check-result' }: { result: CheckResult; testId?: string }) => (
  <Badge color={COLORS[result]} variant="light" data-testid={testId} data-result={result}>
    {CHECK_RESULT_LABELS[result]}
  </Badge>
);

/** `2026-11-26T10:02:03.123Z` → `2026-11-26 10:02 UTC`: times are always shown in UTC, as evidence records them. */
export const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
