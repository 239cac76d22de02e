import { Badge, Tooltip } from '@mantine/core';
import type { EvidenceKind, ListedIntegrity } from '../../../shared/domain/evidence';
import { DEFAULT_FRESHNESS_DAYS, FRESHNESS_LABELS, type FreshnessFlag } from '../../../shared/rules/freshness';
import { RECORD_STATUS_LABELS, type RecordStatus, type RecordStatusView } from '../../../shared/domain/record-status';

export const KIND_LABELS: Record<EvidenceKind, string> = {
  api_snapshot: 'API snapshot',
  findings: 'Findings',
  screenshot: 'Screenshot',
  document: 'Document',
};

const INTEGRITY: Record<ListedIntegrity, { color: string; label: string; help: string }> = {
  ok: {
    color: 'green',
    label: 'Matches its hash',
    help: 'The file on disk still has the SHA-256 recorded when it was added.',
  },
  tampered: {
    color: 'red',
    label: 'Tampered',
    help: 'The file on disk was changed after it was added: it no longer matches its SHA-256. It will not be exported.',
  },
  missing: {
    color: 'red',
    label: 'Missing',
    help: 'The file was deleted from the workspace. Restore it from a backup or add the evidence again.',
  },
  damaged: {
    color: 'red',
    label: 'Damaged',
    help: 'The evidence record cannot be read. It is shown from its seal in the activity log; withdraw it (with a reason) or restore the record from a backup.',
  },
  unreadable: {
    color: 'orange',
    label: 'Not checked',
    help: 'The file could not be read to check its hash. Check that the workspace folder is readable, then open this screen again.',
  },
};

export function IntegrityBadge({ integrity }: { integrity: ListedIntegrity }) {
  const i = INTEGRITY[integrity];
  return (
    <Tooltip label={i.help} multiline w={280}>
      <Badge
        color={i.color}
        variant={integrity === 'ok' ? 'light' : 'filled'}
        data-testid="integrity"
        data-integrity={integrity}
      >
        {i.label}
      </Badge>
    </Tooltip>
  );
}

const STATUS_HELP: Record<RecordStatus, string> = {
  withdrawn:
    'Withdrawn with a reason: kept in the workspace, left out of bundles, listed in their manifest as withdrawn.',
  retired:
    'Retired as wrong or superseded, with a reason: kept in the workspace, left out of bundles, listed in their manifest as retired.',
};

/** Withdrawn or Retired: the record is kept and shown, never shipped. */
export function RecordStatusBadge({ status }: { status: RecordStatusView }) {
  return (
    <Tooltip label={STATUS_HELP[status.status]} multiline w={280}>
      <Badge color="gray" variant="outline" ml={4} data-testid={`${status.status}-badge`}>
        {RECORD_STATUS_LABELS[status.status]}
      </Badge>
    </Tooltip>
  );
}

/** Dated after the as-of date, or before the freshness window: the pre-flight's rule, shown where people work. */
export function DateFlagBadges({ item }: { item: { dateFlags?: FreshnessFlag[]; source: { type: string } } }) {
  return (
    <>
      {(item.dateFlags ?? []).map((flag) => (
        <Tooltip
          key={flag}
          label={`${FRESHNESS_LABELS[flag]} (${item.source.type === 'import' ? 'its effective date' : 'the day it was captured'}, against the workspace's as-of date and the ${DEFAULT_FRESHNESS_DAYS}-day window). The export's pre-flight flags it too.`}
          multiline
          w={280}
        >
          <Badge color="yellow" variant="light" ml={4} data-testid="date-flag" data-flag={flag}>
            {FRESHNESS_LABELS[flag]}
          </Badge>
        </Tooltip>
      ))}
    </>
  );
}

/** Where a record stands: its hash check, withdrawn or retired, and dated outside the audit's window. */
export function EvidenceStandingBadges({
  item,
}: {
  item: {
    integrity: ListedIntegrity;
    recordStatus?: RecordStatusView;
    dateFlags?: FreshnessFlag[];
    source: { type: string };
  };
}) {
  return (
    <>
      <IntegrityBadge integrity={item.integrity} />
      {item.recordStatus && <RecordStatusBadge status={item.recordStatus} />}
      <DateFlagBadges item={item} />
    </>
  );
}

export const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
