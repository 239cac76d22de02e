import { Badge } from '@mantine/core';
import { RESPONSIBILITY_LABELS, type Responsibility } from '../../../shared/catalog/types';
import { STATUS_LABELS, type ControlStatus } from '../../../shared/domain/control-state';

const STATUS_COLORS: Record<ControlStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  ready_for_review: 'yellow',
  accepted: 'green',
};
const RESPONSIBILITY_COLORS: Record<Responsibility, string> = { inherited: 'teal', owned: 'indigo', shared: 'grape' };

export const StatusBadge = ({ status }: { status: ControlStatus }) => (
  <Badge color={STATUS_COLORS[status]} variant="light" data-testid="status-badge">
    {STATUS_LABELS[status]}
  </Badge>
);

export const ResponsibilityBadge = ({ responsibility }: { responsibility: Responsibility }) => (
  <Badge color={RESPONSIBILITY_COLORS[responsibility]} variant="outline">
    {RESPONSIBILITY_LABELS[responsibility]}
  </Badge>
);
