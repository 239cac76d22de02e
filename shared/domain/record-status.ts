/**
 * What can happen to an evidence record after it was sealed, each set once by one line of the
 * activity log and never undone. Both keep the record and its file in the workspace and leave it
 * out of every bundle, which lists it under its status in manifest.json:
 * - withdrawn: the record or its file is damaged (Tampered, Damaged, Missing), the repair path;
 * - retired: intact evidence that is wrong or superseded, set aside by a person.
 */
export const RECORD_STATUSES = ['withdrawn', 'retired'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** The activity log action that sets each status. */
export const RECORD_STATUS_ACTIONS = {
  'evidence.withdrawn': 'withdrawn',
  'evidence.retired': 'retired',
} as const satisfies Record<string, RecordStatus>;

export const actionOfStatus = (status: RecordStatus) => `evidence.${status}` as const;

export const RECORD_STATUS_LABELS: Record<RecordStatus, string> = { withdrawn: 'Withdrawn', retired: 'Retired' };

/** A record's status as every screen and the bundle show it: who set it, when and why. */
export interface RecordStatusView {
  status: RecordStatus;
  reason: string;
  by: { name: string; email: string };
  at: string;
}
